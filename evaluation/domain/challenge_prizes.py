"""Prizes of a challenge (flow ``challenge.prize_categories``): paid outside the project budget.

A prize has no settlement. It is recorded as a ``PrizeAward`` row (never edited), in won — the
category's amount — and, when paid abroad, in the payout currency's minor units at a recorded rate
(won per unit): ``amount_minor = round(amount_krw / rate × 10^exponent)``. Every prize with money
is also a ``prize_paid`` ledger row (agreements.domain.ledger): on the winner's agreement when it
has one, else a row naming the call, the application and the institution (no agreement). So the
prize is in the programme-year money figures and the money dashboard (shown apart, outside the
project budget) without entering any settlement.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from config.locking import AlreadyDecided, lock, refuse_duplicate
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import call_program, prize_categories
from evaluation.models import ChallengeTeam, PrizeAward
from programs.models import Call

# ISO 4217 minor-unit exponents of the currencies prizes are paid in (others: 2).
EXPONENT = {"KRW": 0, "JPY": 0, "USD": 2, "EUR": 2, "GBP": 2, "CNY": 2, "TWD": 2, "SGD": 2}


def _refuse(code: str, ko: str, en: str):
    raise EvaluationError(ko, en, code)


def minor_units(*, amount_krw: int, currency: str, rate_krw: Decimal) -> int:
    """The payout in the currency's minor units (half-even) for a prize of ``amount_krw`` won."""
    exponent = EXPONENT.get(currency, 2)
    exact = Decimal(amount_krw) / rate_krw * (Decimal(10) ** exponent)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


@transaction.atomic
def award_prize(
    *, call: Call, team: ChallengeTeam, category: str, actor, currency: str = "KRW",
    rate_krw: str | Decimal = "1", rate_on: dt.date | None = None,
) -> PrizeAward:  # fmt: skip
    """Award one prize category to a team, within the category's count."""
    program = call_program(call)
    spec = (
        next((c for c in prize_categories(program=program) if c["code"] == category), None)
        if program
        else None
    )
    if spec is None:
        _refuse("category", "알 수 없는 시상 부문입니다.", "Unknown prize category.")
    call = lock(Call, call.pk)
    if team.application.call_id != call.pk:
        _refuse("team", "이 공고의 팀이 아닙니다.", "Not a team of this call.")
    currency = (currency or "KRW").strip().upper()
    if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
        _refuse(
            "currency",
            "통화는 ISO 4217 세 글자 코드입니다(예: USD).",
            "The currency is a 3-letter ISO 4217 code (e.g. USD).",
        )
    try:
        rate = Decimal(str(rate_krw))
    except (InvalidOperation, ValueError):
        rate = Decimal(0)
    if currency == "KRW":
        rate = Decimal(1)
    if not rate.is_finite() or rate <= 0 or rate > Decimal("100000000"):
        _refuse(
            "rate",
            "환율(통화 1단위당 원)을 양수로 입력하세요.",
            "Enter the rate (won per currency unit) as a positive number.",
        )
    given = PrizeAward.objects.filter(call=call, category=category).count()
    if given >= int(spec["count"]):
        raise AlreadyDecided(f"'{spec['name_ko']}' 부문은 {spec['count']}팀까지입니다.",
                             f"The '{spec['name_en']}' category has {spec['count']} place(s), all awarded.",
                             code="full")  # fmt: skip
    amount = int(spec["amount_krw"])
    with refuse_duplicate(
        "이 팀은 이미 이 부문을 수상했습니다.", "This team already has this prize."
    ):
        prize = PrizeAward.objects.create(
            call=call, application=team.application, category=category, amount_krw=amount,
            currency=currency, amount_minor=minor_units(amount_krw=amount, currency=currency, rate_krw=rate),
            rate_krw=rate, rate_on=rate_on or timezone.localdate(), awarded_by=actor,
        )  # fmt: skip
    _post_to_ledger(prize=prize, actor=actor)
    record_audit(actor=actor, action="challenge.prize", target=prize,
                 after={"category": category, "team": team.pk, "amount_krw": amount,
                        "currency": currency, "amount_minor": prize.amount_minor, "rate": str(rate)})  # fmt: skip
    send_notice(recipient=team.application.applicant, link="",
                subject=f"수상: {spec['name_ko']} / Prize: {spec['name_en']}",
                body=f"{amount:,}원 / {amount:,} KRW", event_key=f"challenge:prize:{prize.pk}")  # fmt: skip
    return prize


def _post_to_ledger(*, prize: PrizeAward, actor) -> None:
    """Every prize with money is a ``prize_paid`` ledger row: in the programme-year money figures,
    outside the project budget and any settlement. A winner with an agreement (e.g. its prototype
    agreement) gets the row on that agreement's ledger; a winner without one (e.g. an academic
    contest's paper) gets a row naming the call, the application and the institution."""
    from agreements.domain.ledger import post_entry, post_prize_entry
    from agreements.enums import LedgerKind
    from agreements.models import Agreement

    if prize.amount_krw <= 0:
        return
    reference = f"prize:{prize.pk}"
    note = f"{prize.category} {prize.currency} {prize.amount_minor}"
    agreement = Agreement.objects.filter(application_id=prize.application_id).first()
    if agreement is not None:
        post_entry(
            agreement=agreement, kind=LedgerKind.PRIZE_PAID, amount_krw=prize.amount_krw,
            occurred_on=prize.rate_on, actor=actor, reference=reference, note=note,
        )  # fmt: skip
        return
    app = prize.application
    team = getattr(app, "challenge_team", None)
    post_prize_entry(
        program_id=call_program(prize.call).pk, call_id=prize.call_id, application_id=app.pk,
        # a team of pre-founders has no institution (its proposal is only filed under the host)
        institution=(app.lead_institution if team is None else team.institution),
        amount_krw=prize.amount_krw, occurred_on=prize.rate_on, actor=actor, target=prize,
        reference=reference, note=note,
    )  # fmt: skip


def prize_totals(*, call: Call) -> dict:
    """Money figures of a call's prizes (won), by category and in all, against the prize budget."""
    by_category = dict(
        PrizeAward.objects.filter(call=call).values("category").annotate(s=Sum("amount_krw"))
        .values_list("category", "s")
    )  # fmt: skip
    return {"by_category": by_category, "total_krw": sum(by_category.values())}
