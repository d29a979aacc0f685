"""Settlement (정산) after the final verdict: unspent and disallowed → one recovery bill; never twice."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.domain.bills import ClosingRefused, allow_instalments, record_payment
from agreements.domain.money_summary import Money, project_money
from agreements.domain.rounds import decide_final
from agreements.domain.settlement import figures_from, reopen_settlement, settle
from agreements.enums import BillStatus, FinalResult, LedgerKind
from agreements.models.closing import Bill
from config.locking import AlreadyDecided
from tests.agreements.closing_helpers import money, scored_round, staff
from tests.agreements.factories import agreement_for

pytestmark = pytest.mark.django_db


def finished(result_scores=(80, 80, 80), success=True, **money_kw):
    agreement = agreement_for()
    money(agreement, **money_kw)
    rnd = scored_round(agreement, "final", result_scores)
    decide_final(rnd=rnd, success=success, reason="위원회 의견", actor=staff())
    agreement.refresh_from_db()
    return agreement


def test_settlement_with_unspent_and_disallowed(catalogue):
    agreement = finished(paid=400_000_000, executed=380_000_000, disallowed=12_000_000)
    settlement = settle(agreement=agreement, actor=staff())
    # used = 380 M − 12 M = 368 M; unspent = 400 − 368 − 12 = 20 M; recovery = 20 M + 12 M
    assert (settlement.used_krw, settlement.unspent_krw) == (368_000_000, 20_000_000)
    assert settlement.recovery_krw == 32_000_000
    bill = settlement.recovery_bill
    assert bill.amount_krw == 32_000_000 and bill.kind == "recovery"
    assert bill.due_on == bill.issued_on + dt.timedelta(days=30)  # DEFAULT 30 days
    assert bill.basis["due_days_source"] == "default"
    m = project_money(agreement_id=agreement.pk)
    assert m.k(LedgerKind.RECOVERY_BILLED) == 32_000_000


def test_settlement_before_verdict_refused(catalogue):
    agreement = agreement_for()
    money(agreement, paid=400_000_000, executed=100_000_000)
    with pytest.raises(ClosingRefused) as exc:
        settle(agreement=agreement, actor=staff())
    assert exc.value.code == "no_verdict"
    assert "최종평가" in exc.value.message_ko
    assert not Bill.objects.filter(agreement=agreement).exists()


def test_settle_twice_refused_and_reopen_needs_reason(catalogue):
    agreement = finished(paid=100_000_000, executed=90_000_000)
    settle(agreement=agreement, actor=staff())
    with pytest.raises(AlreadyDecided):
        settle(agreement=agreement, actor=staff())
    with pytest.raises(ClosingRefused):
        reopen_settlement(agreement=agreement, reason="  ", actor=staff())
    assert Bill.objects.filter(agreement=agreement).count() == 1


def test_reopen_cancels_unpaid_part_and_resettle_never_recovers_twice(catalogue):
    agreement = finished(paid=100_000_000, executed=90_000_000)
    first = settle(agreement=agreement, actor=staff()).recovery_bill
    record_payment(bill=first, amount_krw=4_000_000, paid_on=dt.date(2027, 4, 1), actor=staff())
    reopen_settlement(agreement=agreement, reason="증빙 추가 제출", actor=staff())
    first.refresh_from_db()
    assert first.status == BillStatus.CANCELLED
    money(agreement, disallowed=5_000_000)
    second = settle(agreement=agreement, actor=staff())
    # used 85 M; unspent 10 M + disallowed 5 M = 15 M, of which 4 M already paid → 11 M
    assert second.recovery_bill.amount_krw == 11_000_000 and second.times_settled == 2
    m = project_money(agreement_id=agreement.pk)
    assert m.recovery_outstanding == 11_000_000


def test_payment_closes_bill_and_ledger_balances(catalogue):
    agreement = finished(paid=200_000_000, executed=150_000_000, disallowed=10_000_000)
    bill = settle(agreement=agreement, actor=staff()).recovery_bill
    with pytest.raises(ClosingRefused):
        record_payment(bill=bill, amount_krw=bill.amount_krw + 1, paid_on=dt.date(2027, 4, 1),
                       actor=staff())  # fmt: skip
    record_payment(
        bill=bill, amount_krw=bill.amount_krw, paid_on=dt.date(2027, 4, 1), actor=staff()
    )
    bill.refresh_from_db()
    assert bill.status == BillStatus.PAID and bill.obligation.fulfilled_on == dt.date(2027, 4, 1)
    m = project_money(agreement_id=agreement.pk)
    assert m.grant_open == 0 and m.recovery_outstanding == 0


def test_instalments_allowed_by_staff_sum_to_bill(catalogue):
    agreement = finished(paid=100_000_000, executed=70_000_000)
    bill = settle(agreement=agreement, actor=staff()).recovery_bill
    d1, d2 = bill.issued_on + dt.timedelta(days=30), bill.issued_on + dt.timedelta(days=90)
    with pytest.raises(ClosingRefused):
        allow_instalments(bill=bill, actor=staff(), reason="경영 악화", plan=[
            {"due_on": d1.isoformat(), "amount_krw": 10_000_000},
            {"due_on": d2.isoformat(), "amount_krw": 10_000_000}])  # fmt: skip
    bill = allow_instalments(bill=bill, actor=staff(), reason="경영 악화", plan=[
        {"due_on": d1.isoformat(), "amount_krw": 10_000_000},
        {"due_on": d2.isoformat(), "amount_krw": 20_000_000}])  # fmt: skip
    assert bill.due_on == d2 and bill.current_due_on() == d1
    record_payment(bill=bill, amount_krw=10_000_000, paid_on=d1, actor=staff())
    bill.refresh_from_db()
    assert bill.current_due_on() == d2 and bill.obligation.due_on == d2


def test_failure_still_settles(catalogue):
    agreement = finished(success=False, paid=50_000_000, executed=50_000_000)
    assert agreement.final_result == FinalResult.FAILURE
    settlement = settle(agreement=agreement, actor=staff())
    assert settlement.recovery_krw == 0 and settlement.recovery_bill is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paid=st.integers(0, 10**10), used=st.integers(0, 10**10), disallowed=st.integers(0, 10**9),
    returned=st.integers(0, 10**9), billed=st.integers(0, 10**9),
)  # fmt: skip
def test_property_paid_equals_used_returned_unspent_disallowed(
    paid, used, disallowed, returned, billed
):
    m = Money({LedgerKind.INSTALMENT_PAID: paid, LedgerKind.EXPENSE_EXECUTED: used + disallowed,
               LedgerKind.EXPENSE_DISALLOWED: disallowed, LedgerKind.UNSPENT_RETURNED: returned,
               LedgerKind.RECOVERY_BILLED: billed})  # fmt: skip
    fig = figures_from(m)
    assert fig.used == used and fig.unspent >= 0 and fig.recovery >= 0
    if paid >= used + disallowed + returned:
        assert paid == fig.used + fig.returned + fig.unspent + fig.disallowed
        # what is billed in all never exceeds what is recoverable: never recovered twice
        assert fig.recovery + billed >= fig.unspent + fig.disallowed
        assert fig.recovery == max(0, fig.unspent + fig.disallowed - billed)
