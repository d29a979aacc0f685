"""Who may open each testbed page and act on a proposal (role-parametrised), and list query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from tests.applications.testbed_factories import make_testbed_world, propose
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db

WHO = [
    "anonymous",
    "owner",
    "other_applicant",
    "agency",
    "site",
    "other_site",
    "staff",
    "evaluator",
    "official",
]


@pytest.fixture
def world(catalogue):
    w = make_testbed_world(prefix="ac")
    w["proposal"] = propose(w)
    w["proposal"].site = w["site"]
    w["proposal"].save(update_fields=["site"])
    w["people"] = {
        "anonymous": None, "owner": w["proposer"], "agency": w["agency"], "site": w["site_user"],
        "staff": w["staff"],
        "other_applicant": UserFactory(username="ac-other", role=Role.APPLICANT, institution=InstitutionFactory()),
        "other_site": UserFactory(username="ac-site2", role=Role.DEMO_SITE, institution=InstitutionFactory()),
        "evaluator": UserFactory(username="ac-eval", role=Role.EVALUATOR),
        "official": UserFactory(username="ac-official", role=Role.OFFICIAL),
    }  # fmt: skip
    return w


def client(user) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


ALLOWED = {
    "/testbed/": set(WHO),
    "/testbed/propose/": {"owner", "other_applicant"},
    "/testbed/mine/": {"owner", "other_applicant"},
    "/testbed/proposals/{pk}/": {"owner", "agency", "site", "staff"},
    "/testbed/intake/": {"agency"},
    "/testbed/site/": {"site", "other_site"},
    "/testbed/demonstrations/": {"staff"},
    "/testbed/topics/": {"agency", "staff"},
    "/testbed/outcomes/": {"owner", "other_applicant", "staff"},
}


def test_page_access_for_every_role(world):
    """Each page × each role: allowed → 200, signed out → sign-in, anyone else → 403."""
    wrong = []
    for who in WHO:
        c = client(world["people"][who])
        for path, allowed in ALLOWED.items():
            url = path.format(pk=world["proposal"].pk)
            status = c.get(url).status_code
            expected = 200 if who in allowed else 302 if who == "anonymous" else 403
            if status != expected:
                wrong.append((who, url, status, expected))
    assert not wrong


def test_only_the_agency_runs_the_requirements_check(world):
    url = f"/testbed/proposals/{world['proposal'].pk}/requirements/"
    data = {"decision": "pass", "site": world["site"].pk, "note": "ok"}
    for who in [w for w in WHO if w != "agency"]:
        response = client(world["people"][who]).post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403), who
    world["proposal"].refresh_from_db()
    assert world["proposal"].step == "requirements"
    assert client(world["agency"]).post(url, data).status_code == 302
    world["proposal"].refresh_from_db()
    assert world["proposal"].step == "site_opinion"


def test_only_the_proposals_site_gives_its_opinion(world):
    from applications.domain.testbed_actions import check_requirements

    check_requirements(
        proposal=world["proposal"],
        actor=world["agency"],
        passed=True,
        note="ok",
        site=world["site"],
    )
    url = f"/testbed/proposals/{world['proposal'].pk}/opinion/"
    for who in ("other_site", "agency", "owner", "staff"):
        assert (
            client(world["people"][who]).post(url, {"fit": "fit", "comment": "x"}).status_code
            == 403
        ), who
    assert (
        client(world["site_user"]).post(url, {"fit": "fit", "comment": "좋음"}).status_code == 302
    )
    world["proposal"].refresh_from_db()
    assert world["proposal"].step == "written_review"


def test_bad_input_keeps_the_form_with_its_errors(world):
    url = f"/testbed/proposals/{world['proposal'].pk}/requirements/"
    response = client(world["agency"]).post(url, {"decision": "maybe", "note": ""})
    assert response.status_code == 422
    assert 'id="id_note_error"' in response.content.decode()


def test_proposal_form_refuses_one_won_over_the_cap_next_to_the_field(world):
    data = {"track": "budget_support", "title_ko": "과제", "summary": "요약", "tech_field": "ai",
            "current_trl": 6, "city_krw": 400_000_001, "company_krw": 200_000_000}  # fmt: skip
    response = client(world["proposer"]).post("/testbed/propose/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_city_krw_error"' in body and "400,000,000" in body
    assert 'value="400000001"' in body  # input kept


def test_intake_list_queries_do_not_grow_with_rows(world):
    c = client(world["agency"])
    with CaptureQueriesContext(connection) as one:
        c.get("/testbed/intake/")
    for _ in range(3):
        propose(world)
    with CaptureQueriesContext(connection) as four:
        c.get("/testbed/intake/")
    assert len(four) == len(one)
