"""Challenge pages and the tiers API: role-parametrised access, entry by form (English first for
the Global Challenge), foreign institution registration, the public ballot and the tiers API."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.enums import Role
from accounts.models import Institution
from evaluation.models import ChallengeTeam
from tests.evaluation.challenge_helpers import challenge_call, team_in
from tests.factories import CallFactory, InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [None, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.STAFF]


def client_as(role, *, institution=True):
    client = Client()
    if role is not None:
        inst = InstitutionFactory() if role == Role.APPLICANT and institution else None
        client.force_login(UserFactory(role=role, institution=inst))
    return client


@pytest.fixture
def r10(catalogue):
    call = challenge_call("R10")
    call.closes_at = call.closes_at.replace(year=call.closes_at.year + 1)  # open for entries
    call.save()
    return call


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("challenges:index", {None, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.STAFF}),
        ("challenges:enter", {Role.APPLICANT}),
        ("challenges:my-teams", {Role.APPLICANT}),
        ("challenges:staff-call", {Role.STAFF}),
        ("challenges:ranking", {Role.STAFF, Role.OFFICIAL}),
        ("challenges:foreign-institution", {Role.APPLICANT, Role.STAFF}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_page_access_by_role(r10, name, allowed, role):
    args = (
        []
        if name in ("challenges:index", "challenges:my-teams", "challenges:foreign-institution")
        else [r10.pk]
    )
    response = client_as(role, institution=name != "challenges:foreign-institution").get(
        reverse(name, args=args)
    )
    if role in allowed:
        assert response.status_code == 200
    elif role is None:
        assert response.status_code == 302 and "/login" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_team_page_only_for_its_leader_and_staff(r10, role):
    team = team_in(r10)
    response = client_as(role).get(reverse("challenges:team", args=[team.pk]))
    assert response.status_code == {None: 302, Role.STAFF: 200}.get(role, 403)
    leader = Client()
    leader.force_login(team.application.applicant)
    page = leader.get(reverse("challenges:team", args=[team.pk]))
    assert page.status_code == 200 and "김팀장" in page.content.decode()


def test_entry_form_files_the_team_with_members_and_keeps_input_on_error(r10):
    client = client_as(Role.APPLICANT)
    url = reverse("challenges:enter", args=[r10.pk])
    data = {"name": "드론팀", "kind": "sme", "title": "드론 순찰", "summary": "드론과 인공지능 관제",
            "technologies": ["drone"], "member_0_name": "", "member_0_role": "leader"}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200 and "드론 순찰" in refused.content.decode()
    assert not ChallengeTeam.objects.exists()
    data.update({"member_0_name": "이팀장", "member_1_name": "박연구", "member_1_role": "member",
                 "member_1_affiliation": "서울대"})  # fmt: skip
    response = client.post(url, data)
    team = ChallengeTeam.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "challenges:team", args=[team.pk]
    )
    assert [m.name for m in team.members.all()] == ["이팀장", "박연구"]
    assert team.application.status == "submitted" and team.application.receipt_no


def test_global_challenge_entry_page_is_english_first(catalogue):
    call = CallFactory(programs=["R09"])
    page = (
        client_as(Role.APPLICANT).get(reverse("challenges:enter", args=[call.pk])).content.decode()
    )
    assert "Team name (팀 이름)" in page and "Contest (경연 분야)" in page
    assert "<title>Enter the challenge (챌린지 참가)" in page


def test_foreign_institution_registration_and_validation():
    user = UserFactory(role=Role.APPLICANT)
    client = Client()
    client.force_login(user)
    url = reverse("challenges:foreign-institution")
    base = {
        "name_en": "Acme Air GmbH",
        "type": "company",
        "address": "Berlin",
        "representative": "A. B.",
    }
    refused = client.post(url, {**base, "country": "KR", "foreign_registration_no": "HRB 1234"})
    assert refused.status_code == 200 and "사업자등록번호로 등록합니다" in refused.content.decode()
    refused = client.post(url, {**base, "country": "DE", "foreign_registration_no": "<script>"})
    assert refused.status_code == 200 and not Institution.objects.filter(is_foreign=True).exists()
    done = client.post(url, {**base, "country": "de", "foreign_registration_no": "HRB 1234"})
    assert done.status_code == 302
    inst = Institution.objects.get(is_foreign=True)
    assert (inst.country, inst.business_no, inst.foreign_registration_no) == ("DE", "", "HRB 1234")
    user.refresh_from_db()
    assert user.institution == inst
    other = UserFactory(role=Role.APPLICANT)
    client.force_login(other)
    again = client.post(url, {**base, "country": "DE", "foreign_registration_no": "HRB 1234"})
    assert again.status_code == 200 and "이미 등록된 국외 기관입니다" in again.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_tiers_api_404_409_then_public(r10, role):
    from rest_framework.test import APIClient

    from evaluation.models import TierAward

    client = APIClient()
    if role is not None:
        client.force_authenticate(UserFactory(role=role))
    url = reverse("challenges_api:call-tiers", args=[r10.pk])
    assert client.get(reverse("challenges_api:call-tiers", args=[999_999])).status_code == 404
    plain = CallFactory(programs=["INV"])
    assert client.get(reverse("challenges_api:call-tiers", args=[plain.pk])).status_code == 404
    before = client.get(url)
    assert before.status_code == 409 and before.json()["code"] == "final_pending"
    team = team_in(r10)
    TierAward.objects.create(call=r10, application=team.application, tier_code="grand", rank=1,
                             amount_krw=200_000_000, final_score="91.50")  # fmt: skip
    body = client.get(url).json()
    assert [t["code"] for t in body["tiers"]] == ["grand", "excellence", "encouragement"]
    assert body["tiers"][0]["teams"][0]["team"] == team.name and body["total_krw"] == 200_000_000
    assert body["tie_break"][1] == "technical criterion"


def test_programme_api_shows_tiers_and_stages(catalogue):
    from rest_framework.test import APIClient

    body = APIClient().get("/api/v1/programs/R10/").json()
    assert [t["count"] for t in body["tiers"]] == [1, 3, 9]
    assert [s["step"] for s in body["flow_stages"]][2:5] == ["preliminary", "prototype", "final"]
    r09 = APIClient().get("/api/v1/programs/R09/").json()
    assert [s["step"] for s in r09["flow_stages"] if s["track"] == "academic"] == [
        "call", "preliminary", "paper", "final", "awards"]  # fmt: skip


def test_ballot_is_public_and_voting_needs_sign_in(catalogue):
    call = challenge_call("R09")
    page = Client().get(reverse("challenges:vote", args=[call.pk]))
    assert (
        page.status_code == 200
        and "Sign in to vote" in page.content.decode()
        or "로그인" in page.content.decode()
    )
    anonymous = Client().post(reverse("challenges:vote", args=[call.pk]), {"application": "1"})
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


def test_challenge_pages_have_their_own_title_and_no_raw_codes(users, catalogue):
    """The challenge part of the a11y scenario, checked alone (tests/e2e/test_a11y_pages.py runs all)."""
    from tests.evaluation.challenge_helpers import challenge_pages

    applicant = UserFactory(role=Role.APPLICANT, institution=InstitutionFactory())
    logins = {
        "public": None,
        "applicant": applicant,
        "staff": users[Role.STAFF],
        "official": users[Role.OFFICIAL],
    }
    problems = []
    with translation.override("ko"):  # the /en/ requests must not leave English active
        _check_pages(challenge_pages(applicant, users[Role.STAFF]), logins, problems)
    assert not problems, "\n".join(problems)


def _check_pages(pages_by_role, logins, problems):
    from tests.test_page_labels import _Text, raw_codes

    for role, pages in pages_by_role.items():
        client = Client()
        if logins[role] is not None:
            client.force_login(logins[role])
        for name, path in pages:
            for prefix in ("", "/en"):
                response = client.get(prefix + path)
                if response.status_code != 200:
                    problems.append(f"{role} {name} {prefix}: HTTP {response.status_code}")
                    continue
                parser = _Text()
                parser.feed(response.content.decode())
                if parser.title.split("|")[0].strip() in ("서울형 R&D 포털", "Seoul R&D portal"):
                    problems.append(f"{role} {name} {prefix}: generic title")
                if raw_codes(parser.texts):
                    problems.append(f"{role} {name} {prefix}: raw codes {raw_codes(parser.texts)}")


def test_staff_challenge_page_queries_do_not_grow_with_the_teams(catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = challenge_call("R09")
    client = client_as(Role.STAFF)
    url = reverse("challenges:staff-call", args=[call.pk])
    client.get(url)  # warm-up: session and permission look-ups
    counts = []
    for n in (1, 5):
        while ChallengeTeam.objects.filter(application__call=call).count() < n:
            team_in(call, kind="company", track="technical")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[1] <= counts[0] <= 40, counts


def test_staff_confirm_re_entry_and_assign_the_finalists_from_the_page(catalogue):
    from evaluation.models import Assignment
    from tests.evaluation.factories import committee_with_members

    staff = UserFactory(role=Role.STAFF)
    call = challenge_call("R10")
    team = team_in(call)
    final = committee_with_members(call, n=3, stage="presentation", actor=staff)
    client = Client()
    client.force_login(staff)
    url = reverse("challenges:staff-call", args=[call.pk])
    assert client.post(url, {"op": "nonsense"}).status_code == 400
    page = client.get(url).content.decode()
    assert (
        "시제품 제작: 팀당 최대 80,000,000원, 최대 6개월(2024년 기준)" in page
    )  # seed 001 terms from 2024
    assert "기술개발 기간" in page
    client.post(url, {"op": "re_entry", "team": team.pk, "reference": "제4회 2020-0007"})
    team.refresh_from_db()
    assert team.re_entry and team.re_entry_confirmed_by == staff
    again = client.post(url, {"op": "re_entry", "team": team.pk, "reference": "x"}, follow=True)
    assert "이미 재도전이 확인되었습니다" in again.content.decode()
    client.post(url, {"op": "assign_final", "committee": final.pk})
    assert Assignment.objects.filter(committee=final, application=team.application).count() == 3
    refused = client.post(url, {"op": "tiers"}, follow=True)
    assert "결선 순위가 아직 없습니다" in refused.content.decode()
