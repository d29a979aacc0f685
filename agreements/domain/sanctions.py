"""Sanctions decided by staff (seed 002 §6), each with a period and a reason, audited and notified:

- giving up after selection without force majeure (⑤): participation restriction; the agreement,
  if still running, is terminated;
- false or forged documents (②): termination of the agreement and a participation restriction;
- misuse of funds: a recovery bill of the misused amount and a penalty surcharge (제재부가금) bill,
  plus a participation restriction.

The restriction is written as the screening `Sanction` row (the `participation_restriction` rule
reads it) for the lead institution, and for the named researcher when given.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from accounts.domain.audit import record_audit, send_notice
from accounts.models import Researcher, User
from agreements.domain.bills import ClosingRefused, issue_bill
from agreements.domain.state import set_agreement_status
from agreements.enums import AgreementStatus, BillKind, SanctionKind
from agreements.models import Agreement
from agreements.models.closing import SanctionDecision
from config.locking import lock

TERMINATES = (SanctionKind.GIVING_UP, SanctionKind.FALSE_DOCUMENTS)
ENDED = (AgreementStatus.COMPLETED, AgreementStatus.TERMINATED)


def _check(kind, starts_on, ends_on, reason, recovery_krw, penalty_krw) -> None:
    if not reason:
        raise ClosingRefused("제재 사유를 입력하십시오.", "Enter the reason.", "reason_required")
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise ClosingRefused(
            "제재 기간(시작일 ≤ 종료일)을 입력하십시오.",
            "Enter the restriction period (start on or before end).",
            "period_invalid",
        )
    for value in (recovery_krw, penalty_krw):
        if not isinstance(value, int) or value < 0:
            raise ClosingRefused("금액은 0원 이상의 정수입니다.", "Amounts are whole won ≥ 0.",
                                 "amount_invalid")  # fmt: skip
    if kind == SanctionKind.MISUSE and not (recovery_krw or penalty_krw):
        raise ClosingRefused(
            "부정사용 제재에는 환수금 또는 제재부가금을 입력하십시오.",
            "For misuse enter the recovery or the penalty surcharge.",
            "amount_required",
        )


@transaction.atomic
def impose_sanction(
    *,
    agreement: Agreement,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    actor: User,
    researcher: Researcher | None = None,
    recovery_krw: int = 0,
    penalty_krw: int = 0,
) -> SanctionDecision:
    from evaluation.screening.models import Sanction

    kind = SanctionKind(kind)
    reason = (reason or "").strip()
    if kind != SanctionKind.MISUSE:
        recovery_krw = penalty_krw = 0
    _check(kind, starts_on, ends_on, reason, recovery_krw, penalty_krw)
    agreement = lock(Agreement.objects.select_related("program", "lead_institution"), agreement.pk)
    label = f"{kind.label} ({agreement.verify_code}): {reason}"[:300]
    decision = SanctionDecision(
        agreement=agreement, institution=agreement.lead_institution, researcher=researcher,
        kind=kind, starts_on=starts_on, ends_on=ends_on, reason=reason, decided_by=actor,
    )  # fmt: skip
    decision.restriction = Sanction.objects.create(
        institution=agreement.lead_institution, reason=label, starts_on=starts_on, ends_on=ends_on
    )
    if researcher is not None:
        decision.researcher_restriction = Sanction.objects.create(
            researcher=researcher, reason=label, starts_on=starts_on, ends_on=ends_on
        )
    if recovery_krw:
        decision.recovery_bill = issue_bill(
            agreement=agreement, kind=BillKind.RECOVERY, amount_krw=recovery_krw, actor=actor,
            basis={"sanction": kind.value}, note=f"부정사용 환수: {reason}",
        )  # fmt: skip
    if penalty_krw:
        decision.penalty_bill = issue_bill(
            agreement=agreement, kind=BillKind.PENALTY, amount_krw=penalty_krw, actor=actor,
            basis={"sanction": kind.value}, note=f"제재부가금: {reason}",
        )  # fmt: skip
    decision.save()
    record_audit(actor=actor, action=f"agreement.sanction.{kind.value}", target=agreement,
                 after={"decision": decision.pk, "starts_on": starts_on.isoformat(),
                        "ends_on": ends_on.isoformat(), "recovery_krw": recovery_krw,
                        "penalty_krw": penalty_krw,
                        "researcher": researcher.pk if researcher else None}, reason=reason)  # fmt: skip
    if kind in TERMINATES and agreement.status not in ENDED:
        set_agreement_status(
            agreement=agreement, status=AgreementStatus.TERMINATED, actor=actor,
            reason=f"제재 / sanction – {kind.label}: {reason}",
        )  # fmt: skip
    send_notice(
        recipient=agreement.application.applicant,
        subject=f"제재 결정 / Sanction: {kind.label}",
        body=f"참여제한 {starts_on} ~ {ends_on}\n{reason}",
        event_key=f"sanction:{decision.pk}",
    )
    return decision
