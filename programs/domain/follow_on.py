"""Follow-on support (후속지원, seed 001): the best ≤ 30 % of a programme-year's commercialisation
projects get up to 200 M KRW more for overseas expansion or a technology-special listing.

The rules are flow data (``Program.flow["follow_on"]``): the share, the amount cap, the purposes,
which agreements form the cohort (running or finished) and the minimum score. The cohort is the
programme's agreements selected in one year; each is ranked by its latest decided annual or final
evaluation score. At most ⌊share × cohort size⌋ are selected (7 → 2, 10 → 3, 11 → 3). Selecting one
amends its agreement: the amount is added to the last agreement year (research activities of the
lead institution) and agreement version n+1 is recorded with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from agreements.domain.versions import record_version
from agreements.models import Agreement, AgreementBudgetLine, AgreementYear
from agreements.models.closing import EvaluationRound
from config.locking import AlreadyDecided, lock
from programs.domain.flows import flow_value
from programs.models import FollowOnSelection, Program
from programs.models.rules_2024 import FollowOnPurpose

FOLLOW_ON_CATEGORY = "activity"  # 연구활동비: overseas expansion and listing preparation


class FollowOnRefused(AlreadyDecided):
    status_code = 422


def follow_on_cap(cohort_size: int, share: str | Decimal = "0.3") -> int:
    """⌊share × cohort size⌋, exactly (Decimal: 0.3 × 10 is 3, not 2.9999…)."""
    return math.floor(Decimal(cohort_size) * Decimal(str(share)))


def spec_of(program: Program) -> dict:
    return flow_value(program=program, key="follow_on") or {}


@dataclass
class Candidate:
    agreement: Agreement
    score: Decimal | None
    stage: str
    selected: bool
    eligible: bool
    reason_ko: str
    reason_en: str


@dataclass
class Cohort:
    program: Program
    year: int
    size: int
    cap: int
    selected: int
    candidates: list[Candidate]

    @property
    def remaining(self) -> int:
        return max(self.cap - self.selected, 0)


def _cohort_agreements(program: Program, year: int, spec: dict):
    return Agreement.objects.filter(
        program=program, selection_notified_on__year=year,
        status__in=spec.get("cohort_statuses", ["active", "completed"]),
    ).select_related("lead_institution", "application")  # fmt: skip


def _latest_scores(agreement_ids, stages) -> dict[int, tuple[Decimal, str]]:
    rows = (
        EvaluationRound.objects.filter(
            agreement_id__in=agreement_ids, stage__in=stages, score__isnull=False
        )
        .exclude(decision="")
        .order_by("agreement_id", "-year_no", "-decided_at")
        .values_list("agreement_id", "score", "stage")
    )
    latest: dict[int, tuple[Decimal, str]] = {}
    for agreement_id, score, stage in rows:
        latest.setdefault(agreement_id, (score, stage))
    return latest


def cohort(*, program: Program, year: int) -> Cohort:
    """The programme-year cohort ranked by score, with the cap and who is already selected
    (a constant number of queries)."""
    spec = spec_of(program)
    agreements = list(_cohort_agreements(program, year, spec))
    scores = _latest_scores(
        [a.pk for a in agreements], spec.get("score_stages", ["final", "annual"])
    )
    chosen = set(
        FollowOnSelection.objects.filter(program=program, cohort_year=year).values_list(
            "agreement_id", flat=True
        )
    )
    min_score = Decimal(str(spec.get("min_score", 0)))
    out = []
    for a in agreements:
        score, stage = scores.get(a.pk, (None, ""))
        if score is None:
            ok, ko, en = False, "결정된 연차·최종평가 점수 없음", "no decided annual or final score"
        elif score < min_score:
            ok, ko, en = False, f"점수 {score} < {min_score}", f"score {score} < {min_score}"
        else:
            ok, ko, en = True, f"점수 {score} ≥ {min_score}", f"score {score} ≥ {min_score}"
        out.append(Candidate(a, score, stage, a.pk in chosen, ok, ko, en))
    out.sort(key=lambda c: (c.score is None, -(c.score or 0), c.agreement.pk))
    cap = follow_on_cap(len(agreements), spec.get("share", "0.3"))
    return Cohort(program, year, len(agreements), cap, len(chosen), out)


def _refuse(ko: str, en: str, code: str):
    raise FollowOnRefused(ko, en, code=code)


def select_follow_on(
    *, agreement: Agreement, purpose: str, amount_krw: int, actor, now=None
) -> FollowOnSelection:
    """Select one agreement for follow-on support and amend it (version n+1).

    The programme row is locked first, so two staff selecting at once cannot pass the cap together;
    the agreement is locked before it is amended. Refusals (422) say why; a repeat is a 409.
    """
    with transaction.atomic():
        program = lock(Program, agreement.program_id)
        spec = spec_of(program)
        if not spec:
            _refuse("이 사업에는 후속지원이 없습니다.", "This programme has no follow-on support.",
                    "no_follow_on")  # fmt: skip
        locked = lock(
            Agreement.objects.select_related("application", "lead_institution"), agreement.pk
        )
        if FollowOnSelection.objects.filter(agreement=locked).exists():
            raise AlreadyDecided("이미 후속지원 과제로 선정되었습니다.",
                                 "This project is already selected for follow-on support.")  # fmt: skip
        if purpose not in spec.get("purposes", []) or purpose not in FollowOnPurpose.values:
            _refuse("후속지원 목적을 선택하십시오.", "Choose the purpose of the follow-on support.",
                    "purpose")  # fmt: skip
        cap_krw = int(spec.get("max_amount_krw", 0))
        if not isinstance(amount_krw, int) or amount_krw <= 0 or amount_krw > cap_krw:
            _refuse(f"추가 지원금은 1원 이상 {cap_krw:,}원 이하여야 합니다.",
                    f"The additional grant must be between 1 and {cap_krw:,} KRW.", "amount")  # fmt: skip
        year = locked.selection_notified_on.year
        group = cohort(program=program, year=year)
        mine = next((c for c in group.candidates if c.agreement.pk == locked.pk), None)
        if mine is None:
            _refuse("수행 중이거나 종료된 이 사업의 과제만 선정할 수 있습니다.",
                    "Only running or finished projects of this programme can be selected.", "cohort")  # fmt: skip
        if not mine.eligible:
            _refuse(f"선정 기준 미달: {mine.reason_ko}", f"Criteria not met: {mine.reason_en}",
                    "criteria")  # fmt: skip
        if group.selected >= group.cap:
            _refuse(
                f"{year}년 과제 {group.size}개 중 {group.cap}개(30% 이내)가 이미 선정되었습니다.",
                f"{group.cap} of the {group.size} projects of {year} (≤ 30 %) are already selected.",
                "cap",
            )
        selection = FollowOnSelection.objects.create(
            agreement=locked, program=program, cohort_year=year, purpose=purpose,
            score=mine.score, amount_krw=amount_krw, selected_by=actor,
        )  # fmt: skip
        _amend(locked, amount_krw)
        label = FollowOnPurpose(purpose).label
        version = record_version(
            agreement=locked, actor=actor,
            reason=f"후속지원 선정({label}) 시지원금 {amount_krw:,}원 증액 / follow-on support "
                   f"({purpose}): city grant +{amount_krw:,} KRW",
        )  # fmt: skip
        selection.version_no = version.version_no
        selection.save(update_fields=["version_no"])
        record_audit(
            actor=actor, action="follow_on.select", target=locked, before={},
            after={"purpose": purpose, "amount_krw": amount_krw, "score": str(mine.score),
                   "cohort": [year, group.size, group.cap], "version_no": version.version_no},
        )  # fmt: skip
        if locked.application.applicant_id:
            send_notice(
                recipient=locked.application.applicant,
                subject=f"후속지원 과제로 선정되었습니다 / Selected for follow-on support: {locked}",
                body=f"시지원금 {amount_krw:,}원 증액, 협약서 {version.version_no}판 / city grant "
                     f"+{amount_krw:,} KRW, agreement version {version.version_no}",
                event_key=f"follow_on:{selection.pk}:selected",
            )  # fmt: skip
    return selection


def _amend(agreement: Agreement, amount_krw: int) -> None:
    last = (
        AgreementYear.objects.select_for_update()
        .filter(agreement=agreement)
        .order_by("-year_no")
        .first()
    )
    if last is None:
        _refuse("협약 연차가 없습니다.", "The agreement has no years.", "no_years")
    line, _created = AgreementBudgetLine.objects.select_for_update().get_or_create(
        year=last, institution_id=agreement.lead_institution_id, category=FOLLOW_ON_CATEGORY
    )
    line.city_grant_krw += amount_krw
    line.save(update_fields=["city_grant_krw"])
    last.city_grant_krw += amount_krw
    last.save(update_fields=["city_grant_krw"])
    agreement.city_grant_krw += amount_krw
    Agreement.objects.filter(pk=agreement.pk).update(city_grant_krw=agreement.city_grant_krw)


def today_year() -> int:
    return timezone.localdate().year
