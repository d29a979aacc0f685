"""Bills (recovery 환수, royalty 기술료, penalty 제재부가금): issue, instalment plan, payment, and the
sync that writes them as the screening Obligation rows (`unfulfilled_obligations` reads them).

Every billed and paid won is a ledger row through post_entry. A bill is locked for each change.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.domain.closing_rules import due_days
from agreements.domain.ledger import post_entry
from agreements.enums import BillKind, BillStatus, LedgerKind
from agreements.models import Agreement
from agreements.models.closing import Bill
from config.locking import AlreadyDecided, lock
from evaluation.domain import EvaluationError

BILLED_KIND = {
    BillKind.RECOVERY: LedgerKind.RECOVERY_BILLED,
    BillKind.ROYALTY: LedgerKind.ROYALTY_BILLED,
    BillKind.PENALTY: LedgerKind.PENALTY,
}
PAID_KIND = {
    BillKind.RECOVERY: LedgerKind.RECOVERY_PAID,
    BillKind.ROYALTY: LedgerKind.ROYALTY_PAID,
    BillKind.PENALTY: LedgerKind.PENALTY_PAID,
}
PREFIX = {BillKind.RECOVERY: "RC", BillKind.ROYALTY: "RY", BillKind.PENALTY: "PN"}
OBLIGATION_KIND = {
    BillKind.RECOVERY: "recovery",
    BillKind.ROYALTY: "royalty",
    BillKind.PENALTY: "penalty",
}
OPEN_STATUSES = (BillStatus.OPEN, BillStatus.OVERDUE)


class ClosingRefused(EvaluationError):
    """A refused closing action (evaluation round, settlement, royalty, bill, sanction): ko/en."""

    status_code = 422


def issue_bill(
    *,
    agreement: Agreement,
    kind: str,
    amount_krw: int,
    actor: User | None,
    basis: dict | None = None,
    note: str = "",
    issued_on: dt.date | None = None,
) -> Bill:
    """Issue a bill to the lead institution with its due date (catalogue days or DEFAULT) and post
    the billed amount to the ledger. Call inside a transaction holding the agreement's lock."""
    kind = BillKind(kind)
    if not isinstance(amount_krw, int) or amount_krw <= 0:
        raise ClosingRefused(
            "청구 금액은 0원보다 커야 합니다.", "A bill's amount must be positive."
        )
    issued_on = issued_on or timezone.localdate()
    days, source = due_days(agreement.program, kind.value)
    bill = Bill.objects.create(
        agreement=agreement, institution=agreement.lead_institution, number="", kind=kind,
        amount_krw=amount_krw, issued_on=issued_on, due_on=issued_on + dt.timedelta(days=days),
        basis={**(basis or {}), "due_days": days, "due_days_source": source}, note=note[:300],
        created_by=actor if actor is not None and actor.pk else None,
    )  # fmt: skip
    bill.number = f"{PREFIX[kind]}-{issued_on.year}-{bill.pk:06d}"
    bill.save(update_fields=["number"])
    post_entry(
        agreement=agreement, kind=BILLED_KIND[kind], amount_krw=amount_krw, occurred_on=issued_on,
        actor=actor, institution=agreement.lead_institution, reference=f"bill:{bill.number}",
        note=note[:300],
    )  # fmt: skip
    record_audit(actor=actor, action=f"bill.issue.{kind.value}", target=bill,
                 after={"number": bill.number, "amount_krw": amount_krw,
                        "due_on": bill.due_on.isoformat()}, reason=note)  # fmt: skip
    send_notice(
        recipient=agreement.application.applicant,
        subject=f"{kind.label} 청구 {bill.number} / Bill {bill.number}",
        body=f"{amount_krw:,}원, 납부기한 {bill.due_on} / {amount_krw:,} KRW due {bill.due_on}",
        event_key=f"bill:{bill.pk}:issued",
    )
    sync_bill_obligation(bill=bill, today=issued_on)
    return bill


def _parse_plan(bill: Bill, plan: list[dict]) -> list[dict]:
    items: list[dict] = []
    for item in plan:
        try:
            due = dt.date.fromisoformat(str(item["due_on"]))
            amount = int(item["amount_krw"])
        except (KeyError, TypeError, ValueError):
            raise ClosingRefused(
                "분할 납부 계획의 날짜와 금액을 확인하십시오.",
                "Check the dates and amounts of the instalment plan.",
                "plan_invalid",
            ) from None
        if amount <= 0 or due < bill.issued_on:
            raise ClosingRefused(
                "분할 금액은 0원보다 크고 기한은 청구일 이후여야 합니다.",
                "Each instalment must be positive and due on or after the issue date.",
                "plan_invalid",
            )
        items.append({"due_on": due.isoformat(), "amount_krw": amount})
    if len(items) < 2:
        raise ClosingRefused(
            "분할 납부는 2회 이상이어야 합니다.", "A plan has at least 2 instalments.", "plan_short"
        )
    if sum(i["amount_krw"] for i in items) != bill.amount_krw:
        raise ClosingRefused(
            f"분할 금액의 합이 청구액 {bill.amount_krw:,}원과 같아야 합니다.",
            f"The instalments must add up to the bill's {bill.amount_krw:,} KRW.",
            "plan_total",
        )
    return sorted(items, key=lambda i: i["due_on"])


@transaction.atomic
def allow_instalments(*, bill: Bill, plan: list[dict], actor: User, reason: str) -> Bill:
    """Staff allow paying an open bill in instalments (dates and amounts summing to the bill)."""
    if not (reason or "").strip():
        raise ClosingRefused("사유를 입력하십시오.", "Enter the reason.", "reason_required")
    bill = lock(Bill, bill.pk)
    if bill.status not in OPEN_STATUSES or bill.paid_krw:
        raise AlreadyDecided(
            "납부가 시작되었거나 종결된 청구서는 분할 계획을 바꿀 수 없습니다.",
            "A bill already (partly) paid or closed cannot get a new plan.",
        )
    items = _parse_plan(bill, plan)
    before = bill.instalments
    bill.instalments = items
    bill.due_on = dt.date.fromisoformat(items[-1]["due_on"])
    bill.save(update_fields=["instalments", "due_on"])
    record_audit(actor=actor, action="bill.instalments", target=bill, before=before,
                 after=items, reason=reason)  # fmt: skip
    sync_bill_obligation(bill=bill)
    return bill


@transaction.atomic
def record_payment(
    *, bill: Bill, amount_krw: int, paid_on: dt.date, actor: User, reference: str = ""
) -> Bill:
    """Record a payment received on a bill (at most the outstanding amount); ledger row; the bill
    is paid when nothing is outstanding."""
    bill = lock(Bill.objects.select_related("agreement"), bill.pk)
    if bill.status not in OPEN_STATUSES:
        raise AlreadyDecided("이미 종결된 청구서입니다.", "This bill is already closed.")
    if not isinstance(amount_krw, int) or amount_krw <= 0 or amount_krw > bill.outstanding_krw:
        raise ClosingRefused(
            f"납부액은 1원 이상 미납액 {bill.outstanding_krw:,}원 이하입니다.",
            f"A payment is between 1 KRW and the outstanding {bill.outstanding_krw:,} KRW.",
            "amount_invalid",
        )
    post_entry(
        agreement=bill.agreement, kind=PAID_KIND[BillKind(bill.kind)], amount_krw=amount_krw,
        occurred_on=paid_on, actor=actor, institution=bill.institution,
        reference=f"bill:{bill.number}", note=reference[:300],
    )  # fmt: skip
    before = {"paid_krw": bill.paid_krw, "status": bill.status}
    bill.paid_krw += amount_krw
    if bill.outstanding_krw == 0:
        bill.status, bill.paid_on = BillStatus.PAID, paid_on
    bill.save(update_fields=["paid_krw", "status", "paid_on"])
    record_audit(actor=actor, action="bill.payment", target=bill, before=before,
                 after={"paid_krw": bill.paid_krw, "status": bill.status, "amount_krw": amount_krw},
                 reason=reference)  # fmt: skip
    sync_bill_obligation(bill=bill)
    return bill


def cancel_bill(*, bill: Bill, actor: User, reason: str) -> Bill:
    """Cancel the unpaid remainder of a recovery bill (a settlement reopened); ledger correction row.
    Call inside a transaction."""
    bill = lock(Bill, bill.pk)
    if bill.status not in OPEN_STATUSES:
        return bill
    if bill.kind != BillKind.RECOVERY:
        raise ClosingRefused(
            "환수 청구만 취소할 수 있습니다.", "Only recovery bills are cancelled."
        )
    remainder = bill.outstanding_krw
    if remainder:
        post_entry(
            agreement=bill.agreement, kind=LedgerKind.RECOVERY_CANCELLED, amount_krw=remainder,
            occurred_on=timezone.localdate(), actor=actor, institution=bill.institution,
            reference=f"bill:{bill.number}", note=reason[:300],
        )  # fmt: skip
    bill.status = BillStatus.CANCELLED
    bill.save(update_fields=["status"])
    record_audit(actor=actor, action="bill.cancel", target=bill,
                 after={"cancelled_krw": remainder}, reason=reason)  # fmt: skip
    sync_bill_obligation(bill=bill)
    return bill


def sync_bill_obligation(*, bill: Bill, today: dt.date | None = None) -> None:
    """Write the bill as the screening Obligation row (idempotent): institution, kind, the bill's
    number and outstanding amount, the date the unpaid remainder is due, fulfilled when paid;
    a cancelled bill's row is removed. An open bill past its due date becomes overdue."""
    from evaluation.screening.models import Obligation

    today = today or timezone.localdate()
    if bill.status == BillStatus.CANCELLED:
        if bill.obligation_id:
            Obligation.objects.filter(pk=bill.obligation_id).delete()
        return
    due = bill.current_due_on()
    if bill.status == BillStatus.OPEN and due < today:
        Bill.objects.filter(pk=bill.pk, status=BillStatus.OPEN).update(status=BillStatus.OVERDUE)
        bill.status = BillStatus.OVERDUE
    values = {
        "institution_id": bill.institution_id,
        "kind": OBLIGATION_KIND[BillKind(bill.kind)],
        "description": f"청구서 {bill.number} ({bill.outstanding_krw:,}원)",
        "amount_krw": bill.outstanding_krw or bill.amount_krw,
        "due_on": due,
        "fulfilled_on": bill.paid_on if bill.status == BillStatus.PAID else None,
    }
    obligation = Obligation.objects.filter(pk=bill.obligation_id).first()
    if obligation is None:
        obligation = Obligation.objects.create(**values)
        Bill.objects.filter(pk=bill.pk).update(obligation=obligation)
        bill.obligation = obligation
        return
    changed = [k for k, v in values.items() if getattr(obligation, k) != v]
    if changed:
        for key in changed:
            setattr(obligation, key, values[key])
        obligation.save(update_fields=changed)


def sync_obligations(*, today: dt.date | None = None) -> int:
    """The daily flow: every bill not yet synced as paid or cancelled is written again (overdue
    flags, remaining amounts, instalment due dates). Idempotent; returns the bills looked at."""
    count = 0
    bills = Bill.objects.filter(status__in=OPEN_STATUSES) | Bill.objects.filter(
        obligation__isnull=True
    ).exclude(status=BillStatus.CANCELLED)
    for bill in bills.distinct().iterator():
        with transaction.atomic():
            sync_bill_obligation(bill=bill, today=today)
        count += 1
    return count
