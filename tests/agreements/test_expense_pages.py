"""The expense and change pages: errors next to fields with input kept, decisions, version diff."""

import pytest
from django.test import Client

from accounts.enums import Role
from agreements.models import AgreementBudgetLine
from agreements.models.changes import ChangeRequest
from agreements.models.expenses import Expense, ExpenseStatus
from applications.domain.attachments import bytes_file
from tests.agreements.factories import agreement_for
from tests.applications.files import pdf_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(catalogue):
    return agreement_for()


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def expense_post(**kw):
    data = {"year_no": "1", "category": "materials", "amount_krw": "1200000",
            "spent_on": "2026-10-05", "payee": "(주)시약상사", "description": "시약",
            "evidence": bytes_file(pdf_bytes(), "invoice.pdf")}  # fmt: skip
    data.update(kw)
    return data


def test_an_expense_over_plan_shows_the_error_next_to_the_amount_and_keeps_input(agreement):
    client = login(agreement.application.applicant)
    url = f"/agreements/{agreement.pk}/expenses/"
    response = client.post(url, expense_post(amount_krw="999000000"))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_amount_krw_error"' in html and 'aria-invalid="true"' in html
    assert 'value="(주)시약상사"' in html and 'value="999000000"' in html
    assert not Expense.objects.exists()
    response = client.post(url, expense_post())
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "(주)시약상사" in page and "1,200,000" in page


def test_statement_import_lists_bad_rows_and_drafts(agreement):
    client = login(agreement.application.applicant)
    text = "거래일자,출금액,거래처\n2026-10-05,1000,편의점\n2026-10-06,x,문구점\n"
    response = client.post(f"/agreements/{agreement.pk}/expenses/import/",
                           {"file": bytes_file(text.encode(), "s.csv")})  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/agreements/{agreement.pk}/expenses/").content.decode()
    assert "편의점" in page and 'id="bad-rows-' in page and "문구점" in page
    draft = Expense.objects.get(status=ExpenseStatus.DRAFT)
    response = client.post(f"/agreements/{agreement.pk}/expenses/{draft.pk}/category/",
                           {f"d{draft.pk}-category": "materials"})  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == ExpenseStatus.RECORDED


def test_staff_disallow_from_the_page_needs_a_reason(agreement):
    login(agreement.application.applicant).post(f"/agreements/{agreement.pk}/expenses/",
                                                expense_post())  # fmt: skip
    expense = Expense.objects.get()
    staff = login(UserFactory(role=Role.STAFF))
    page = staff.get(f"/agreements/{agreement.pk}/expenses/").content.decode()
    assert "data-confirm" in page and f"/expenses/{expense.pk}/disallow/" in page
    url = f"/agreements/{agreement.pk}/expenses/{expense.pk}/disallow/"
    staff.post(url, {f"e{expense.pk}-reason": ""})
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.RECORDED
    staff.post(url, {f"e{expense.pk}-reason": "사업 목적 외 사용"})
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.DISALLOWED and expense.disallowed_entry_id


def test_change_request_from_the_page_decided_by_staff_shows_the_diff(agreement):
    from agreements.domain.versions import record_version

    record_version(agreement=agreement, actor=None, reason="협약 체결")
    client = login(agreement.application.applicant)
    url = f"/agreements/{agreement.pk}/changes/"
    response = client.post(url, {"reason": "", "realloc_year_no": "1",
                                 "from_category": "personnel", "to_category": "personnel",
                                 "amount_krw": "10"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_to_category_error"' in html and 'id="id_reason_error"' in html
    response = client.post(url, {"reason": "장비 추가", "realloc_year_no": "1",
                                 "from_category": "personnel", "to_category": "materials",
                                 "amount_krw": "60000000"})  # fmt: skip
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    part = change.parts.get()
    staff = login(UserFactory(role=Role.STAFF))
    detail = f"/agreements/{agreement.pk}/changes/{change.pk}/"
    assert "data-confirm" in staff.get(detail).content.decode()
    staff.post(f"{detail}parts/{part.pk}/decide/",
               {f"p{part.pk}-decision": "accepted_with_changes", f"p{part.pk}-amount_krw": "40000000",
                f"p{part.pk}-reason": "일부만 인정"})  # fmt: skip
    change.refresh_from_db()
    assert change.version_to == 2
    assert AgreementBudgetLine.objects.get(category="personnel").city_grant_krw == 210_000_000
    page = client.get(detail).content.decode()
    assert 'id="version-diff"' in page and "210,000,000" in page


def test_pages_in_korean_show_labels_not_codes(agreement):
    client = login(agreement.application.applicant)
    client.post(f"/agreements/{agreement.pk}/changes/", {"reason": "인력 변경",
                "researcher_role": "pi", "leaving": "김철수", "joining": "이영희"})  # fmt: skip
    change = ChangeRequest.objects.get()
    for url in (f"/agreements/{agreement.pk}/expenses/", f"/agreements/{agreement.pk}/changes/",
                f"/agreements/{agreement.pk}/changes/{change.pk}/", "/agreements/expenses/"):  # fmt: skip
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
        text = html.split("<main", 1)[-1]
        for code in ("approval", "notification", "budget_reallocation", "researcher_change",
                     "personnel", "materials", "pending"):  # fmt: skip
            assert f">{code}<" not in text and f" {code}." not in text, (url, code)
    page = client.get(f"/agreements/{agreement.pk}/changes/").content.decode()
    assert "승인형" in page and "기본값" in page
    assert "사업비 집행" in client.get(f"/agreements/{agreement.pk}/expenses/").content.decode()
