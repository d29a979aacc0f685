"""Who may see and act on the closing pages and API (role-parametrised)."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from agreements.domain.rounds import decide_final
from agreements.models.closing import Settlement
from tests.agreements.closing_helpers import money, scored_round, staff
from tests.agreements.factories import agreement_for
from tests.conftest import client_for
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(catalogue):
    return agreement_for()


def user_for(role: str, agreement):
    if role == "party":
        return agreement.application.applicant
    if role == "other_applicant":
        return UserFactory(role=Role.APPLICANT, institution=InstitutionFactory())
    return UserFactory(role=role)


def page_client(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


READERS = {"party": 200, Role.STAFF: 200, Role.OFFICIAL: 200, "other_applicant": 404,
           Role.EVALUATOR: 403, Role.OPERATOR: 403}  # fmt: skip


@pytest.mark.parametrize("role, status", READERS.items())
def test_agreement_pages_and_api(agreement, role, status):
    """Both closing pages and both API resources as this role (one agreement per role)."""
    user = user_for(role, agreement)
    for name in ("closing-evaluations", "closing-settlement"):
        response = page_client(user).get(reverse(f"agreements:{name}", args=[agreement.pk]))
        assert response.status_code == status, name
    for name in ("api-agreement-settlement", "api-agreement-royalty"):
        response = client_for(user).get(reverse(name, args=[agreement.pk]))
        assert response.status_code == status, name
        if status == 200:
            assert {"rate_pct", "base_krw", "amount_krw", "due_on", "status"} <= set(
                response.json()
            )


def test_api_anonymous_refused(agreement):
    assert client_for(None).get(
        reverse("api-agreement-royalty", args=[agreement.pk])
    ).status_code in (401, 403)


@pytest.mark.parametrize(
    "role, status",
    [(Role.STAFF, 200), (Role.APPLICANT, 403), (Role.EVALUATOR, 403), (Role.OFFICIAL, 403),
     (Role.OPERATOR, 403)],
)  # fmt: skip
def test_staff_pages(db, role, status):
    client = page_client(UserFactory(role=role))
    for name in ("closing-workbench", "closing-sanctions", "closing-ir-list", "closing-ir-export"):
        assert client.get(reverse(f"agreements:{name}")).status_code == status, name


def test_anonymous_goes_to_sign_in(agreement):
    response = page_client(None).get(reverse("agreements:closing-settlement", args=[agreement.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "role, status", [("party", 403), (Role.OFFICIAL, 403), ("other_applicant", 404)]
)
def test_only_staff_settle(agreement, role, status):
    money(agreement, paid=10_000_000, executed=9_000_000)
    decide_final(rnd=scored_round(agreement, "final", [80, 80, 80]), success=True, reason="의견",
                 actor=staff())  # fmt: skip
    url = reverse("agreements:closing-settlement", args=[agreement.pk])
    response = page_client(user_for(role, agreement)).post(url, {"action": "settle"})
    assert response.status_code == status
    assert not Settlement.objects.exists()


def test_staff_settle_through_page_and_api_agree(agreement):
    money(agreement, paid=10_000_000, executed=9_000_000, disallowed=1_000_000)
    decide_final(rnd=scored_round(agreement, "final", [80, 80, 80]), success=True, reason="의견",
                 actor=staff())  # fmt: skip
    user = staff()
    url = reverse("agreements:closing-settlement", args=[agreement.pk])
    assert page_client(user).post(url, {"action": "settle"}).status_code == 302
    data = client_for(user).get(reverse("api-agreement-settlement", args=[agreement.pk])).json()
    assert data["amount_krw"] == 2_000_000 and data["status"] == "open" and data["due_on"]
    page = page_client(user).get(url).content.decode()
    assert data["bill"] in page and "2,000,000" in page


def test_settle_before_verdict_refused_on_page(agreement):
    user = staff()
    url = reverse("agreements:closing-settlement", args=[agreement.pk])
    response = page_client(user).post(url, {"action": "settle"}, follow=True)
    assert "최종평가" in response.content.decode()
    assert not Settlement.objects.exists()
