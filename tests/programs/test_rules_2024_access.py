"""Who may use the rules 2024 pages and API, role by role, and that the pages work end to end
(Tech Partners, follow-on selection, R15 forum records)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from programs.domain.tech_partners import propose_matches
from programs.models import FollowOnSelection, ForumRecord, Program, TechMatch, TechNeed
from tests.conftest import client_for
from tests.factories import InstitutionFactory, UserFactory
from tests.programs.rules_2024_helpers import need_of, partner_with_user, r01_call, scored_agreement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
ROLES = [
    "staff",
    "official",
    "partner",
    "startup",
    "applicant",
    "evaluator",
    "operator",
    "anonymous",
]
M = 1_000_000


@pytest.fixture
def world():
    partner, partner_user, staff = partner_with_user()
    funded = scored_agreement(r01_call(), "90")
    need = need_of(partner, staff)
    (match,) = propose_matches(need=need, actor=staff)
    people = {
        "staff": staff, "official": UserFactory(role=Role.OFFICIAL), "partner": partner_user,
        "startup": funded.application.applicant, "applicant": UserFactory(role=Role.APPLICANT),
        "evaluator": UserFactory(role=Role.EVALUATOR), "operator": UserFactory(role=Role.OPERATOR),
        "anonymous": None,
    }  # fmt: skip
    return {"people": people, "match": match, "need": need, "funded": funded}


def page(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


PAGES = {
    "rules_2024:partner-home": {"partner"},
    "rules_2024:my-matches": {"startup"},
    "rules_2024:staff-partners": {"staff"},
    "rules_2024:follow-on": {"staff", "official"},
    "rules_2024:forum-records": {"staff", "official"},
}


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(world, role):
    user = world["people"][role]
    for name, allowed in PAGES.items():
        response = page(user).get(reverse(name))
        if user is None:
            assert response.status_code == 302, name
        elif role in allowed:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 403, (name, role)


API = {
    "/api/v1/tech-partners/partners/": {"staff"},
    "/api/v1/tech-partners/needs/": {"staff", "partner"},
    "/api/v1/tech-partners/matches/": {"staff", "partner", "startup"},
    "/api/v1/follow-on/?program=R01&year=2026": {"staff", "official"},
}


@pytest.mark.parametrize("role", ROLES)
def test_api_reads_by_role(world, role):
    user = world["people"][role]
    for url, allowed in API.items():
        response = client_for(user).get(url)
        if user is None:
            assert response.status_code in (401, 403), url
        else:
            assert response.status_code == (200 if role in allowed else 403), (url, role)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_two_sides_decide_a_match(world, role):
    user, match = world["people"][role], world["match"]
    response = client_for(user).post(f"/api/v1/tech-partners/matches/{match.pk}/decision/",
                                     {"accept": True}, format="json")  # fmt: skip
    if role in ("partner", "startup"):
        assert response.status_code == 200
        assert response.json()["status"] == f"{role}_accepted"
    else:
        assert response.status_code in (401, 403)
        match.refresh_from_db()
        assert match.status == "proposed"


def test_each_side_sees_only_its_own_matches(world):
    people, match = world["people"], world["match"]
    assert [
        m["id"] for m in client_for(people["startup"]).get("/api/v1/tech-partners/matches/").json()
    ] == [match.pk]
    other_startup = UserFactory(role=Role.APPLICANT, institution=InstitutionFactory())
    assert client_for(other_startup).get("/api/v1/tech-partners/matches/").json() == []
    _other_partner, other_user, _staff = partner_with_user()
    assert client_for(other_user).get("/api/v1/tech-partners/matches/").json() == []
    assert client_for(other_user).get("/api/v1/tech-partners/needs/").json() == []


def test_partner_page_flow_need_then_decisions(world):
    people, match = world["people"], world["match"]
    partner = page(people["partner"])
    bad = partner.post(reverse("rules_2024:partner-home"), {"field": "nope", "title": ""})
    assert bad.status_code == 400 and b'id="id_title_error"' in bad.content
    ok = partner.post(reverse("rules_2024:partner-home"),
                      {"field": "quantum", "title": "양자 암호 통신", "keywords": "양자", "purchase_intent": "on"})  # fmt: skip
    assert ok.status_code == 302 and TechNeed.objects.filter(field="quantum").exists()
    url = reverse("rules_2024:match-decide", args=[match.pk])
    assert partner.post(url, {"decision": "accept"}).status_code == 302
    again = partner.post(url, {"decision": "accept"})  # double click: refused, not a 500
    assert again.status_code in (302, 409)
    assert page(people["startup"]).post(url, {"decision": "accept"}).status_code == 302
    match.refresh_from_db()
    assert match.status == "accepted"
    outcome = partner.post(reverse("rules_2024:match-outcome", args=[match.pk]),
                           {"kind": "purchase", "amount_krw": "25000000", "dated_on": "2026-11-02"})  # fmt: skip
    assert outcome.status_code == 302 and match.outcomes.get().amount_krw == 25 * M
    home = partner.get(reverse("rules_2024:partner-home"))
    assert b"25,000,000" in home.content and TechMatch.objects.count() == 1


def test_staff_registers_partner_and_proposes(world):
    staff = page(world["people"]["staff"])
    company = InstitutionFactory(name="비바리퍼블리카", is_sme=False)
    response = staff.post(reverse("rules_2024:staff-partners"),
                          {"action": "register", "institution": company.pk, "size": "mid"})  # fmt: skip
    assert response.status_code == 302 and company.tech_partner.size == "mid"
    response = staff.post(
        reverse("rules_2024:staff-partners"), {"action": "propose", "need": world["need"].pk}
    )
    assert response.status_code == 302
    assert staff.get(reverse("rules_2024:staff-partners")).status_code == 200


def test_follow_on_page_and_api_select(world):
    staff_user, funded = world["people"]["staff"], world["funded"]
    bad = page(staff_user).post(reverse("rules_2024:follow-on"),
                                {"agreement": funded.pk, "purpose": "overseas", "amount_krw": 200 * M + 1,
                                 "program": "R01", "year": 2026})  # fmt: skip
    assert bad.status_code == 422 and b"id_amount_krw_error" in bad.content
    # cohort of 1: ⌊0.3⌋ = 0 may be selected
    response = client_for(staff_user).post("/api/v1/follow-on/", {"agreement": funded.pk, "purpose": "overseas",
                                                                  "amount_krw": 100 * M}, format="json")  # fmt: skip
    assert response.status_code == 422 and not FollowOnSelection.objects.exists()
    listed = client_for(staff_user).get("/api/v1/follow-on/?program=R01&year=2026").json()
    assert (listed["cohort_size"], listed["cap"]) == (1, 0)
    assert (
        client_for(world["people"]["official"])
        .post("/api/v1/follow-on/", {}, format="json")
        .status_code
        == 403
    )


def test_forum_records_page_adds_and_shows_execution(world):
    staff = page(world["people"]["staff"])
    url = reverse("rules_2024:forum-records")
    bad = staff.post(
        url, {"program": "R15", "year": 2021, "kind": "event", "title": "", "dated_on": "x"}
    )
    assert bad.status_code == 422 and b"id_title_error" in bad.content
    ok = staff.post(url, {"program": "R15", "year": 2021, "kind": "event", "title": "EKC 2021 서울시 포럼",
                          "dated_on": "2021-07-20", "amount_krw": "32000000"})  # fmt: skip
    assert ok.status_code == 302 and ForumRecord.objects.get().program == Program.objects.get(
        code="R15"
    )
    shown = page(world["people"]["official"]).get(url + "?year=2021")
    assert (
        b"64,000,000" in shown.content
        and b"32,000,000" in shown.content
        and b"50.0" in shown.content
    )
    assert page(world["people"]["official"]).post(url, {}).status_code == 403
