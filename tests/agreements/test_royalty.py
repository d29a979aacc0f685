"""Royalty (기술료, seed 002 §5): rate × city grant used for excellent/normal; won, rounded down."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements.domain.bills import ClosingRefused
from agreements.domain.closing_rules import royalty_amount, royalty_rate
from agreements.domain.rounds import decide_final
from agreements.domain.settlement import bill_royalty, royalty_figures, settle
from agreements.models.closing import Bill
from config.locking import AlreadyDecided
from tests.agreements.closing_helpers import money, scored_round, staff
from tests.agreements.factories import agreement_for

pytestmark = pytest.mark.django_db


def graded(scores, success=True, **money_kw):
    agreement = agreement_for()
    money(agreement, **money_kw)
    decide_final(rnd=scored_round(agreement, "final", scores), success=success, reason="의견",
                 actor=staff())  # fmt: skip
    agreement.refresh_from_db()
    return agreement


def test_royalty_ten_percent_of_grant_used_rounded_down(catalogue):
    agreement = graded([80, 80, 80], paid=400_000_000, executed=123_456_789)
    settle(agreement=agreement, actor=staff())
    bill = bill_royalty(agreement=agreement, actor=staff())
    assert bill.amount_krw == 12_345_678  # 12,345,678.9 → won, down
    fig = royalty_figures(agreement)
    assert fig["rate_pct"] == "10" and fig["base_krw"] == 123_456_789
    assert fig["status"] == "open" and fig["due_on"] == bill.due_on.isoformat()


@pytest.mark.parametrize("scores, success", [([95, 95, 95], False), ([50, 50, 50], True)])
def test_nothing_due_after_failure_or_poor(catalogue, scores, success):
    agreement = graded(scores, success=success, paid=100_000_000, executed=100_000_000)
    settle(agreement=agreement, actor=staff())
    fig = royalty_figures(agreement)
    assert fig["amount_krw"] == 0 and fig["status"] == "not_due"
    with pytest.raises(ClosingRefused) as exc:
        bill_royalty(agreement=agreement, actor=staff())
    assert exc.value.code == "not_due"
    assert not Bill.objects.filter(agreement=agreement, kind="royalty").exists()


def test_royalty_needs_settlement_and_is_billed_once(catalogue):
    agreement = graded([92, 92, 92], paid=100_000_000, executed=100_000_000)
    with pytest.raises(ClosingRefused):
        bill_royalty(agreement=agreement, actor=staff())
    settle(agreement=agreement, actor=staff())
    bill_royalty(agreement=agreement, actor=staff())
    with pytest.raises(AlreadyDecided):
        bill_royalty(agreement=agreement, actor=staff())


def test_base_excludes_disallowed_and_caps_at_paid(catalogue):
    agreement = graded([80, 80, 80], paid=100_000_000, executed=130_000_000, disallowed=10_000_000)
    fig = royalty_figures(agreement)
    assert fig["base_krw"] == 90_000_000 and fig["amount_krw"] == 9_000_000


def test_rate_from_catalogue_per_size_and_default_for_non_sme(catalogue):
    agreement = agreement_for()
    program, lead = agreement.program, agreement.lead_institution
    assert royalty_rate(program, lead).rate == Decimal("0.1") and lead.is_sme
    lead.is_sme = False
    non = royalty_rate(program, lead)
    assert non.source == "default" and non.rate == Decimal("0.2")
    program.post_award = {"royalty_rates": {"sme": "0.05", "non_sme": "0.075"}}
    assert royalty_rate(program, lead).rate == Decimal("0.075")


@given(base=st.integers(0, 10**12), per_mille=st.integers(0, 1000))
def test_property_royalty_rounds_down_to_won(base, per_mille):
    rate = Decimal(per_mille) / 1000
    amount = royalty_amount(base, rate)
    assert isinstance(amount, int) and 0 <= amount <= base
    assert amount <= Decimal(base) * rate < amount + 1 or amount == 0 == base * rate


def test_terminated_agreement_owes_no_royalty(catalogue):
    from agreements.enums import AgreementStatus

    agreement = agreement_for(status=AgreementStatus.TERMINATED)
    fig = royalty_figures(agreement)
    assert fig["status"] == "not_due" and fig["amount_krw"] == 0 and fig["rate_pct"] == "0"
