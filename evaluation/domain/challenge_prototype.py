"""The prototype stage's money (시제품 제작비) as each advancing team's agreement.

When staff confirm the teams that advance from the preliminary to the prototype, each team gets
its agreement (``agreements.domain.creation.create_stage_agreement``): ONE agreement year of the
prototype money and months of the call's year (flow data, ``prototype_terms``):

- a fixed amount (2021: 20,000,000 KRW for 4 months, seed 000 Ⅳ-⑩): every team gets exactly it;
- an amount that is a cap (from 2024: up to 80,000,000 KRW and up to 6 months, seed 001): staff
  give each team's amount, at most the cap (the cap when none is given);
- a call total without a per-team amount (R09's technical contest: 시제품 개발비 총 8억원): staff
  give each team's amount; the call's prototype agreements together stay within the total.

The final's tier is then added to that agreement as the next year (``challenge_tiers``). A team of
pre-founders must name its company first (it gets no agreement until then, and is listed as
waiting); teams that already have their agreement are left as they are, so a second submission
creates nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from config.locking import lock
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import call_program, development_period, prototype_terms
from evaluation.models import ChallengeTeam, StageResult
from programs.models import Call


def _refuse(code: str, ko: str, en: str):
    raise EvaluationError(ko, en, code)


@dataclass
class PrototypeOutcome:
    created: list = field(default_factory=list)  # agreements created now
    existing: int = 0  # teams that already had their agreement
    waiting: list = field(default_factory=list)  # (team, reason_ko, reason_en)


def prototype_amount(*, terms: dict, amount_krw: int | None) -> int:
    """One team's prototype money in won from the terms of the call's year (pure)."""
    fixed = terms.get("amount_krw")
    if fixed is not None and not terms.get("amount_is_cap"):
        if amount_krw is not None and amount_krw != int(fixed):
            _refuse("fixed", f"이 공고의 시제품 제작비는 팀당 {int(fixed):,}원으로 정해져 있습니다.",
                    f"The prototype money of this call is fixed at {int(fixed):,} KRW per team.")  # fmt: skip
        return int(fixed)
    if amount_krw is None:
        if fixed is None:
            _refuse("amount_missing", "팀별 시제품 제작비를 입력하세요.",
                    "Enter each team's prototype money.")  # fmt: skip
        return int(fixed)
    if not isinstance(amount_krw, int) or isinstance(amount_krw, bool) or amount_krw <= 0:
        _refuse("amount", "시제품 제작비는 1원 이상의 정수(원)입니다.",
                "The prototype money is a whole number of won, at least 1.")  # fmt: skip
    if fixed is not None and amount_krw > int(fixed):
        _refuse("over_cap",
                f"시제품 제작비 {amount_krw:,}원이 팀당 상한 {int(fixed):,}원을 넘습니다.",
                f"The prototype money of {amount_krw:,} KRW exceeds the cap of {int(fixed):,} KRW per team.")  # fmt: skip
    return amount_krw


def prototype_period(*, terms: dict, starts_on: dt.date) -> tuple[dt.date, dt.date]:
    """The prototype's period: ``months`` from its first day (4 months from 1 Aug = 1 Aug–30 Nov)."""
    from agreements.models.agreement import add_months

    months = int(terms.get("months") or 0)
    if months <= 0:
        _refuse("months", "흐름 자료에 시제품 기간(개월)이 없습니다.",
                "The flow data gives no prototype period (months).")  # fmt: skip
    return starts_on, add_months(starts_on, months) - dt.timedelta(days=1)


def advancing_teams(*, call: Call, track_code: str = "") -> list[ChallengeTeam]:
    """Teams of the track that advance from the preliminary (stored preliminary ranking)."""
    advanced = StageResult.objects.filter(call=call, stage="document", advances=True).values(
        "application_id"
    )
    return list(
        ChallengeTeam.objects.filter(
            application__call=call, application__track=track_code, application_id__in=advanced
        )
        .select_related("application")
        .order_by("name", "pk")
    )


def _spent(call: Call, track_code: str) -> int:
    from agreements.models import AgreementYear

    return int(
        AgreementYear.objects.filter(
            agreement__application__call=call, agreement__application__track=track_code, year_no=1
        ).aggregate(s=Sum("city_grant_krw"))["s"]
        or 0
    )


def create_prototype_agreements(
    *,
    call: Call,
    actor,
    starts_on: dt.date | None = None,
    amounts: dict[int, int] | None = None,
    track_code: str = "",
) -> PrototypeOutcome:
    """Confirm the teams advancing to the prototype: each one without an agreement gets it (year 1
    = the prototype money and months). ``amounts`` maps a team's application id to its amount
    (won) where the terms let staff choose. Every amount is checked before anything is created."""
    from agreements.domain.creation import CreationRefused
    from agreements.domain.stage_agreements import create_stage_agreement
    from agreements.models import Agreement

    program = call_program(call)
    terms = prototype_terms(program=program, call=call, track_code=track_code) if program else None
    if not terms:
        _refuse("no_prototype", "이 공고(경연)에는 시제품 단계의 지원금이 없습니다.",
                "This call (contest) has no prototype money.")  # fmt: skip
    amounts = amounts or {}
    starts_on = starts_on or timezone.localdate()
    period = prototype_period(terms=terms, starts_on=starts_on)
    development = development_period(program=program, call=call)
    if development is not None and period[1] >= development[0]:
        _refuse("period_overlap",
                f"시제품 기간({period[0].isoformat()}~{period[1].isoformat()})은 결선 기술개발 시작일"
                f"({development[0].isoformat()}) 전에 끝나야 합니다.",
                f"The prototype ({period[0].isoformat()} to {period[1].isoformat()}) must end before "
                f"the final's development starts ({development[0].isoformat()}).")  # fmt: skip
    outcome = PrototypeOutcome()
    with transaction.atomic():
        call = lock(Call, call.pk)  # two confirmations at once: the second waits, then skips
        teams = advancing_teams(call=call, track_code=track_code)
        if not teams:
            _refuse("none_advancing", "예선을 통과한 팀이 없습니다. 예선 순위를 먼저 산출하세요.",
                    "No team advances from the preliminary: rank it first.")  # fmt: skip
        have = set(
            Agreement.objects.filter(application__in=[t.application_id for t in teams]).values_list(
                "application_id", flat=True
            )
        )
        todo = []
        for team in teams:
            if team.application_id in have:
                outcome.existing += 1
            elif team.institution_id is None and team.kind == "pre_founder":
                outcome.waiting.append((team, "창업 기업 등록 전(예비창업자)",
                                        "pre-founders: company not named yet"))  # fmt: skip
            else:
                todo.append((team, prototype_amount(terms=terms,
                                                    amount_krw=amounts.get(team.application_id))))  # fmt: skip
        total = terms.get("funding_total_krw")
        if total is not None and _spent(call, track_code) + sum(a for _t, a in todo) > int(total):
            _refuse("over_total",
                    f"시제품 개발비 합계가 공고 총액 {int(total):,}원을 넘습니다.",
                    f"The prototype money together exceeds the call's total of {int(total):,} KRW.")  # fmt: skip
        for team, amount in todo:
            try:
                with transaction.atomic():
                    agreement = create_stage_agreement(
                        application=team.application, actor=actor, starts_on=period[0],
                        ends_on=period[1], city_grant_krw=amount,
                        category=terms.get("budget_category", "materials"),
                        reason=f"시제품 제작 협약 / prototype agreement ({amount:,} KRW)",
                    )  # fmt: skip
            except CreationRefused as refused:
                outcome.waiting.append((team, refused.message_ko, refused.message_en))
                continue
            outcome.created.append(agreement)
            send_notice(
                recipient=team.application.applicant, link="",
                subject=f"시제품 제작 협약 / Prototype agreement: {team.name}",
                body=f"{amount:,}원, {period[0].isoformat()} ~ {period[1].isoformat()} / "
                     f"{amount:,} KRW, {period[0].isoformat()} to {period[1].isoformat()}",
                event_key=f"challenge:prototype:{team.application_id}",
            )  # fmt: skip
        record_audit(
            actor=actor, action="challenge.prototype_agreements", target=call,
            after={"track": track_code, "created": [a.application_id for a in outcome.created],
                   "existing": outcome.existing,
                   "waiting": [t.application_id for t, _ko, _en in outcome.waiting],
                   "period": [period[0].isoformat(), period[1].isoformat()]},
        )  # fmt: skip
    return outcome
