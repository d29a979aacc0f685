"""Role x URL access of every page and API endpoint of accounts/ and programs/.

Expected codes: 200/201 allowed, 302 to sign-in (pages, anonymous), 401 (API, anonymous),
403 (signed in without the permission), 404 (a draft call is invisible to non-staff).
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts.enums import Role
from tests.conftest import client_for
from tests.factories import CallFactory, valid_business_no

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", Role.STAFF, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR]
A, S, AP, EV, OF, OP = ROLES


def _user(users, role):
    return None if role == A else users[role]


def _expect(table: dict, role) -> int:
    return table.get(role, table["*"])


@pytest.fixture
def calls(catalogue):
    published = CallFactory(programs=["INV"])
    draft = CallFactory(programs=["INV"], status="draft")
    return {"published": published, "draft": draft}


# (url template, expectations by role; "*" = every other role)
PAGES = [
    ("/", {"*": 200}),
    ("/calls/", {"*": 200}),
    ("/calls/?show=all", {"*": 200}),
    ("/en/calls/", {"*": 200}),
    ("/calls/{published}/", {"*": 200}),
    ("/calls/{draft}/", {S: 200, "*": 404}),
    ("/dashboard/budget/", {A: 302, S: 200, OF: 200, "*": 403}),
    ("/dashboard/budget/?year=2020", {A: 302, S: 200, OF: 200, "*": 403}),
    ("/dashboard/budget.xlsx", {A: 302, S: 200, OF: 200, "*": 403}),
    ("/accounts/institution/", {A: 302, S: 200, AP: 200, "*": 403}),
    ("/accounts/login/", {"*": 200}),
    ("/admin/", {S: 200, "*": 302}),
]


@pytest.mark.parametrize("role", ROLES)
def test_page_access(role, users, calls):
    """Every page for one role (one database set-up per role keeps the matrix fast)."""
    client = Client()
    user = _user(users, role)
    if user:
        client.force_login(user)
    wrong = []
    for template, expected in PAGES:
        url = template.format(published=calls["published"].pk, draft=calls["draft"].pk)
        response = client.get(url)
        code = _expect(expected, role)
        if response.status_code != code:
            wrong.append((url, code, response.status_code))
        elif code == 302:
            login = "/admin/login/" if url.startswith("/admin/") else "/accounts/login/"
            if not response["Location"].startswith(login):
                wrong.append((url, login, response["Location"]))
    assert wrong == [], f"{role}: (url, expected, got) {wrong}"


API_GET = [
    ("/api/v1/programs/", {"*": 200}),
    ("/api/v1/programs/INV/", {"*": 200}),
    ("/api/v1/programs/R99/", {"*": 404}),
    ("/api/v1/calls/", {"*": 200}),
    ("/api/v1/calls/{published}/", {"*": 200}),
    ("/api/v1/calls/{draft}/", {S: 200, "*": 404}),
    ("/api/v1/institutions/", {A: 401, S: 200, AP: 200, "*": 403}),
    ("/api/v1/budget/summary/?year=2021", {A: 401, S: 200, OF: 200, "*": 403}),
    ("/api/schema/", {"*": 200}),
    ("/api/docs/", {"*": 200}),
]


@pytest.mark.parametrize("role", ROLES)
def test_api_get_access(role, users, calls):
    client = client_for(_user(users, role))
    wrong = []
    for template, expected in API_GET:
        url = template.format(published=calls["published"].pk, draft=calls["draft"].pk)
        response = client.get(url)
        if response.status_code != _expect(expected, role):
            wrong.append((url, _expect(expected, role), response.status_code))
    assert wrong == [], f"{role}: (url, expected, got) {wrong}"


def _call_payload() -> dict:
    opens = timezone.now() + dt.timedelta(days=1)
    return {
        "title": "권한 시험 공고",
        "programs": ["INV"],
        "opens_at": opens.isoformat(),
        "closes_at": (opens + dt.timedelta(days=30)).isoformat(),
        "slots": 5,
        "budget_envelope_krw": 1_000_000_000,
    }


@pytest.mark.parametrize("role", ROLES)
def test_api_create_call_staff_only(role, users, catalogue):
    response = client_for(_user(users, role)).post("/api/v1/calls/", _call_payload(), format="json")
    expected = {A: 401, S: 201}.get(role, 403)
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role", ROLES)
def test_api_register_institution(role, users):
    user = _user(users, role)
    if role == AP:
        user.institution = None  # an applicant without an institution registers their own
        user.save()
    payload = {
        "name": "주식회사 권한시험",
        "type": "company",
        "business_no": valid_business_no(424242),
        "sites": [{"kind": "hq", "address": "서울특별시 중구 세종대로 110", "district": "중구"}],
    }
    response = client_for(user).post("/api/v1/institutions/", payload, format="json")
    expected = {A: 401, S: 201, AP: 201}.get(role, 403)
    assert response.status_code == expected, response.content


def test_api_applicant_with_institution_cannot_register_another(users):
    applicant = users[Role.APPLICANT]
    payload = {"name": "두번째 회사", "type": "company", "business_no": valid_business_no(777)}
    response = client_for(applicant).post("/api/v1/institutions/", payload, format="json")
    assert response.status_code == 400
    applicant.refresh_from_db()
    assert applicant.institution.business_no != payload["business_no"]


def test_api_applicant_sees_only_own_institution(users):
    from tests.factories import InstitutionFactory

    InstitutionFactory()  # someone else's
    applicant = users[Role.APPLICANT]
    data = client_for(applicant).get("/api/v1/institutions/").json()
    assert [i["id"] for i in data] == [applicant.institution_id]
    staff_data = client_for(users[Role.STAFF]).get("/api/v1/institutions/").json()
    assert len(staff_data) == 2


def test_api_call_list_hides_drafts_from_non_staff(users, calls):
    ids = {c["id"] for c in client_for(users[Role.APPLICANT]).get("/api/v1/calls/").json()}
    assert calls["published"].pk in ids and calls["draft"].pk not in ids
    ids = {c["id"] for c in client_for(users[Role.STAFF]).get("/api/v1/calls/").json()}
    assert calls["draft"].pk in ids


def test_swagger_ui_is_served_locally(users):
    html = Client().get("/api/docs/").content.decode()
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
