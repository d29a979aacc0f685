"""The core agreement API: create (201 / 409 / 422 / 400) and read (status, versions, years,
totals, final result)."""

import datetime as dt

import pytest

from accounts.enums import Role
from agreements.models import Agreement
from applications.models import Application
from evaluation.models import CommitteeDecision
from tests.agreements.factories import selected_application
from tests.applications.factories import complete_application
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def staff(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return client_for(UserFactory(role=Role.STAFF))


def test_create_then_read(staff):
    app = selected_application()
    CommitteeDecision.objects.create(call=app.call, application=app, selected=True,
                                     granted_krw=350_000_000, reason="감액")  # fmt: skip
    created = staff.post("/api/v1/agreements/", {"application": app.pk}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert set(body) >= {"id", "status", "guarantee_due_on", "years"}
    assert body["status"] == "awaiting_guarantee"
    assert body["years"][0]["city_grant_krw"] == 350_000_000
    read = staff.get(f"/api/v1/agreements/{body['id']}/")
    assert read.status_code == 200
    data = read.json()
    assert data["status"] == "awaiting_guarantee" and data["final_result"] is None
    (year,) = data["years"]
    assert year == {
        "year_no": 1, "starts_on": "2023-10-01", "ends_on": "2024-09-30",
        "city_grant_krw": 350_000_000, "institution_cash_krw": 13_334_000,
        "institution_inkind_krw": 120_000_000, "guarantee_required_until": "2025-03-30",
    }  # fmt: skip
    assert data["totals"] == {"city_grant_krw": 350_000_000, "institution_cash_krw": 13_334_000,
                              "institution_inkind_krw": 120_000_000,
                              "applied_city_grant_krw": 400_000_000}  # fmt: skip
    (version,) = data["versions"]
    assert version["version_no"] == 1 and len(version["pdf_sha256"]) == 64
    assert dt.date.fromisoformat(data["guarantee_due_on"]) - dt.date.fromisoformat(
        data["selection_notified_on"]) == dt.timedelta(days=30)  # fmt: skip


def test_second_create_is_409(staff):
    app = selected_application()
    assert (
        staff.post("/api/v1/agreements/", {"application": app.pk}, format="json").status_code == 201
    )
    again = staff.post("/api/v1/agreements/", {"application": app.pk}, format="json")
    assert again.status_code == 409
    body = again.json()
    assert body["code"] == "duplicate" and body["problems"][0]["field"] == "application"
    assert body["message_ko"] and body["message_en"]
    assert Agreement.objects.filter(application=app).count() == 1


def test_not_selected_is_422_with_a_problem(staff):
    app = complete_application()
    Application.objects.filter(pk=app.pk).update(status="submitted")
    response = staff.post("/api/v1/agreements/", {"application": app.pk}, format="json")
    assert response.status_code == 422
    (problem,) = response.json()["problems"]
    assert problem["code"] == "not_selected" and problem["field"] == "application"
    assert "선정" in problem["message_ko"] and "selected" in problem["message_en"]


@pytest.mark.parametrize(
    "payload, status",
    [({}, 400), ({"application": "x"}, 400), ({"application": True}, 400),
     ({"application": 10**30}, 400), ({"application": 999_999}, 422), ([1, 2], 400)],
)  # fmt: skip
def test_bad_input_is_4xx_never_500(staff, payload, status):
    response = staff.post("/api/v1/agreements/", payload, format="json")
    assert response.status_code == status
    assert response.json()["problems"][0]["field"] == "application"


def test_malformed_json_is_400(staff):
    response = staff.post("/api/v1/agreements/", data="{", content_type="application/json")
    assert response.status_code == 400


def test_unknown_agreement_is_404(staff):
    assert staff.get("/api/v1/agreements/999999/").status_code == 404
