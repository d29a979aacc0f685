"""Who may read, register and decide guarantee insurance (pages and API), role by role; the policy
PDF only through the permission-checked view; pages keep input and show errors next to fields."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from accounts.models import AuditEntry
from agreements.domain.guarantee_deadlines import seoul_today
from agreements.enums import AgreementStatus as S
from agreements.models import Guarantee, GuaranteeStatus
from tests.agreements.factories import agreement_for
from tests.agreements.guarantee_helpers import policy_pdf, register, valid_fields
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
ROLES = ["party", "other_applicant", "staff", "evaluator", "official", "operator", "anonymous"]


@pytest.fixture
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    notice = seoul_today() - dt.timedelta(days=10)
    agreement = agreement_for(status=S.AWAITING_GUARANTEE, selection_notified_on=notice)
    pi = agreement.application.applicant
    guarantee = register(agreement, pi, pdf=policy_pdf())
    people = {
        "party": pi,
        "other_applicant": UserFactory(role=Role.APPLICANT),
        "staff": UserFactory(role=Role.STAFF),
        "evaluator": UserFactory(role=Role.EVALUATOR),
        "official": UserFactory(role=Role.OFFICIAL),
        "operator": UserFactory(role=Role.OPERATOR),
        "anonymous": None,
    }
    return agreement, guarantee, people


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


READ = {"party": 200, "staff": 200, "other_applicant": 404}


@pytest.mark.parametrize("role", ROLES)
def test_read_page_pdf_and_api(setup, role):
    agreement, guarantee, people = setup
    user = people[role]
    expected = READ.get(role, 403)
    page = page_client(user).get(reverse("agreements:guarantees", args=[agreement.pk]))
    pdf = page_client(user).get(
        reverse("agreements:guarantee-pdf", args=[agreement.pk, guarantee.pk])
    )
    api = client_for(user).get(f"/api/v1/agreements/{agreement.pk}/guarantees/")
    if user is None:
        assert page.status_code == 302 and pdf.status_code == 302
        assert api.status_code in (401, 403)
        return
    assert (page.status_code, pdf.status_code, api.status_code) == (expected,) * 3
    if expected == 200:
        assert pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
        assert api.json()[0]["policy_no"] == guarantee.policy_no
    reads = AuditEntry.objects.filter(action="guarantee.pdf_read", object_id=str(guarantee.pk))
    assert reads.count() == (1 if role == "staff" else 0)


WRITE = {"party": 201, "other_applicant": 404}


@pytest.mark.parametrize("role", ROLES)
def test_register_through_the_api(setup, role):
    agreement, guarantee, people = setup
    user = people[role]
    Guarantee.objects.filter(pk=guarantee.pk).update(status=GuaranteeStatus.REJECTED)
    body = {k: str(v) for k, v in valid_fields(agreement, policy_no="API-1").items()}
    response = client_for(user).post(
        f"/api/v1/agreements/{agreement.pk}/guarantees/", body, format="json"
    )
    if user is None:
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == WRITE.get(role, 403)
    assert Guarantee.objects.filter(policy_no="API-1").exists() == (role == "party")


DECIDE = {"staff": 200, "other_applicant": 404}


@pytest.mark.parametrize("role", ROLES)
def test_verify_through_the_api_is_staff_only(setup, role):
    agreement, guarantee, people = setup
    user = people[role]
    url = f"/api/v1/agreements/{agreement.pk}/guarantees/{guarantee.pk}/verify/"
    response = client_for(user).post(url, {}, format="json")
    if user is None:
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == DECIDE.get(role, 403)
    guarantee.refresh_from_db()
    assert (guarantee.status == GuaranteeStatus.VERIFIED) == (role == "staff")


@pytest.mark.parametrize("role", ["party", "other_applicant", "official"])
def test_non_staff_cannot_decide_on_the_page(setup, role):
    agreement, guarantee, people = setup
    response = page_client(people[role]).post(
        reverse("agreements:guarantee-verify", args=[agreement.pk, guarantee.pk])
    )
    assert response.status_code in (403, 404)
    guarantee.refresh_from_db()
    assert guarantee.status == GuaranteeStatus.SUBMITTED


def test_api_422_names_field_and_rule(setup):
    agreement, guarantee, people = setup
    Guarantee.objects.filter(pk=guarantee.pk).update(status=GuaranteeStatus.REJECTED)
    year = agreement.years.get()
    body = {**valid_fields(agreement, policy_no="API-2"), "amount_krw": year.city_grant_krw - 1,
            "ends_on": str(year.guarantee_required_until - dt.timedelta(days=1)),
            "starts_on": str(year.starts_on)}  # fmt: skip
    response = client_for(people["party"]).post(
        f"/api/v1/agreements/{agreement.pk}/guarantees/", body, format="json"
    )
    assert response.status_code == 422
    problems = {p["field"]: p for p in response.json()["problems"]}
    assert set(problems) == {"amount_krw", "ends_on"}
    assert problems["amount_krw"]["code"] == "amount_short"
    assert "1원 부족" in problems["amount_krw"]["message_ko"]
    assert "2028-03-30" in problems["ends_on"]["message_en"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("amount_krw", "1e9"), ("amount_krw", 1.5), ("starts_on", "2026-13-01"), ("year_no", "x"),
     ("insurer", ["list"]), ("policy_no", "a\x00b"), ("amount_krw", 10**20)],
)  # fmt: skip
def test_api_bad_values_are_422_never_500(setup, field, value):
    agreement, _guarantee, people = setup
    body = {**{k: str(v) for k, v in valid_fields(agreement, policy_no="API-3").items()},
            field: value}  # fmt: skip
    response = client_for(people["party"]).post(
        f"/api/v1/agreements/{agreement.pk}/guarantees/", body, format="json"
    )
    assert response.status_code in (400, 422)
    if response.status_code == 422:
        assert field in {p["field"] for p in response.json()["problems"]}


def test_api_multipart_with_pdf(setup):
    agreement, guarantee, people = setup
    Guarantee.objects.filter(pk=guarantee.pk).update(status=GuaranteeStatus.REJECTED)
    body = {**{k: str(v) for k, v in valid_fields(agreement, policy_no="API-4").items()},
            "pdf": policy_pdf()}  # fmt: skip
    response = client_for(people["party"]).post(
        f"/api/v1/agreements/{agreement.pk}/guarantees/", body, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["has_pdf"] is True


def test_page_keeps_input_and_shows_errors_next_to_fields(setup):
    agreement, guarantee, people = setup
    Guarantee.objects.filter(pk=guarantee.pk).update(status=GuaranteeStatus.REJECTED)
    year = agreement.years.get()
    data = {"year_no": "1", "insurer": "서울보증보험", "policy_no": "PAGE-1",
            "amount_krw": str(year.city_grant_krw - 1), "starts_on": str(year.starts_on),
            "ends_on": str(year.guarantee_required_until), "pdf": policy_pdf()}  # fmt: skip
    client = page_client(people["party"])
    url = reverse("agreements:guarantees", args=[agreement.pk])
    response = client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_amount_krw_error"' in html and "1원 부족" in html
    assert 'value="PAGE-1"' in html and 'aria-invalid="true"' in html
    data["amount_krw"], data["pdf"] = str(year.city_grant_krw), policy_pdf()
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "PAGE-1" in page and "(D-20)" in page


def test_staff_page_verifies_with_confirmation_and_moves_to_signing(setup):
    agreement, guarantee, people = setup
    client = page_client(people["staff"])
    url = reverse("agreements:guarantees", args=[agreement.pk])
    html = client.get(url).content.decode()
    assert (
        "data-confirm" in html
        and reverse("agreements:guarantee-verify", args=[agreement.pk, guarantee.pk]) in html
    )
    verify = reverse("agreements:guarantee-verify", args=[agreement.pk, guarantee.pk])
    assert client.post(verify).status_code == 302
    assert client.post(verify).status_code == 302  # double click: a message, decided once
    agreement.refresh_from_db()
    assert agreement.status == S.AWAITING_SIGNATURES
    listing = client.get(reverse("agreements:guarantee-list"))
    assert listing.status_code == 200


def test_staff_reject_needs_a_reason(setup):
    agreement, guarantee, people = setup
    client = page_client(people["staff"])
    url = reverse("agreements:guarantee-reject", args=[agreement.pk, guarantee.pk])
    response = client.post(url, {f"g{guarantee.pk}-reason": ""})
    assert response.status_code == 422
    assert client.post(url, {f"g{guarantee.pk}-reason": "증권 금액 불일치"}).status_code == 302
    guarantee.refresh_from_db()
    assert guarantee.status == GuaranteeStatus.REJECTED


@pytest.mark.parametrize("role", ["party", "staff"])
def test_list_page_reachable_per_role(setup, role):
    agreement, _guarantee, people = setup
    response = page_client(people[role]).get(reverse("agreements:guarantee-list"))
    assert response.status_code == 200
    assert reverse("agreements:guarantees", args=[agreement.pk]) in response.content.decode()


@pytest.mark.parametrize("role", ["evaluator", "official"])
def test_list_page_refused_to_other_roles(setup, role):
    _agreement, _guarantee, people = setup
    assert page_client(people[role]).get(reverse("agreements:guarantee-list")).status_code == 403
