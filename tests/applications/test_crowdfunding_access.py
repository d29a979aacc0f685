"""Role-parametrised access to the R01 tracks pages and the crowdfunding API."""

import pytest
from django.test import Client

from accounts.enums import Role
from tests.evaluation.factories import ApplicationFactory
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db
ROLES = [Role.STAFF, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR, None]
STAFF_PAGES = ["/crowdfunding/staff/campaigns/", "/crowdfunding/staff/sessions/"]


@pytest.fixture
def app(catalogue, users):
    call = CallFactory(programs=["R01"], closed=True)
    return ApplicationFactory(
        call=call, track="crowdfunding", status="selected", applicant=users[Role.APPLICANT]
    )


def _client(users, role):
    client = Client()
    if role is not None:
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(users, app, role):
    client = _client(users, role)
    expected_staff = 200 if role == Role.STAFF else (302 if role is None else 403)
    for url in [*STAFF_PAGES, f"/staff/calls/{app.call_id}/tracks/"]:
        assert client.get(url).status_code == expected_staff, url
    own = 200 if role == Role.APPLICANT else (302 if role is None else 403)
    assert client.get(f"/crowdfunding/applications/{app.pk}/").status_code == own
    assert client.get("/crowdfunding/mine/").status_code == own
    panel = 200 if role == Role.EVALUATOR else (302 if role is None else 403)
    assert client.get("/crowdfunding/panel/").status_code == panel
    assert client.get("/crowdfunding/sessions/").status_code == 200


def test_another_applicant_cannot_read_or_record(users, app):
    other = UserFactory(role=Role.APPLICANT)
    client = Client()
    client.force_login(other)
    assert client.get(f"/crowdfunding/applications/{app.pk}/").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_api_by_role(users, app, role, api_client):
    if role is not None:
        api_client.force_authenticate(users[role])
    url = f"/api/v1/applications/{app.pk}/crowdfunding/"
    body = {"platform": "makuake", "url": "https://www.makuake.com/project/x/", "target_krw": 1000,
            "raised_krw": 2000, "backers": 10, "ends_on": "2021-09-01", "succeeded": True}  # fmt: skip
    response = api_client.post(url, body, format="json")
    if role == Role.APPLICANT:
        assert response.status_code == 201
        assert (
            api_client.post(url, body, format="json").status_code == 200
        )  # double submit: unchanged
        bad = api_client.post(url, {**body, "backers": "many"}, format="json")
        assert bad.status_code == 422 and bad.json()["problems"][0]["message_en"]
        assert api_client.get(url).json()["gate"]["open"] is False
    else:
        assert response.status_code in (401, 403)


def test_programme_api_lists_tracks(catalogue, api_client):
    tracks = api_client.get("/api/v1/programs/R01/").json()["tracks"]
    assert [t["code"] for t in tracks] == ["crowdfunding", "open_evaluation"]
    assert tracks[0]["funding_gate"] is True
