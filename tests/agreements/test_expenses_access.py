"""Who may see and act on expenses and plan changes (pages and API, same predicates)."""

import pytest
from django.test import Client

from accounts.enums import Role
from agreements.domain.expenses import record_expense
from agreements.models.expenses import Expense, ExpenseStatus
from applications.domain.attachments import bytes_file
from tests.agreements.factories import agreement_for
from tests.applications.files import pdf_bytes
from tests.conftest import client_for
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db
ROLES = ["party", "other_applicant", "staff", "evaluator", "official", "operator", "anonymous"]


@pytest.fixture
def agreement(catalogue):
    return agreement_for()


def user_for(role, agreement):
    if role == "party":
        return agreement.application.applicant
    if role == "anonymous":
        return None
    if role == "other_applicant":
        return UserFactory(role=Role.APPLICANT, institution=InstitutionFactory())
    return UserFactory(role=role)


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def an_expense(agreement) -> Expense:
    expense, _ = record_expense(
        agreement=agreement, actor=agreement.application.applicant, year_no=1,
        category="materials", amount_krw=500_000, spent_on=agreement.starts_on, payee="시약상사",
        evidence=bytes_file(pdf_bytes(), "r.pdf"),
    )  # fmt: skip
    return expense


VIEW = {"party": 200, "staff": 200, "other_applicant": 404, "evaluator": 403, "official": 403,
        "operator": 403, "anonymous": 302}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["expenses", "changes"])
def test_pages_are_seen_by_the_parties_and_staff_only(agreement, role, page):
    response = page_client(user_for(role, agreement)).get(f"/agreements/{agreement.pk}/{page}/")
    assert response.status_code == VIEW[role]


@pytest.mark.parametrize("role", ROLES)
def test_evidence_is_served_only_with_the_agreement(agreement, role):
    expense = an_expense(agreement)
    response = page_client(user_for(role, agreement)).get(
        f"/agreements/{agreement.pk}/expenses/{expense.pk}/evidence/"
    )
    assert response.status_code == VIEW[role]
    if VIEW[role] == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Content-Type"] == "application/pdf"


RECORD = {"party": 201, "staff": 403, "other_applicant": 404, "evaluator": 403, "official": 403,
          "operator": 403, "anonymous": 403}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_only_the_institution_records_expenses_through_the_api(agreement, role):
    client = client_for(user_for(role, agreement))
    response = client.post(f"/api/v1/agreements/{agreement.pk}/expenses/", {
        "year_no": 1, "category": "materials", "amount_krw": "1200000",
        "spent_on": "2026-10-05", "payee": "(주)시약상사",
        "evidence": bytes_file(pdf_bytes(), "invoice.pdf")}, format="multipart")  # fmt: skip
    assert response.status_code in {RECORD[role], 401 if role == "anonymous" else 0}
    if RECORD[role] == 201:
        body = response.json()
        assert body["status"] == "recorded" and body["executed_entry"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_institution_files_change_requests(agreement, role):
    client = client_for(user_for(role, agreement))
    response = client.post(f"/api/v1/agreements/{agreement.pk}/change-requests/", {
        "reason": "연구 장비 추가", "parts": [{"kind": "budget_reallocation", "payload": {
            "year_no": 1, "from_category": "personnel", "to_category": "materials",
            "amount_krw": 1_000_000}}]}, format="json")  # fmt: skip
    assert response.status_code in {RECORD[role], 401 if role == "anonymous" else 0}


DECIDE = {"party": 403, "staff": 200, "other_applicant": 404, "evaluator": 403, "official": 403,
          "operator": 403, "anonymous": 403}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_decide_expenses(agreement, role):
    expense = an_expense(agreement)
    client = client_for(user_for(role, agreement))
    response = client.post(f"/api/v1/agreements/{agreement.pk}/expenses/{expense.pk}/disallow/",
                           {"reason": "증빙 불충분"}, format="json")  # fmt: skip
    assert response.status_code in {DECIDE[role], 401 if role == "anonymous" else 0}
    expense.refresh_from_db()
    expected = ExpenseStatus.DISALLOWED if DECIDE[role] == 200 else ExpenseStatus.RECORDED
    assert expense.status == expected


def test_api_answers_422_with_problems_and_409_on_a_second_decision(agreement):
    party = client_for(agreement.application.applicant)
    response = party.post(f"/api/v1/agreements/{agreement.pk}/expenses/",
                          {"year_no": 1, "category": "materials", "amount_krw": 5,
                           "spent_on": "2026-10-05", "payee": "x"}, format="json")  # fmt: skip
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "evidence"
    response = party.post(f"/api/v1/agreements/{agreement.pk}/expenses/",
                          {"year_no": "a", "amount_krw": -1, "spent_on": "2026-13-01",
                           "payee": ""}, format="json")  # fmt: skip
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["problems"]} >= {"year_no", "amount_krw",
                                                                  "spent_on", "payee"}  # fmt: skip
    response = party.post(f"/api/v1/agreements/{agreement.pk}/change-requests/",
                          {"reason": "x", "parts": [{"kind": "researcher_change",
                                                     "payload": {"role": "pi", "joining": "\x00"}}]},
                          format="json")  # fmt: skip
    assert response.status_code == 400  # NUL refused by the strict JSON parser, never a 500
    response = party.post(f"/api/v1/agreements/{agreement.pk}/change-requests/",
                          {"reason": "x", "parts": [{"kind": "researcher_change",
                                                     "payload": {"role": "pi", "leaving": "김"}}]},
                          format="json")  # fmt: skip
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "parts.0.joining"
    expense = an_expense(agreement)
    staff = client_for(UserFactory(role=Role.STAFF))
    url = f"/api/v1/agreements/{agreement.pk}/expenses/{expense.pk}/accept/"
    assert staff.post(url, {}, format="json").status_code == 200
    second = staff.post(url, {}, format="json")
    assert second.status_code == 409 and second.json()["message_ko"]
