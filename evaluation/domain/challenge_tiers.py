"""Tiers after a challenge's final (e.g. 최우수 1 × 200 M, 우수 3 × 150 M, 장려 9 × 100 M) and the
agreement each tier's amount becomes.

Tie-break (also printed on the ranking page). The seeds say nothing about ties, so the order is:

1. the higher final score (the combined final score of ``challenge_ranking``; for a programme
   without citizens' or on-site parts it is the final step's stored total);
2. the higher mean of the final's **technical criterion** over the submitted score sheets: the
   flow's ``tie_break_criterion``, "creativity" (과제의 창의성 및 차별성, creativity and
   differentiation of the technology) for both challenges;
3. the earlier submission of the proposal (``Application.submitted_at``);
4. the lower receipt number (unique in a call, so every tie ends here).

The final ranking then fills the tiers in their catalogue order: the first ``count`` teams get the
first tier, the next ``count`` the second, and so on; teams without a final score get none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from applications.domain.state import set_application_status
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided, lock
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import (
    call_program,
    development_period,
    tie_break_criterion,
    tiers,
)
from evaluation.domain.challenge_ranking import combined_final_scores
from evaluation.enums import AssignmentStatus, SheetStatus
from evaluation.models import CommitteeDecision, CriterionScore, TierAward
from programs.models import Call

TIE_BREAK_KEYS = ("final score", "technical criterion", "earlier submission", "receipt number")
FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Finalist:
    application_id: int
    receipt_no: str
    final_score: Decimal | None
    technical: Decimal | None
    submitted_at: dt.datetime | None


@dataclass(frozen=True)
class Placement:
    finalist: Finalist
    rank: int
    tier_code: str
    amount_krw: int
    tie_break: str


def _key(f: Finalist) -> tuple:
    return (
        -(f.final_score if f.final_score is not None else Decimal("-1e9")),
        -(f.technical if f.technical is not None else Decimal("-1e9")),
        f.submitted_at or FAR_FUTURE,
        f.receipt_no,
    )


def fill_tiers(finalists: list[Finalist], tier_list) -> list[Placement]:
    """Rank by the documented tie-break and fill the tiers in order (pure function)."""
    ranked = sorted((f for f in finalists if f.final_score is not None), key=_key)
    slots = [(t.code, t.amount_krw) for t in tier_list for _ in range(t.count)]
    placements, previous = [], None
    for position, (finalist, (code, amount)) in enumerate(zip(ranked, slots, strict=False), 1):
        tie_break = ""
        key = _key(finalist)
        if previous is not None and previous[0] == key[0]:
            tie_break = next(
                n for n, a, b in zip(TIE_BREAK_KEYS, previous, key, strict=True) if a != b
            )
        placements.append(Placement(finalist, position, code, amount, tie_break))
        previous = key
    return placements


def finalists(*, call: Call, track_code: str = "") -> list[Finalist]:
    program = call_program(call)
    scores = combined_final_scores(call=call, track_code=track_code)
    criterion = tie_break_criterion(program=program)
    technical = dict(
        CriterionScore.objects.filter(
            code=criterion, sheet__status=SheetStatus.SUBMITTED,
            sheet__assignment__call=call, sheet__assignment__stage="presentation",
            sheet__assignment__status=AssignmentStatus.ACTIVE,
        ).values("sheet__assignment__application_id")
        .annotate(m=Avg("points")).values_list("sheet__assignment__application_id", "m")
    )  # fmt: skip
    apps = Application.objects.filter(pk__in=scores).values_list("pk", "receipt_no", "submitted_at")
    return [
        Finalist(pk, receipt, scores[pk]["final"],
                 None if technical.get(pk) is None else Decimal(technical[pk]).quantize(Decimal("0.01")),
                 submitted)
        for pk, receipt, submitted in apps
    ]  # fmt: skip


def preview(*, call: Call, track_code: str = "") -> list[Placement]:
    program = call_program(call)
    return fill_tiers(
        finalists(call=call, track_code=track_code), tiers(program=program, call=call)
    )


@transaction.atomic
def assign_tiers(*, call: Call, actor) -> list[TierAward]:
    """Decide the tiers of a call once: awards, committee decisions (granted = the tier amount),
    statuses of the finalists (selected / not selected), audit and one notice per team."""
    program = call_program(call)
    call = lock(Call, call.pk)
    if program is None or not tiers(program=program, call=call):
        raise EvaluationError(
            "이 공고에는 등급(시상 구간)이 없습니다.", "This call has no tiers.", "no_tiers"
        )
    if TierAward.objects.filter(call=call).exists():
        raise AlreadyDecided("등급이 이미 결정되었습니다.", "The tiers are already decided.")
    placements = preview(call=call)
    if not placements:
        raise EvaluationError("결선 순위가 아직 없습니다. 결선평가 순위를 먼저 산출하세요.",
                              "No final ranking yet: rank the final first.", "final_missing")  # fmt: skip
    names = {t.code: t for t in tiers(program=program, call=call)}
    awards, awarded_ids = [], set()
    for p in placements:
        awards.append(TierAward.objects.create(
            call=call, application_id=p.finalist.application_id, tier_code=p.tier_code, rank=p.rank,
            amount_krw=p.amount_krw, final_score=p.finalist.final_score, tie_break=p.tie_break,
            decided_by=actor,
        ))  # fmt: skip
        CommitteeDecision.objects.update_or_create(
            application_id=p.finalist.application_id,
            defaults={"call": call, "selected": True, "order": p.rank, "granted_krw": p.amount_krw,
                      "reason": f"{names[p.tier_code].name_ko} / {names[p.tier_code].name_en}",
                      "decided_by": actor},
        )  # fmt: skip
        awarded_ids.add(p.finalist.application_id)
    scored = {f.application_id for f in finalists(call=call)}
    for app in Application.objects.select_for_update().filter(pk__in=scored).order_by("pk"):
        target = (
            ApplicationStatus.SELECTED if app.pk in awarded_ids else ApplicationStatus.NOT_SELECTED
        )
        if app.status == ApplicationStatus.IN_EVALUATION:
            set_application_status(application=app, status=target, actor=actor,
                                   reason="challenge tiers", notify=False)  # fmt: skip
        tier = next((a for a in awards if a.application_id == app.pk), None)
        send_notice(
            recipient=app.applicant, link="",
            subject=(f"결선 결과: {names[tier.tier_code].name_ko} / Final result: {names[tier.tier_code].name_en}"
                     if tier else "결선 결과 / Final result"),
            body=(f"{tier.amount_krw:,}원 ({tier.rank}위) / {tier.amount_krw:,} KRW (rank {tier.rank})"
                  if tier else "시상 등급에 들지 못했습니다. / Not placed in a tier."),
            event_key=f"challenge:{call.pk}:tiers:{app.pk}",
        )  # fmt: skip
    record_audit(actor=actor, action="challenge.tiers", target=call,
                 after={"awards": [[a.application_id, a.tier_code, a.rank, a.amount_krw, a.tie_break]
                                   for a in awards]})  # fmt: skip
    return awards


def create_tier_agreement(*, award: TierAward, actor):
    """The tier's amount as the team's agreement money for the development period the flow gives
    (next year's budget, e.g. 10 months from February), through agreements.domain.creation:

    - the team has its prototype agreement: the tier becomes its NEXT agreement year (an
      amendment, version n+1), budget lines from the team's development plan scaled to the tier;
    - no agreement yet (e.g. a re-entered team, which had no prototype here): the agreement is
      created with the tier year only.

    The award row is locked and remembers its agreement year, so the year is added once even when
    the form is sent twice (the second gets a 409). Teams not awarded keep their prototype year."""
    from agreements.domain.creation import CreationRefused, create_agreement, scale_exactly
    from agreements.domain.stage_agreements import add_agreement_year
    from agreements.models import Agreement

    with transaction.atomic():
        award = lock(TierAward, award.pk)
        if award.agreement_year_id is not None:
            raise AlreadyDecided("이 등급의 협약 연차가 이미 반영되었습니다.",
                                 "The tier is already in the team's agreement.", code="duplicate")  # fmt: skip
        app = Application.objects.select_related("challenge_team", "call", "program").get(
            pk=award.application_id
        )
        team = getattr(app, "challenge_team", None)
        if team is not None and team.institution_id is None:
            raise CreationRefused("예비창업자 팀은 창업한 기업을 등록한 뒤 협약할 수 있습니다.",
                                  "A team of pre-founders names the company it founded before the agreement.",
                                  code="no_institution")  # fmt: skip
        items = list(app.budget_items.order_by("institution_id", "category", "year"))
        if not items:
            raise CreationRefused("팀의 기술개발 예산(연구개발계획서 예산)이 없습니다.",
                                  "The team has not filed its development budget.", code="no_budget")  # fmt: skip
        period = development_period(program=app.program, call=app.call)
        tier_label = _tier_label(app, award)
        agreement = Agreement.objects.filter(application=app).first()
        if agreement is not None:
            if period is None:
                raise CreationRefused("흐름 자료에 기술개발 기간이 없습니다.",
                                      "The flow data gives no development period.", code="period_missing")  # fmt: skip
            lines: dict[tuple[int, str], list[int]] = {}
            for i in items:
                row = lines.setdefault((i.institution_id, i.category), [0, 0, 0])
                row[0], row[1], row[2] = (
                    row[0] + i.city_krw,
                    row[1] + i.cash_krw,
                    row[2] + i.inkind_krw,
                )
            keys = list(lines)
            city = scale_exactly([lines[k][0] for k in keys], award.amount_krw)
            year = add_agreement_year(
                agreement=agreement, starts_on=period[0], ends_on=period[1],
                lines=[(k[0], k[1], c, lines[k][1], lines[k][2]) for k, c in zip(keys, city, strict=True)],
                actor=actor,
                reason=f"결선 {tier_label[0]} 기술개발 연차 추가 {award.amount_krw:,}원 / final "
                       f"{tier_label[1]}: development year added, {award.amount_krw:,} KRW",
            )  # fmt: skip
        else:
            if period is not None and (app.starts_on, app.ends_on) != period:
                Application.objects.filter(pk=app.pk).update(starts_on=period[0], ends_on=period[1])
                record_audit(actor=actor, action="challenge.development_period", target=app,
                             before={"starts_on": str(app.starts_on), "ends_on": str(app.ends_on)},
                             after={"starts_on": str(period[0]), "ends_on": str(period[1])})  # fmt: skip
                app.refresh_from_db()
            agreement = create_agreement(application=app, actor=actor, now=timezone.now())
            year = agreement.years.order_by("-year_no").first()
        award.agreement_year = year
        award.save(update_fields=["agreement_year"])
        record_audit(actor=actor, action="challenge.tier_agreement", target=award,
                     after={"agreement": agreement.pk, "year_no": year.year_no,
                            "amount_krw": award.amount_krw})  # fmt: skip
    return agreement


def _tier_label(app: Application, award: TierAward) -> tuple[str, str]:
    spec = next(
        (t for t in tiers(program=app.program, call=app.call) if t.code == award.tier_code), None
    )
    return (spec.name_ko, spec.name_en) if spec else (award.tier_code, award.tier_code)
