"""Settlement (정산) and royalty (기술료) of an agreement.

Settlement comes only after the verdict (a final result, or the agreement terminated), so a project
is never recovered from twice. From the one ledger (agreements.domain.money_summary):
- used = accepted expenses (executed − disallowed); expenses awaiting review block settlement;
- unspent = max(0, paid − used − disallowed − unspent already returned);
- recovery = unspent + disallowed − recoveries already billed (e.g. by a sanction) and not
  cancelled, never below 0 → one recovery bill with a due date.
So paid = used + returned + unspent + disallowed, and once the recovery is paid the grant is closed.
A settlement is reopened only with a reason (audited); its unpaid recovery is cancelled by a ledger
correction row and the next settlement bills what is then due.

Royalty (seed 002 §5): final result excellent or normal → rate × city grant used, where the city
grant used = min(used, paid − disallowed − returned); rate per programme and institution size
(catalogue; DEFAULT for a non-SME); amount ROUNDED DOWN to the won. Nothing after a failure (nor
for 'poor'). Billed after the settlement, with a due date; instalments if staff allow.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.bills import ClosingRefused, cancel_bill, issue_bill
from agreements.domain.closing_rules import ROYALTY_GRADES, royalty_amount, royalty_rate
from agreements.domain.money_summary import Money, project_money
from agreements.enums import AgreementStatus, BillKind, BillStatus, FinalResult, SettlementStatus
from agreements.models import Agreement
from agreements.models.closing import Bill, Settlement
from config.locking import AlreadyDecided, lock


@dataclass(frozen=True)
class SettlementFigures:
    paid: int
    used: int
    disallowed: int
    returned: int
    unspent: int
    already_billed: int
    recovery: int

    def as_dict(self) -> dict:
        return {
            "paid_krw": self.paid, "used_krw": self.used, "disallowed_krw": self.disallowed,
            "returned_krw": self.returned, "unspent_krw": self.unspent,
            "already_billed_krw": self.already_billed, "recovery_krw": self.recovery,
        }  # fmt: skip


def figures_from(money: Money) -> SettlementFigures:
    """Pure: the settlement figures from the ledger sums."""
    paid, used, disallowed = money.paid, money.used, money.disallowed
    returned = money.unspent_returned
    unspent = max(0, paid - used - disallowed - returned)
    already = money.k("recovery_billed") - money.k("recovery_cancelled")
    recovery = max(0, unspent + disallowed - already)
    return SettlementFigures(paid, used, disallowed, returned, unspent, already, recovery)


def settlement_figures(agreement: Agreement) -> SettlementFigures:
    return figures_from(project_money(agreement_id=agreement.pk))


def verdict_given(agreement: Agreement) -> bool:
    return bool(agreement.final_result) or agreement.status == AgreementStatus.TERMINATED


def settlement_blockers(agreement: Agreement) -> list[tuple[str, str, str]]:
    """Why the agreement cannot be settled now: (code, ko, en) — empty when it can."""
    blockers = []
    if not verdict_given(agreement):
        blockers.append(("no_verdict", "최종평가 결과(또는 협약 해약) 전에는 정산할 수 없습니다.",
                         "Settlement comes after the final verdict (or the termination)."))  # fmt: skip
    from agreements.models import Expense
    from agreements.models.expenses import ExpenseStatus

    waiting = Expense.objects.filter(agreement=agreement, status=ExpenseStatus.RECORDED).count()
    if waiting:
        blockers.append(("expenses_pending", f"검토 대기 중인 지출 {waiting}건을 먼저 결정하십시오.",
                         f"Decide the {waiting} expenses awaiting review first."))  # fmt: skip
    return blockers


@transaction.atomic
def settle(*, agreement: Agreement, actor: User) -> Settlement:
    """Settle (or settle again after a reopening): figures, the recovery bill, audit."""
    agreement = lock(Agreement.objects.select_related("program", "lead_institution"), agreement.pk)
    blockers = settlement_blockers(agreement)
    if blockers:
        code, ko, en = blockers[0]
        raise ClosingRefused(ko, en, code)
    existing = Settlement.objects.filter(agreement=agreement).first()
    if existing is not None and existing.status == SettlementStatus.SETTLED:
        raise AlreadyDecided("이미 정산되었습니다.", "This agreement is already settled.")
    fig = settlement_figures(agreement)
    bill = None
    if fig.recovery:
        bill = issue_bill(
            agreement=agreement, kind=BillKind.RECOVERY, amount_krw=fig.recovery, actor=actor,
            basis=fig.as_dict(), note=f"정산 환수 (미사용 {fig.unspent:,}원 + 불인정 {fig.disallowed:,}원)",
        )  # fmt: skip
    values = {
        "status": SettlementStatus.SETTLED, "paid_krw": fig.paid, "used_krw": fig.used,
        "disallowed_krw": fig.disallowed, "returned_krw": fig.returned,
        "unspent_krw": fig.unspent, "recovery_krw": fig.recovery, "recovery_bill": bill,
        "settled_on": timezone.localdate(), "settled_by": actor,
    }  # fmt: skip
    if existing is None:
        settlement = Settlement.objects.create(agreement=agreement, **values)
    else:
        for key, value in values.items():
            setattr(existing, key, value)
        existing.times_settled += 1
        existing.save()
        settlement = existing
    record_audit(actor=actor, action="agreement.settle", target=agreement,
                 after={**fig.as_dict(), "bill": bill.number if bill else None,
                        "times": settlement.times_settled})  # fmt: skip
    return settlement


@transaction.atomic
def reopen_settlement(*, agreement: Agreement, reason: str, actor: User) -> Settlement:
    """Reopen a settlement, with a reason (audited); the unpaid part of its recovery is cancelled."""
    reason = (reason or "").strip()
    if not reason:
        raise ClosingRefused("재개 사유를 입력하십시오.", "Enter the reason.", "reason_required")
    settlement = Settlement.objects.filter(agreement=agreement).first()
    if settlement is None:
        raise ClosingRefused("정산 내역이 없습니다.", "There is no settlement.", "not_settled")
    settlement = lock(Settlement, settlement.pk)
    if settlement.status != SettlementStatus.SETTLED:
        raise AlreadyDecided("이미 재개된 정산입니다.", "The settlement is already reopened.")
    if settlement.recovery_bill_id:
        cancel_bill(bill=settlement.recovery_bill, actor=actor, reason=f"정산 재개: {reason}")
    settlement.status, settlement.reopen_reason = SettlementStatus.REOPENED, reason
    settlement.save(update_fields=["status", "reopen_reason"])
    record_audit(actor=actor, action="agreement.settlement.reopen", target=agreement,
                 before={"status": SettlementStatus.SETTLED},
                 after={"status": SettlementStatus.REOPENED}, reason=reason)  # fmt: skip
    return settlement


# --- royalty ---------------------------------------------------------------------------------


def royalty_figures(agreement: Agreement) -> dict:
    """{"rate_pct", "base_krw", "amount_krw", "due_on", "status", …} as the API shows them."""
    rate = royalty_rate(agreement.program, agreement.lead_institution)
    bill = (
        Bill.objects.filter(agreement=agreement, kind=BillKind.ROYALTY)
        .exclude(status=BillStatus.CANCELLED).first()
    )  # fmt: skip
    owed = agreement.final_result in ROYALTY_GRADES
    if bill is not None:
        base = int(bill.basis.get("base_krw", 0))
        amount, due, status = bill.amount_krw, bill.due_on, bill.status
    else:
        money = project_money(agreement_id=agreement.pk)
        base = max(0, min(money.used, money.paid - money.disallowed - money.unspent_returned))
        amount = royalty_amount(base, rate.rate) if owed else 0
        due = None
        if not agreement.final_result and agreement.status != AgreementStatus.TERMINATED:
            status = "awaiting_verdict"
        elif not owed:
            status = "not_due"
        else:
            status = "not_billed"
    return {
        "rate_pct": f"{rate.pct:f}" if owed or bill else "0",
        "rate_source": rate.source, "institution_size": rate.size,
        "base_krw": base, "amount_krw": amount,
        "due_on": due.isoformat() if due else None, "status": str(status),
        "rounding": "won, down (원 단위 버림)",
        "bill": bill.number if bill else None,
    }  # fmt: skip


@transaction.atomic
def bill_royalty(*, agreement: Agreement, actor: User) -> Bill:
    """Bill the royalty once the final result is excellent or normal and the agreement settled."""
    agreement = lock(Agreement.objects.select_related("program", "lead_institution"), agreement.pk)
    if agreement.final_result not in ROYALTY_GRADES:
        label = FinalResult(agreement.final_result or "").label
        raise ClosingRefused(
            f"최종평가 결과 '{label}'에는 기술료가 없습니다('우수'·'보통'만 납부).",
            f"No royalty is due for a final result of {label} (only excellent or normal).",
            "not_due",
        )
    settlement = Settlement.objects.filter(agreement=agreement).first()
    if settlement is None or settlement.status != SettlementStatus.SETTLED:
        raise ClosingRefused("정산 후에 기술료를 청구합니다.", "Bill the royalty after settlement.",
                             "not_settled")  # fmt: skip
    if (
        Bill.objects.filter(agreement=agreement, kind=BillKind.ROYALTY)
        .exclude(status=BillStatus.CANCELLED)
        .exists()
    ):
        raise AlreadyDecided("기술료가 이미 청구되었습니다.", "The royalty was already billed.")
    fig = royalty_figures(agreement)
    if fig["amount_krw"] <= 0:
        raise ClosingRefused("청구할 기술료가 없습니다(0원).", "The royalty is 0 KRW.", "zero")
    return issue_bill(
        agreement=agreement, kind=BillKind.ROYALTY, amount_krw=fig["amount_krw"], actor=actor,
        basis={k: fig[k] for k in ("rate_pct", "rate_source", "institution_size", "base_krw")},
        note=f"기술료 {fig['rate_pct']}% × 사용 시지원금 {fig['base_krw']:,}원 (원 단위 버림)",
    )  # fmt: skip
