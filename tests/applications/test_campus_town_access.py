"""Who may open each campus-town page and endpoint (role-parametrised), and the matching API."""

import pytest
from django.test import Client

from accounts.enums import Role
from applications.domain.matching import search_experts
from applications.models import ExpertMatch
from tests.applications import campus_town_factories as ct
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["startup", "other_applicant", "expert", "other_expert", "staff", "intake_agency",
         "designator", "official", "evaluator", "anonymous"]  # fmt: skip


@pytest.fixture
def world(catalogue):
    startup, expert = ct.startup_user(), ct.expert()
    problem = ct.problem(startup)
    from applications.domain.matching import propose_match

    match = propose_match(problem_id=problem.pk, expert=expert, actor=startup)
    users = {
        "startup": startup, "expert": expert, "other_expert": ct.expert(),
        "other_applicant": UserFactory(role=Role.APPLICANT, institution=ct.InstitutionFactory()),
        "staff": UserFactory(role=Role.STAFF), "intake_agency": UserFactory(role=Role.INTAKE_AGENCY),
        "designator": ct.designator(), "official": UserFactory(role=Role.OFFICIAL),
        "evaluator": UserFactory(role=Role.EVALUATOR), "anonymous": None,
    }  # fmt: skip
    return {"users": users, "problem": problem, "match": match}


def _get(user, url):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c.get(url).status_code


PAGES = {
    # page: roles that get 200 (others: 403, 404 or the login redirect)
    "problems": {"startup", "other_applicant", "staff", "intake_agency"},
    "problem-new": {"startup"},
    "problem": {"startup", "staff", "intake_agency"},
    "experts": {"startup", "staff", "intake_agency"},
    "matches": {"startup", "other_applicant", "expert", "other_expert", "staff", "intake_agency"},
    "match": {"startup", "expert", "staff", "intake_agency"},
    "designations": {"designator", "staff", "intake_agency", "official"},
    "chains": {"staff", "intake_agency", "official"},
}


@pytest.mark.parametrize("role", ROLES)
def test_page_access_per_role(world, role):
    user = world["users"][role]
    urls = {
        "problems": "/campus-town/problems/", "problem-new": "/campus-town/problems/new/",
        "problem": f"/campus-town/problems/{world['problem'].pk}/",
        "experts": "/campus-town/experts/?field=ai", "matches": "/campus-town/matches/",
        "match": f"/campus-town/matches/{world['match'].pk}/",
        "designations": "/campus-town/designations/", "chains": "/campus-town/agreements/",
    }  # fmt: skip
    for name, url in urls.items():
        status = _get(user, url)
        if role in PAGES[name]:
            assert status == 200, (role, name, status)
        elif role == "expert" and name == "problems":
            assert status == 302  # the expert's list is the matches page
        else:
            assert status in (302, 403, 404), (role, name, status)
            if role == "anonymous":
                assert status == 302


API = {
    "experts": {"startup", "staff", "intake_agency"},
    "matches": {"startup", "other_applicant", "expert", "other_expert", "staff", "intake_agency"},
}


@pytest.mark.parametrize("role", ROLES)
def test_api_access_per_role(world, role):
    user = world["users"][role]
    for name, allowed in API.items():
        r = client_for(user).get(f"/api/v1/campus-town/{name}/?field=ai")
        if role in allowed:
            assert r.status_code == 200, (role, name)
        else:
            assert r.status_code in (401, 403), (role, name, r.status_code)
    r = client_for(user).post(f"/api/v1/campus-town/matches/{world['match'].pk}/accept/", {},
                              format="json")  # fmt: skip
    assert (r.status_code == 200) == (role == "expert"), (role, r.status_code)


def test_api_search_propose_accept_decline(world):
    startup, expert = world["users"]["startup"], world["users"]["expert"]
    found = client_for(startup).get("/api/v1/campus-town/experts/?field=ai&q=배터리").json()
    # equal scores: the expert with fewer live matches first (the other one is already proposed)
    assert [f["expert"] for f in found] == [world["users"]["other_expert"].pk, expert.pk]
    assert [f["score"] for f in found] == [13, 13] and found[1]["live_matches"] == 1
    assert client_for(startup).get("/api/v1/campus-town/experts/?field=nope").status_code == 400
    mine = client_for(expert).get("/api/v1/campus-town/matches/").json()
    assert [m["id"] for m in mine] == [world["match"].pk]
    assert (
        client_for(world["users"]["other_expert"]).get("/api/v1/campus-town/matches/").json() == []
    )
    r = client_for(expert).post(f"/api/v1/campus-town/matches/{world['match'].pk}/decline/", {},
                                format="json")  # fmt: skip
    assert r.status_code == 400  # a reason is required
    r = client_for(expert).post(f"/api/v1/campus-town/matches/{world['match'].pk}/decline/",
                                {"reason": "일정이 맞지 않습니다"}, format="json")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "declined"
    r = client_for(expert).post(f"/api/v1/campus-town/matches/{world['match'].pk}/accept/", {},
                                format="json")  # fmt: skip
    assert r.status_code == 409  # already decided
    other = world["users"]["other_expert"]
    r = client_for(startup).post("/api/v1/campus-town/matches/",
                                 {"problem": world["problem"].pk, "expert": other.pk}, format="json")  # fmt: skip
    assert r.status_code == 201 and r.json()["startup_decision"] == "accepted"
    r = client_for(world["users"]["other_applicant"]).post(
        "/api/v1/campus-town/matches/", {"problem": world["problem"].pk, "expert": other.pk},
        format="json",
    )  # fmt: skip
    assert r.status_code in (403, 404)
    assert ExpertMatch.objects.count() == 2


def test_match_page_answer_and_decline_error_next_to_the_field(world):
    expert = world["users"]["expert"]
    c = Client()
    c.force_login(expert)
    url = f"/campus-town/matches/{world['match'].pk}/"
    r = c.post(url, {"op": "decline", "reason": ""})
    assert r.status_code == 400 and 'id="decline-reason-error"' in r.content.decode()
    r = c.post(url, {"op": "accept"})
    assert r.status_code == 302
    page = c.get(url).content.decode()
    assert 'id="accept-match"' not in page  # answered: no second decision
    assert c.post(url, {"op": "accept"}).status_code == 302
    world["match"].refresh_from_db()
    assert world["match"].status == "accepted"


def test_problem_post_page_keeps_input_and_lists_candidates(world):
    startup = world["users"]["startup"]
    c = Client()
    c.force_login(startup)
    r = c.post(
        "/campus-town/problems/new/", {"title": "센서 노이즈", "field": "", "description": ""}
    )
    assert r.status_code == 400 and 'value="센서 노이즈"' in r.content.decode()
    r = c.post("/campus-town/problems/new/", {"title": "센서 노이즈", "field": "ai",
                                              "keywords": "배터리", "description": "설명"})  # fmt: skip
    assert r.status_code == 302
    page = c.get(r["Location"]).content.decode()
    assert f'id="candidate-{world["users"]["expert"].pk}"' in page


def test_lists_have_bounded_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = world["users"]["staff"]
    c = Client()
    c.force_login(staff)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = ("/campus-town/matches/", "/campus-town/problems/")
    [count(u) for u in urls]  # the first request of a session loads it
    before = {u: count(u) for u in urls}
    for _ in range(5):
        ct.accepted_match()
    after = {u: count(u) for u in before}
    assert after == before and max(after.values()) <= 12


def test_expert_keeps_the_profile_the_search_reads(world):
    expert = world["users"]["expert"]
    c = Client()
    c.force_login(expert)
    page = c.get("/campus-town/profile/").content.decode()
    assert 'aria-current="page"' in page and "전기정보공학부" in page
    r = c.post("/campus-town/profile/", {"position": "부교수", "department": "화학과",
                                         "fields_": ["materials", "energy"], "keywords": "전해질",
                                         "bio": "", "available": ""})  # fmt: skip
    assert r.status_code == 302
    expert.expert_profile.refresh_from_db()
    assert expert.expert_profile.field_list == ["materials", "energy"]
    assert expert.expert_profile.available is False
    assert search_experts(field="energy", keywords="전해질") == []  # not available any more
    r = c.post("/campus-town/profile/", {"fields_": ["nope"]})
    assert r.status_code == 400
    for role in ("startup", "staff", "designator"):
        c.force_login(world["users"][role])
        assert c.get("/campus-town/profile/").status_code == 403
