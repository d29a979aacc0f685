"""Who may see and act on the agreement core pages and API, role by role; files only through
permission-checked views; the parts' links only where the part exists."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus as S
from agreements.models import Agreement
from tests.agreements.factories import agreement_for, selected_application
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
ROLES = [
    "party",
    "representative",
    "other_applicant",
    "staff",
    "evaluator",
    "official",
    "anonymous",
]


@pytest.fixture
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    agreement = agreement_for(status=S.AWAITING_GUARANTEE)
    record_version(agreement=agreement, actor=None, reason="최초")
    pi = agreement.application.applicant
    people = {
        "party": pi,
        "representative": UserFactory(role=Role.APPLICANT, institution=agreement.lead_institution),
        "other_applicant": UserFactory(role=Role.APPLICANT),
        "staff": UserFactory(role=Role.STAFF),
        "evaluator": UserFactory(role=Role.EVALUATOR),
        "official": UserFactory(role=Role.OFFICIAL),
        "anonymous": None,
    }
    return agreement, people


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


VIEW = {"party": 200, "representative": 200, "staff": 200, "other_applicant": 404}


@pytest.mark.parametrize("role", ROLES)
def test_detail_pdf_and_api_read(setup, role):
    agreement, people = setup
    user = people[role]
    client = page_client(user)
    page = client.get(reverse("agreements:detail", args=[agreement.pk]))
    pdf = client.get(reverse("agreements:version-pdf", args=[agreement.pk, 1]))
    api = client_for(user).get(f"/api/v1/agreements/{agreement.pk}/")
    if user is None:
        assert page.status_code == 302 and pdf.status_code == 302
        assert api.status_code in (401, 403)
        return
    expected = VIEW.get(role, 403)
    assert (page.status_code, pdf.status_code, api.status_code) == (expected,) * 3
    if expected == 200:
        assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
        assert pdf["Content-Disposition"].startswith("inline")
        assert pdf["X-Frame-Options"] == "SAMEORIGIN"
        assert api.json()["years"][0]["year_no"] == 1
        assert agreement.verify_code in page.content.decode()


SIGN = {"party": 200, "representative": 200, "other_applicant": 404}
COUNTERSIGN = {"staff": 200, "other_applicant": 404}


@pytest.mark.parametrize("role", ROLES)
def test_sign_and_countersign_pages(setup, role):
    agreement, people = setup
    client = page_client(people[role])
    sign = client.get(reverse("agreements:sign", args=[agreement.pk]))
    counter = client.get(reverse("agreements:countersign", args=[agreement.pk]))
    if people[role] is None:
        assert sign.status_code == counter.status_code == 302
        return
    assert sign.status_code == SIGN.get(role, 403)
    assert counter.status_code == COUNTERSIGN.get(role, 403)


LISTS = {
    "party": (200, 403), "representative": (200, 403), "other_applicant": (200, 403),
    "staff": (302, 200), "evaluator": (403, 403), "official": (403, 403),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_my_agreements_and_workbench(setup, role):
    agreement, people = setup
    client = page_client(people[role])
    mine = client.get(reverse("agreements:mine"))
    bench = client.get(reverse("agreements:workbench"))
    if people[role] is None:
        assert mine.status_code == bench.status_code == 302
        assert "/accounts/login" in mine["Location"] or "login" in mine["Location"]
        return
    assert (mine.status_code, bench.status_code) == LISTS[role]
    if role in ("party", "representative"):
        assert f"agreement-{agreement.pk}" in mine.content.decode()
        assert "내 협약" in mine.content.decode() or "My agreements" in mine.content.decode()
    if role == "other_applicant":
        assert f"agreement-{agreement.pk}" not in mine.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_create_page_and_api(setup, role):
    _agreement, people = setup
    user = people[role]
    app = selected_application()
    page = page_client(user).post(reverse("agreements:create", args=[app.pk]))
    api = client_for(user).post("/api/v1/agreements/", {"application": app.pk}, format="json")
    if user is None:
        assert page.status_code == 302 and api.status_code in (401, 403)
    elif role == "staff":
        assert page.status_code == 302
        created = Agreement.objects.get(application=app)
        assert page["Location"] == reverse("agreements:detail", args=[created.pk])
        assert api.status_code == 409  # the page created it first
    else:
        assert (page.status_code, api.status_code) == (403, 403)
        assert not Agreement.objects.filter(application=app).exists()


def test_parts_links_only_for_routes_that_exist(setup):
    agreement, people = setup
    body = page_client(people["staff"]).get(reverse("agreements:detail", args=[agreement.pk]))
    html = body.content.decode()
    from django.urls import Resolver404, resolve

    for slug in ("guarantees", "instalments", "ledger", "expenses", "changes", "evaluations",
                 "settlement"):  # fmt: skip
        url = f"/agreements/{agreement.pk}/{slug}/"
        try:
            resolve(url)
            exists = True
        except Resolver404:
            exists = False
        assert (f'href="{url}"' in html) == exists, slug


def test_nav_entries(setup):
    _agreement, people = setup
    applicant_home = page_client(people["party"]).get(reverse("agreements:mine")).content.decode()
    assert f'href="{reverse("agreements:mine")}"' in applicant_home
    staff_home = page_client(people["staff"]).get(reverse("agreements:workbench")).content.decode()
    assert f'href="{reverse("agreements:workbench")}"' in staff_home


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_queries_do_not_grow_with_agreements(setup):
    agreement, people = setup
    staff, party = page_client(people["staff"]), page_client(people["representative"])
    _queries(staff, reverse("agreements:workbench"))  # warm up (session, caches)
    _queries(party, reverse("agreements:mine"))
    bench = _queries(staff, reverse("agreements:workbench"))
    mine = _queries(party, reverse("agreements:mine"))
    for _ in range(3):
        pi = UserFactory(role=Role.APPLICANT, institution=agreement.lead_institution)
        agreement_for(selected_application(applicant=pi))
        selected_application()  # waiting for its agreement
    assert _queries(staff, reverse("agreements:workbench")) == bench
    assert _queries(party, reverse("agreements:mine")) == mine
