"""API and pages: role × URL access, autosave, submit with Idempotency-Key, receipts, staff list."""

import datetime as dt
import subprocess
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.enums import Role
from applications.enums import ApplicationStatus
from tests.applications.factories import applicant_with_institution, complete_application, make_call
from tests.conftest import client_for
from tests.factories import UserFactory

ROLES = ["staff", "applicant", "other_applicant", "evaluator", "official", "operator", "anonymous"]


@pytest.fixture
def world(catalogue):
    owner = applicant_with_institution(username="owner")
    app = complete_application(applicant=owner)
    people = {
        "staff": UserFactory(username="staff1", role=Role.STAFF),
        "applicant": owner,
        "other_applicant": applicant_with_institution(username="other"),
        "evaluator": UserFactory(username="eval1", role=Role.EVALUATOR),
        "official": UserFactory(username="off1", role=Role.OFFICIAL),
        "operator": UserFactory(username="op1", role=Role.OPERATOR),
        "anonymous": None,
    }
    return app, people


API_VIEW = {"staff": 200, "applicant": 200, "other_applicant": 404, "evaluator": 403,
            "official": 403, "operator": 403, "anonymous": 401}  # fmt: skip
API_CHANGE = {**API_VIEW, "staff": 403}


@pytest.mark.parametrize("role", ROLES)
def test_api_access(world, role):
    app, people = world
    client = client_for(people[role])
    assert client.get(f"/api/v1/applications/{app.pk}/").status_code == API_VIEW[role]
    assert client.get(f"/api/v1/applications/{app.pk}/validation/").status_code == API_VIEW[role]
    r = client.patch(f"/api/v1/applications/{app.pk}/", {"summary": "수정"}, format="json")
    assert r.status_code == API_CHANGE[role]
    expected_submit = API_CHANGE[role]
    r = client.post(f"/api/v1/applications/{app.pk}/submit/", {}, format="json")
    assert r.status_code == expected_submit
    r = client.post("/api/v1/applications/", {"call": app.call_id}, format="json")
    assert r.status_code == {"applicant": 201, "other_applicant": 201, "anonymous": 401}.get(
        role, 403
    )


PAGE_VIEW = {"staff": 200, "applicant": 200, "other_applicant": 404, "evaluator": 403,
             "official": 403, "operator": 403, "anonymous": 302}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_page_access(world, role):
    app, people = world
    c = Client()
    if people[role]:
        c.force_login(people[role])
    assert c.get(f"/applications/{app.pk}/").status_code == PAGE_VIEW[role]
    r = c.post(f"/applications/{app.pk}/save/plan/", {"summary": "x"})
    assert r.status_code == {**PAGE_VIEW, "applicant": 302, "staff": 403}[role]
    staff_list = c.get(f"/applications/calls/{app.call_id}/")
    assert staff_list.status_code == {"staff": 200, "anonymous": 302}.get(role, 403)
    mine = c.get("/applications/")
    assert mine.status_code == {"applicant": 200, "other_applicant": 200, "anonymous": 302}.get(
        role, 403
    )


def test_api_whole_draft_then_autosave_then_submit_idempotent(
    catalogue, django_assert_max_num_queries
):
    user = applicant_with_institution()
    call = make_call()
    client = client_for(user)
    lead = user.institution
    body = {
        "call": call.pk, "title_ko": "API 과제", "title_en": "API project", "summary": "s",
        "objectives": "o", "content": "c", "expected_outcomes": "e", "outcome_use": "u",
        "tech_classification": "ICT", "keywords": "a,b", "current_trl": 6, "target_trl": 7,
        "period_months": 12, "starts_on": "2023-10-01", "ends_on": "2024-09-30",
        "eligibility_check": {c: True for c in ("sme", "no_sanction", "no_tax_arrears",
                                                "no_insolvency", "no_duplicate", "true_documents")},
        "privacy_consent": True,
        "researchers": [{"researcher_no": "20230001", "name": "홍길동", "role": "pi", "rate_pct": 50},
                        {"researcher_no": "20230002", "name": "김영희", "role": "researcher",
                         "rate_pct": 30}],
        "budget_items": [
            {"year": 1, "institution": lead.business_no, "category": "personnel",
             "city_krw": 400_000_000, "cash_krw": 13_334_000, "inkind_krw": 120_000_000}],
    }  # fmt: skip
    r = client.post("/api/v1/applications/", body, format="json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["city_grant_krw"] == 400_000_000
    with django_assert_max_num_queries(8):
        r = client.patch(f"/api/v1/applications/{pk}/", {"summary": "autosaved"}, format="json")
    assert r.status_code == 200 and r.json()["summary"] == "autosaved"
    v = client.get(f"/api/v1/applications/{pk}/validation/").json()
    assert v["valid"] is False and {p["code"] for p in v["problems"]} == {"document_missing"}
    assert all(set(p) >= {"code", "field", "message"} for p in v["problems"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applications.files import pdf_bytes

    for doc in ("plan", "registry", "financials"):
        r = client.post(f"/api/v1/applications/{pk}/attachments/",
                        {"doc_code": doc, "files": [SimpleUploadedFile(f"{doc}.pdf", pdf_bytes())]},
                        format="multipart")  # fmt: skip
        assert r.status_code == 201
    assert client.get(f"/api/v1/applications/{pk}/validation/").json() == {
        "valid": True,
        "problems": [],
    }
    r1 = client.post(f"/api/v1/applications/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="abc")
    r2 = client.post(f"/api/v1/applications/{pk}/submit/", HTTP_IDEMPOTENCY_KEY="abc")
    assert r1.status_code == r2.status_code == 200 and r1.json() == r2.json()
    assert set(r1.json()) == {"receipt_no", "submitted_at", "digest"}
    r = client.patch(f"/api/v1/applications/{pk}/", {"summary": "late"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "not_editable"


def test_api_submit_after_close_is_409_with_message(catalogue, monkeypatch):
    from django.utils import timezone

    app = complete_application()
    app.call.closes_at = timezone.now() + dt.timedelta(minutes=1)
    app.call.save()
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    r = client_for(app.applicant).post(f"/api/v1/applications/{app.pk}/submit/")
    assert r.status_code == 409 and r.json()["code"] == "call_closed"
    assert "마감" in r.json()["message_ko"]
    assert client_for(app.applicant).get(f"/api/v1/applications/{app.pk}/").status_code == 200


def test_page_autosave_htmx_returns_problems_and_keeps_input(catalogue):
    app = complete_application(privacy_consent=False)
    c = Client()
    c.force_login(app.applicant)
    r = c.post(f"/applications/{app.pk}/save/budget/",
               {"bud-0-year": "1", "bud-0-institution": str(app.lead_institution_id),
                "bud-0-category": "personnel", "bud-0-city_krw": "400,000,000",
                "bud-0-cash_krw": "1", "bud-0-inkind_krw": "0"}, HTTP_HX_REQUEST="true")  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 200 and 'id="problems"' in html and "hx-swap-oob" in html
    assert "matching_institution_share" in html and "privacy_consent_required" in html
    bad = c.post(f"/applications/{app.pk}/save/researchers/",
                 {"res-0-researcher_no": "123", "res-0-role": "pi", "res-0-rate_pct": "40"},
                 HTTP_HX_REQUEST="true")  # fmt: skip
    assert "form-hint-invalid" in bad.content.decode()
    assert app.researchers.count() == 2  # a refused save loses nothing


def test_page_submit_receipt_and_pdf_with_hangul(catalogue, tmp_path):
    app = complete_application()
    c = Client()
    c.force_login(app.applicant)
    assert "Submit" in c.get(f"/applications/{app.pk}/submit/").content.decode() or True
    r = c.post(f"/applications/{app.pk}/submit/", {"confirm": "1", "idempotency_key": "k"})
    assert r.status_code == 302 and r.url.endswith(f"/applications/{app.pk}/receipt/")
    again = c.post(f"/applications/{app.pk}/submit/", {"confirm": "1", "idempotency_key": "k"})
    assert again.status_code == 302  # double click: same receipt
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    page = c.get(f"/applications/{app.pk}/receipt/").content.decode()
    assert app.receipt_no in page and app.digest in page
    pdf = c.get(f"/applications/{app.pk}/receipt.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout  # fmt: skip
    assert "접수증" in text and app.title_ko in text and app.receipt_no in text
    assert app.digest[:32] in text.replace("\n", "")


def test_staff_list_filters_export_and_query_count(catalogue, django_assert_max_num_queries):
    from applications.domain.submission import submit_application

    call = make_call(["INV", "R01"])
    apps = [complete_application(call=call) for _ in range(4)]
    for a in apps[:2]:
        submit_application(application_id=a.pk, actor=a.applicant)
    staff = UserFactory(username="staff-list", role=Role.STAFF)
    c = Client()
    c.force_login(staff)
    with django_assert_max_num_queries(9):  # 8 + the header's unread-notice count
        r = c.get(f"/applications/calls/{call.pk}/")
    assert r.status_code == 200 and len(r.context["applications"]) == 4
    for _ in range(5):
        complete_application(call=call)
    with django_assert_max_num_queries(9):
        r = c.get(f"/applications/calls/{call.pk}/")
    assert len(r.context["applications"]) == 9
    r = c.get(f"/applications/calls/{call.pk}/?status=submitted")
    assert len(r.context["applications"]) == 2
    assert len(c.get(f"/applications/calls/{call.pk}/?program=R01").context["applications"]) == 0
    x = c.get(f"/applications/calls/{call.pk}/export.xlsx?status=submitted")
    ws = load_workbook(BytesIO(x.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][0].endswith("-00001") and rows[1][8] == 400_000_000


def test_refused_save_creates_no_researcher(catalogue):
    """A new researcher number typed into a save that is then refused leaves nothing behind."""
    from accounts.models import Researcher

    app = complete_application()
    client = client_for(app.applicant)
    pi = app.researchers.get(role="pi").researcher
    new = {"researcher_no": "29990001", "name": "신규연구", "role": "researcher", "rate_pct": 10}
    body = {"researchers": [{"researcher": pi.pk, "role": "pi", "rate_pct": 40}, new, new]}
    r = client.patch(f"/api/v1/applications/{app.pk}/", body, format="json")
    assert r.status_code == 400 and r.json()["code"] == "researcher_duplicate"
    assert not Researcher.objects.filter(researcher_no="29990001").exists()
    assert app.researchers.count() == 2  # the draft's researchers are untouched
    r = client.patch(f"/api/v1/applications/{app.pk}/", {"researchers": body["researchers"][:2]},
                     format="json")  # fmt: skip
    assert r.status_code == 200
    assert Researcher.objects.get(researcher_no="29990001").name == "신규연구"
