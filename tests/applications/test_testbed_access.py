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


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("path", list(ALLOWED))
def test_page_access(world, who, path):
    url = path.format(pk=world["proposal"].pk)
    status = client(world["people"][who]).get(url).status_code
    if who in ALLOWED[path]:
        assert status == 200, (who, url)
    else:
        assert status == (302 if who == "anonymous" else 403), (who, url, status)


@pytest.mark.parametrize("who", WHO)
def test_only_the_agency_runs_the_requirements_check(world, who):
    url = f"/testbed/proposals/{world['proposal'].pk}/requirements/"
    data = {"decision": "pass", "site": world["site"].pk, "note": "ok"}
    response = client(world["people"][who]).post(url, data)
    world["proposal"].refresh_from_db()
    if who == "agency":
        assert response.status_code == 302 and world["proposal"].step == "site_opinion"
    else:
        assert response.status_code in (302, 403) and world["proposal"].step == "requirements"
        if who != "anonymous":
            assert response.status_code == 403


@pytest.mark.parametrize("who", ["site", "other_site", "agency", "owner", "staff"])
def test_only_the_proposals_site_gives_its_opinion(world, who):
    from applications.domain.testbed_actions import check_requirements

    check_requirements(
        proposal=world["proposal"],
        actor=world["agency"],
        passed=True,
        note="ok",
        site=world["site"],
    )
    url = f"/testbed/proposals/{world['proposal'].pk}/opinion/"
    response = client(world["people"][who]).post(url, {"fit": "fit", "comment": "좋음"})
    world["proposal"].refresh_from_db()
    assert (response.status_code, world["proposal"].step) == (
        (302, "written_review") if who == "site" else (403, "site_opinion")
    )


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
