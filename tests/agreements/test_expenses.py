"""Expenses executed first and claimed after: live plan check, ledger rows, staff decisions."""

import datetime as dt
from fractions import Fraction

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.enums import Role
from accounts.models import AuditEntry, Notice
from agreements.domain.change_rules import DEFAULT_CHANGE_RULES, within_pct
from agreements.domain.expenses import (
    ExpenseRefused,
    accept_expense,
    disallow_expense,
    record_expense,
)
from agreements.enums import AgreementStatus, LedgerKind
from agreements.models import LedgerEntry
from agreements.models.expenses import COUNTED_STATUSES, Expense, ExpenseStatus
from applications.domain.attachments import bytes_file
from config.locking import AlreadyDecided
from tests.agreements.factories import agreement_for
from tests.applications.files import pdf_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 2)  # inside year 1 (2026-10-01 – 2027-09-30)


@pytest.fixture
def agreement(catalogue):
    return agreement_for()


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF)


def record(agreement, **kw):
    args = dict(agreement=agreement, actor=agreement.application.applicant, year_no=1,
                category="personnel", amount_krw=1_000_000, spent_on=DAY, payee="홍길동",
                description="연구원 인건비 11월", evidence=bytes_file(pdf_bytes(), "receipt.pdf"))  # fmt: skip
    args.update(kw)
    return record_expense(**args)


def used(agreement) -> int:
    def total(kind):
        return LedgerEntry.objects.filter(agreement=agreement, kind=kind).aggregate(
            s=Sum("amount_krw"))["s"] or 0  # fmt: skip

    return total(LedgerKind.EXPENSE_EXECUTED) - total(LedgerKind.EXPENSE_DISALLOWED)


def test_recording_posts_an_executed_ledger_row(agreement):
    expense, warnings = record(agreement)
    assert warnings == []
    assert expense.status == ExpenseStatus.RECORDED
    row = expense.executed_entry
    assert (row.kind, row.amount_krw, row.year_no, row.category) == (
        LedgerKind.EXPENSE_EXECUTED,
        1_000_000,
        1,
        "personnel",
    )
    assert row.institution_id == agreement.lead_institution_id
    assert expense.evidence_sha256 and expense.evidence.read().startswith(b"%PDF")
    assert used(agreement) == 1_000_000


def test_every_field_problem_is_reported_with_its_field(agreement):
    with pytest.raises(ExpenseRefused) as exc:
        record(agreement, year_no=1, category="", amount_krw=0, payee=" ", evidence=None,
               spent_on=dt.date(2030, 1, 1))  # fmt: skip
    fields = {p.field: p.code for p in exc.value.problems}
    assert fields == {"category": "category_required", "amount_krw": "amount_invalid",
                      "spent_on": "spent_on_outside_year", "payee": "payee_required",
                      "evidence": "evidence_required"}  # fmt: skip
    assert all(p.message_ko and p.message_en for p in exc.value.problems)
    assert not LedgerEntry.objects.exists()


def test_evidence_must_be_a_real_pdf(agreement):
    with pytest.raises(ExpenseRefused) as exc:
        record(agreement, evidence=bytes_file(b"PK\x03\x04 not a pdf at all", "receipt.pdf"))
    assert exc.value.problems[0].field == "evidence"


def test_only_an_active_agreement_takes_expenses(catalogue):
    agreement = agreement_for(status=AgreementStatus.SUSPENDED)
    with pytest.raises(ExpenseRefused) as exc:
        record(agreement)
    assert exc.value.code == "agreement_not_active"


def test_over_plan_within_the_reallocation_allowance_is_flagged(agreement):
    # personnel plan 250,000,000; 20 % (DEFAULT) allowance = 50,000,000 over the plan.
    record(agreement, amount_krw=250_000_000)
    expense, warnings = record(agreement, amount_krw=50_000_000)  # exactly at the allowance
    assert [w.code for w in warnings] == ["over_plan_within_reallocation"]
    assert expense.flags[0]["code"] == "over_plan_within_reallocation"


def test_over_plan_beyond_the_allowance_is_refused(agreement):
    record(agreement, amount_krw=250_000_000)
    with pytest.raises(ExpenseRefused) as exc:
        record(agreement, amount_krw=50_000_001)
    assert [p.code for p in exc.value.problems] == ["over_plan"]
    assert "250,000,000" in exc.value.problems[0].message_ko
    assert used(agreement) == 250_000_000


def test_programme_rules_can_refuse_any_overrun(agreement):
    program = agreement.program
    program.post_award = {**(program.post_award or {}),
                          "change_rules": {"expense_over_plan_within_allowance": "refuse"}}  # fmt: skip
    program.save()
    record(agreement, amount_krw=250_000_000)
    with pytest.raises(ExpenseRefused) as exc:
        record(agreement, amount_krw=1)
    assert exc.value.code == "over_plan_within_reallocation"


def test_a_category_that_may_not_grow_refuses_any_overrun(agreement):
    assert "indirect" in DEFAULT_CHANGE_RULES["no_increase_categories"]
    with pytest.raises(ExpenseRefused) as exc:
        record(agreement, category="indirect", amount_krw=1)  # no indirect line in the plan
    assert exc.value.code == "over_plan_no_increase"


def test_disallowing_posts_a_ledger_row_and_used_drops(agreement, staff):
    expense, _ = record(agreement, amount_krw=3_000_000)
    done = disallow_expense(expense=expense, actor=staff, reason="개인 용도 지출")
    row = done.disallowed_entry
    assert (row.kind, row.amount_krw, row.category, row.year_no) == (
        LedgerKind.EXPENSE_DISALLOWED,
        3_000_000,
        "personnel",
        1,
    )
    assert done.decided_by == staff and done.reason == "개인 용도 지출"
    assert used(agreement) == 0
    assert AuditEntry.objects.filter(action="expense.status", reason="개인 용도 지출").exists()
    assert Notice.objects.filter(recipient=agreement.application.applicant,
                                 body="개인 용도 지출").exists()  # fmt: skip
    # the disallowed amount no longer counts against the plan
    record(agreement, amount_krw=250_000_000)


def test_disallowing_needs_a_reason(agreement, staff):
    expense, _ = record(agreement)
    with pytest.raises(ExpenseRefused) as exc:
        disallow_expense(expense=expense, actor=staff, reason="  ")
    assert exc.value.problems[0].field == "reason"


def test_a_double_decision_is_refused(agreement, staff):
    expense, _ = record(agreement)
    accept_expense(expense=expense, actor=staff)
    with pytest.raises(AlreadyDecided):
        accept_expense(expense=expense, actor=staff)  # the second click of a double click
    with pytest.raises(AlreadyDecided):
        disallow_expense(expense=expense, actor=staff, reason="late")
    assert LedgerEntry.objects.filter(kind=LedgerKind.EXPENSE_DISALLOWED).count() == 0
    assert used(agreement) == 1_000_000


@given(amount=st.integers(0, 10**12), base=st.integers(0, 10**12), pct=st.integers(0, 100))
def test_threshold_is_exact_in_integers(amount, base, pct):
    assert within_pct(amount, base, pct) == (Fraction(amount) <= Fraction(base * pct, 100))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(moves=st.lists(st.tuples(st.sampled_from(["personnel", "materials"]),
                                st.integers(1, 120_000_000), st.booleans()),
                      min_size=1, max_size=6))  # fmt: skip
def test_used_is_executed_minus_disallowed_and_never_past_the_allowance(agreement, staff, moves):
    """Whatever is recorded, refused or disallowed: the ledger's used amount equals the counted
    expenses, and no category goes past plan + the notification allowance (20 %, DEFAULT)."""
    plans = {"personnel": 250_000_000, "materials": 163_334_000}
    with transaction.atomic():
        for category, amount, disallow in moves:
            try:
                expense, _ = record(agreement, category=category, amount_krw=amount)
            except ExpenseRefused:
                continue
            if disallow:
                disallow_expense(expense=expense, actor=staff, reason="property")
        counted = Expense.objects.filter(agreement=agreement, status__in=COUNTED_STATUSES)
        assert used(agreement) == (counted.aggregate(s=Sum("amount_krw"))["s"] or 0)
        for category, plan in plans.items():
            spent = counted.filter(category=category).aggregate(s=Sum("amount_krw"))["s"] or 0
            assert spent * 100 <= plan * 120
        transaction.set_rollback(True)
