"""Broken input to the expense and change endpoints: a 4xx with reasons, never a 5xx."""

import pytest
from django.test import Client

from accounts.enums import Role
from agreements.domain.expenses import import_statement, record_expense
from agreements.models.expenses import Expense
from applications.domain.attachments import bytes_file
from tests.agreements.factories import agreement_for
from tests.applications.files import pdf_bytes
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
JUNK = [None, True, -1, 0, 10**30, "١٢٣", "1e3", "", "\x00", "x" * 5000, [], {}, 1.5]


@pytest.fixture
def agreement(catalogue):
    return agreement_for()


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_change_request_payload_junk_is_refused(agreement, value):
    client = client_for(agreement.application.applicant)
    # each kind with junk in each key it reads (agreements/domain/change_parts.py)
    keys = {"budget_reallocation": ("year_no", "institution_id", "amount_krw", "from_category"),
            "period_extension": ("new_ends_on",),
            "researcher_change": ("role", "joining", "rate_pct"),
            "co_institution_change": ("action", "institution_name", "institution_id")}  # fmt: skip
    for kind, read in keys.items():
        for key in read:
            payload = {"year_no": 1, "from_category": "personnel", "to_category": "materials",
                       "amount_krw": 10, key: value}  # fmt: skip
            response = client.post(f"/api/v1/agreements/{agreement.pk}/change-requests/",
                                   {"reason": "r", "parts": [{"kind": kind, "payload": payload}]},
                                   format="json")  # fmt: skip
            assert response.status_code in (201, 400, 422), (key, kind, response.content[:300])


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_expense_api_junk_is_refused(agreement, value):
    client = client_for(agreement.application.applicant)
    for key in ("year_no", "category", "amount_krw", "spent_on", "payee", "description"):
        body = {"year_no": 1, "category": "materials", "amount_krw": 10,
                "spent_on": "2026-10-05", "payee": "p", key: value}  # fmt: skip
        response = client.post(f"/api/v1/agreements/{agreement.pk}/expenses/", body, format="json")
        assert response.status_code in (400, 422), (key, response.content[:300])


def test_statement_with_huge_amounts_and_escaped_nul_keeps_the_rows_as_bad(agreement):
    text = "거래일자,출금액,거래처\n2026-10-05,99999999999999999999999,a\n2026-10-06,10,b_x0000_\n"
    stmt = import_statement(agreement=agreement, file=bytes_file(text.encode(), "s.csv"),
                            actor=agreement.application.applicant)  # fmt: skip
    assert [b["row"] for b in stmt.bad_rows] == [2]
    assert Expense.objects.get().amount_krw == 10


def test_page_decisions_with_nul_or_huge_reasons_are_refused(agreement):
    expense, _ = record_expense(
        agreement=agreement, actor=agreement.application.applicant, year_no=1,
        category="materials", amount_krw=10, spent_on=agreement.starts_on, payee="p",
        evidence=bytes_file(pdf_bytes(), "r.pdf"),
    )  # fmt: skip
    staff = Client()
    staff.force_login(UserFactory(role=Role.STAFF))
    for reason in ("\x00", "x" * 3000):
        response = staff.post(f"/agreements/{agreement.pk}/expenses/{expense.pk}/disallow/",
                              {f"e{expense.pk}-reason": reason})  # fmt: skip
        assert response.status_code == 302
        expense.refresh_from_db()
        assert expense.status == "recorded"
    for epk in ("999999", "0"):
        response = staff.post(f"/agreements/{agreement.pk}/expenses/{epk}/accept/")
        assert response.status_code == 404
