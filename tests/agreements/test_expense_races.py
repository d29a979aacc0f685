"""Expense and change decisions that race: run at once in threads on PostgreSQL (tests/races.py)."""

from unittest import mock

import pytest

from accounts.enums import Role
from agreements.domain import changes as changes_domain
from agreements.domain import expenses as expenses_domain
from agreements.domain.changes import decide_change_part, submit_change_request
from agreements.domain.expenses import (
    ExpenseRefused,
    accept_expense,
    disallow_expense,
    record_expense,
)
from agreements.enums import LedgerKind
from agreements.models import LedgerEntry
from agreements.models.expenses import Expense
from applications.domain.attachments import bytes_file
from tests.agreements.factories import agreement_for
from tests.applications.files import pdf_bytes
from tests.factories import UserFactory
from tests.races import needs_postgresql, one_wins, race, slow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agreement(catalogue):
    needs_postgresql()
    return agreement_for()


def record(agreement, amount):
    return record_expense(
        agreement=agreement, actor=agreement.application.applicant, year_no=1,
        category="personnel", amount_krw=amount, spent_on=agreement.starts_on, payee="연구원",
        evidence=bytes_file(pdf_bytes(), "r.pdf"),
    )  # fmt: skip


def test_accept_and_disallow_at_once_decide_once(agreement):
    expense, _ = record(agreement, 1_000_000)
    a, b = UserFactory(role=Role.STAFF), UserFactory(role=Role.STAFF)
    with mock.patch.object(expenses_domain, "record_audit", slow(expenses_domain.record_audit)):
        outcomes = race(lambda: accept_expense(expense=expense, actor=a),
                        lambda: disallow_expense(expense=expense, actor=b, reason="중복"))  # fmt: skip
    one_wins(outcomes)
    assert LedgerEntry.objects.filter(kind=LedgerKind.EXPENSE_DISALLOWED).count() <= 1


def test_two_expenses_at_once_cannot_both_use_the_last_of_the_plan(agreement):
    # plan 250 M + 20 % allowance (DEFAULT) = 300 M; two 200 M expenses cannot both pass
    with mock.patch.object(expenses_domain, "record_audit", slow(expenses_domain.record_audit)):
        outcomes = race(
            lambda: record(agreement, 200_000_000), lambda: record(agreement, 200_000_000)
        )
    errors = [exc for _v, exc in outcomes if exc is not None]
    assert len(errors) == 1 and isinstance(errors[0], ExpenseRefused)
    assert Expense.objects.count() == 1


def test_two_staff_decide_one_change_part_once(agreement):
    from agreements.domain.versions import record_version

    record_version(agreement=agreement, actor=None, reason="협약 체결")
    request = submit_change_request(
        agreement=agreement, actor=agreement.application.applicant, reason="전용",
        parts=[{"kind": "budget_reallocation", "payload": {
            "year_no": 1, "from_category": "personnel", "to_category": "materials",
            "amount_krw": 60_000_000}}],
    )  # fmt: skip
    part = request.parts.get()
    a, b = UserFactory(role=Role.STAFF), UserFactory(role=Role.STAFF)
    with mock.patch.object(changes_domain, "record_audit", slow(changes_domain.record_audit)):
        outcomes = race(
            lambda: decide_change_part(part=part, actor=a, decision="accepted"),
            lambda: decide_change_part(part=part, actor=b, decision="refused", reason="불필요"),
        )
    one_wins(outcomes)
    agreement.refresh_from_db()
    assert agreement.versions.count() <= 2
