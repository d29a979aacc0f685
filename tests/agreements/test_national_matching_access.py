"""Who opens which national-matching and adequacy-committee page and endpoint (role-parametrised),
and the page forms end to end through the Django client."""

import pytest
from django.test import Client

from accounts.enums import Role
from agreements.models import CommitmentStatus
from evaluation.domain.adequacy import add_member, open_committee, sign_pledge
from tests.agreements.national_matching_helpers import a_request, approved_request, r16_call
from tests.conftest import client_for
from tests.evaluation.factories import ApplicationFactory, EvaluatorFactory
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db
ROLES = [None, Role.STAFF, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR]


@pytest.fixture
def adequacy(users, catalogue):
    call = CallFactory(closed=True)
    app = ApplicationFactory(call=call)
    committee = open_committee(call=call, actor=users[Role.STAFF])
    member = EvaluatorFactory(username="adq-member")
    seat = sign_pledge(
        seat=add_member(committee=committee, member=member, actor=users[Role.STAFF]), actor=member
    )
    return {"call": call, "app": app, "seat": seat, "member": member}


@pytest.fixture
def world(users, adequacy):
    return {"request": approved_request(applicant=users[Role.APPLICANT]), **adequacy}


def _page(users, role, path):
    client = Client()
    if role is not None:
        client.force_login(users[role])
    return client.get(path).status_code


EXPECTED = {
    # path template: (anonymous, staff, applicant (owner), evaluator, official, operator)
    "/national-matching/requests/": (302, 200, 200, 403, 200, 403),
    "/national-matching/requests/new/": (302, 403, 200, 403, 403, 403),
    "/national-matching/requests/{r}/": (302, 200, 200, 403, 200, 403),
    "/national-matching/requests/{r}/letter.pdf": (302, 200, 200, 403, 200, 403),
    "/investment/adequacy/": (302, 200, 403, 403, 200, 403),
    "/investment/adequacy/calls/{c}/": (302, 200, 403, 403, 200, 403),
    "/investment/adequacy/mine/": (302, 403, 403, 200, 403, 403),
}


@pytest.mark.parametrize("index", range(len(ROLES)))
def test_pages_by_role(users, world, index):
    got = {}
    for template, expected in EXPECTED.items():
        path = template.format(r=world["request"].pk, c=world["call"].pk)
        got[template] = (_page(users, ROLES[index], path), expected[index])
    assert all(status == expected for status, expected in got.values()), got


def test_another_institution_does_not_see_a_request(users, world):
    stranger = UserFactory(username="nm-stranger", role=Role.APPLICANT)
    client = Client()
    client.force_login(stranger)
    assert client.get(f"/national-matching/requests/{world['request'].pk}/").status_code == 404
    api = client_for(stranger).get(f"/api/v1/commitment-requests/{world['request'].pk}/")
    assert api.status_code == 404


def test_only_the_member_opens_their_opinion_page(users, adequacy):
    path = f"/investment/adequacy/seats/{adequacy['seat'].pk}/applications/{adequacy['app'].pk}/"
    client = Client()
    client.force_login(adequacy["member"])
    assert client.get(path).status_code == 200
    assert _page(users, Role.EVALUATOR, path) == 403
    assert _page(users, Role.STAFF, path) == 403


@pytest.mark.parametrize(
    ("role", "get", "post"),
    [(None, 403, 403), (Role.STAFF, 200, 403), (Role.APPLICANT, 200, 422), (Role.EVALUATOR, 403, 403),
     (Role.OFFICIAL, 200, 403), (Role.OPERATOR, 403, 403)],
)  # fmt: skip
def test_requests_api_by_role(users, catalogue, role, get, post):
    client = client_for(users[role] if role else None)
    assert client.get("/api/v1/commitment-requests/").status_code in (
        {get} | ({401} if role is None else set())
    )
    answer = client.post("/api/v1/commitment-requests/", {"call": 0}, format="json")
    assert answer.status_code in ({post} | ({401} if role is None else set()))


def test_decision_api_is_for_staff(users, catalogue):
    request = a_request(applicant=users[Role.APPLICANT])
    url = f"/api/v1/commitment-requests/{request.pk}/decision/"
    for role in (Role.APPLICANT, Role.OFFICIAL, Role.EVALUATOR):
        assert client_for(users[role]).post(
            url, {"approve": True, "reasons": "x"}, format="json"
        ).status_code in (403, 404)
    staff = client_for(users[Role.STAFF])
    assert staff.post(url, {"approve": "yes"}, format="json").status_code == 422
    done = staff.post(url, {"approve": True, "reasons": "적정"}, format="json")
    assert done.status_code == 200 and done.json()["letter_code"].startswith("N")
    assert staff.post(url, {"approve": False, "reasons": "x"}, format="json").status_code == 409


def test_the_applicant_requests_through_the_api(users, catalogue):
    call = r16_call()
    client = client_for(users[Role.APPLICANT])
    body = {"call": call.pk, "ministry": "교육부", "national_programme": "LINC 3.0", "title": "산학협력",
            "starts_on": "2022-03-01", "ends_on": "2024-02-28", "national_grants_krw": [500_000_000, 500_000_999],
            "institution_share_krw": 0}  # fmt: skip
    made = client.post("/api/v1/commitment-requests/", body, format="json")
    assert made.status_code == 201 and made.json()["city_shares_krw"] == [50_000_000, 50_000_000]
    bad = client.post(
        "/api/v1/commitment-requests/", {**body, "national_grants_krw": [1]}, format="json"
    )
    assert bad.status_code == 422 and bad.json()["problems"][0]["code"] == "years"


@pytest.mark.parametrize(("role", "get", "post"), [(Role.STAFF, 200, 201), (Role.OFFICIAL, 200, 403),
                                                   (Role.APPLICANT, 403, 403), (Role.EVALUATOR, 403, 403)])  # fmt: skip
def test_adequacy_decisions_api_by_role(users, adequacy, role, get, post):
    client = client_for(users[role])
    url = f"/api/v1/adequacy/calls/{adequacy['call'].pk}/decisions/"
    assert client.get(url).status_code == get
    body = {"application": adequacy["app"].pk, "result": "adequate", "reasons": "적정"}
    assert client.post(url, body, format="json").status_code == post


def test_adequacy_opinions_api_is_the_members_own(users, adequacy):
    url = f"/api/v1/adequacy/seats/{adequacy['seat'].pk}/opinions/"
    body = {
        "application": adequacy["app"].pk,
        "result": "not_adequate",
        "reasons": "계약 절차 미흡",
    }
    assert client_for(users[Role.EVALUATOR]).post(url, body, format="json").status_code == 403
    mine = client_for(adequacy["member"])
    assert mine.post(url, body, format="json").status_code == 201
    assert mine.get(url).json()["results"][0]["result"] == "not_adequate"


def test_the_pages_take_a_request_to_a_letter(users, catalogue):
    call = r16_call()
    applicant = Client()
    applicant.force_login(users[Role.APPLICANT])
    form = {"call": call.pk, "ministry": "과학기술정보통신부", "national_programme": "AI 대학원",
            "title": "AI 인재", "starts_on": "2022-04-01", "ends_on": "2023-03-31",
            "institution_share_krw": "0", "grant_1": "1000000000"}  # fmt: skip
    refused = applicant.post("/en/national-matching/requests/new/", {**form, "grant_2": "5"})
    assert refused.status_code == 422 and "one national grant per year" in refused.content.decode()
    made = applicant.post("/national-matching/requests/new/", form)
    assert made.status_code == 302
    pk = int(made["Location"].rstrip("/").split("/")[-1])
    staff = Client()
    staff.force_login(users[Role.STAFF])
    no_reason = staff.post(
        f"/en/national-matching/requests/{pk}/", {"action": "decide", "decision": "approve"}
    )
    assert no_reason.status_code == 422
    ok = staff.post(
        f"/national-matching/requests/{pk}/",
        {"action": "decide", "decision": "approve", "reasons": "적정"},
    )
    assert ok.status_code == 302
    page = applicant.get(f"/en/national-matching/requests/{pk}/").content.decode()
    assert "Approved (commitment letter issued)" in page and "100,000,000" in page
    from agreements.models import CommitmentRequest

    assert CommitmentRequest.objects.get(pk=pk).status == CommitmentStatus.APPROVED


@pytest.mark.parametrize("n", [1, 6])
def test_lists_take_a_bounded_number_of_queries(users, catalogue, django_assert_max_num_queries, n):
    from tests.agreements.national_matching_helpers import a_request

    call = r16_call()
    inv = CallFactory(closed=True)
    committee = open_committee(call=inv, actor=users[Role.STAFF])
    for _ in range(n):
        a_request(applicant=users[Role.APPLICANT], call=call)
        ApplicationFactory(call=inv)
    member = EvaluatorFactory(username="adq-q")
    add_member(committee=committee, member=member, actor=users[Role.STAFF])
    client = Client()
    client.force_login(users[Role.STAFF])
    with django_assert_max_num_queries(12):
        assert client.get("/national-matching/requests/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/investment/adequacy/calls/{inv.pk}/").status_code == 200
