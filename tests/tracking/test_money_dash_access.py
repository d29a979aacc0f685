"""Who may open the money dashboard (every level, its exports and the API), role by role: staff and
city officials read; applicants and every other role 403; anonymous to the sign-in page (401/403 on
the API). Nobody changes anything through it: POST, PATCH, PUT and DELETE are refused."""

import pytest
from django.test import Client

from agreements.models import LedgerEntry
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.tracking.money_dash_helpers import world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
ROLES = ["staff", "official", "applicant", "party", "evaluator", "operator", "intake_agency",
         "expert", "anonymous"]  # fmt: skip
READERS = {"staff", "official"}


@pytest.fixture
def setup():
    w = world(1)
    people = {r: UserFactory(username=f"acc-{r}", role=r) for r in
              ("staff", "official", "applicant", "evaluator", "operator", "intake_agency", "expert")}  # fmt: skip
    people["party"] = w.agreements[0].application.applicant  # the project's own institution
    people["anonymous"] = None
    return w, people


def _pages(w) -> list[str]:
    call, agreement = w.calls[0].pk, w.agreements[0].pk
    return [
        "/dashboard/money/", "/dashboard/money/?year=2025&field=cluster",
        "/dashboard/money/programs/R04/?year=2025", f"/dashboard/money/calls/{call}/?year=2025",
        f"/dashboard/money/projects/{agreement}/?year=2025",
        "/dashboard/money/export.xlsx?year=2025&program=R04",
        f"/dashboard/money/projects/{agreement}/export.xlsx?year=2025",
        "/en/dashboard/money/?year=2025",
    ]  # fmt: skip


def _apis(w) -> list[str]:
    return [
        "/api/v1/dashboard/money/?year=2025", "/api/v1/dashboard/money/?year=2025&program=R04",
        "/api/v1/dashboard/money/?year=2025&field=cluster",
        f"/api/v1/dashboard/money/?year=2025&call={w.calls[0].pk}",
        f"/api/v1/dashboard/money/?year=2025&agreement={w.agreements[0].pk}",
    ]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_pages_exports_and_api_by_role(setup, role):
    w, people = setup
    user = people[role]
    client = Client()
    if user is not None:
        client.force_login(user)
    pages = [client.get(p) for p in _pages(w)]
    apis = [client_for(user).get(a) for a in _apis(w)]
    if user is None:
        assert all(p.status_code == 302 and "/accounts/login/" in p["Location"] for p in pages)
        assert all(a.status_code in (401, 403) for a in apis)
        return
    expected = 200 if role in READERS else 403
    assert [p.status_code for p in pages + apis] == [expected] * (len(pages) + len(apis))
    if expected == 200:
        assert "money-dashboard" in pages[0].content.decode()
        assert apis[1].json()["total"]["agreements"] == 1


@pytest.mark.parametrize("role", ["staff", "official"])
def test_readers_change_nothing(setup, role):
    w, people = setup
    client = Client()
    client.force_login(people[role])
    api = client_for(people[role])
    rows = LedgerEntry.objects.count()
    for url in _pages(w):
        assert client.post(url, {"year": 2025}).status_code == 405
    for url in _apis(w):
        assert api.post(url, {"year": 2025}, format="json").status_code in (403, 405)
        assert api.patch(url, {"paid_krw": 0}, format="json").status_code in (403, 405)
        assert api.put(url, {}, format="json").status_code in (403, 405)
        assert api.delete(url).status_code in (403, 405)
    assert LedgerEntry.objects.count() == rows


def test_menu_links_the_dashboard_and_reports_for_readers_only(setup):
    w, people = setup
    for role, shown in (("official", True), ("staff", True), ("applicant", False)):
        client = Client()
        client.force_login(people[role])
        html = client.get("/").content.decode()
        assert ('href="/dashboard/money/"' in html) is shown, role
        assert ('href="/tracking/reports/"' in html) is shown or role == "applicant", role
        assert 'href="/open-data/"' in html
    assert 'href="/open-data/"' in Client().get("/").content.decode()
    official = Client()
    official.force_login(people["official"])
    assert official.get("/tracking/reports/").status_code == 200
