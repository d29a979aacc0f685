"""Operators recommend invested companies within ⌊annual quota × 1.5⌋ a year (seed 002 운영사 정의 ②)."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import AuditEntry
from evaluation.screening.models import Recommendation
from programs.models import Operator
from tests.conftest import client_for
from tests.factories import CallFactory, InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/operator/recommendations/"
API = "/api/v1/operator/recommendations/"


@pytest.fixture
def operator_user(catalogue):
    operator = Operator.objects.create(name="테스트벤처스", annual_quota=2)
    return UserFactory(username="vc", role=Role.OPERATOR, operator=operator)


@pytest.fixture
def inv_call(catalogue):
    return CallFactory(programs=["INV"])


def payload(call, business_no, **extra):
    return {
        "call": call.pk, "business_no": business_no, "investment_krw": 100_000_000,
        "account_type": "own", "contract_date": "2023-06-01", "company_share_pct": "70.00",
        "operator_share_pct": "10.00", **extra,
    }  # fmt: skip


@pytest.mark.parametrize(
    "role,expected",
    [
        (None, 302),
        (Role.STAFF, 403),
        (Role.APPLICANT, 403),
        (Role.EVALUATOR, 403),
        (Role.OFFICIAL, 403),
    ],
)
def test_page_is_for_operators_only(client, users, role, expected):
    if role:
        client.force_login(users[role])
    assert client.get(PAGE).status_code == expected


def test_operator_without_designation_is_refused(client, users):
    client.force_login(users[Role.OPERATOR])  # role operator but no Operator linked
    assert client.get(PAGE).status_code == 403


def test_operator_recommends_until_quota_then_refused(client, operator_user, inv_call):
    client.force_login(operator_user)
    page = client.get(PAGE)
    assert page.status_code == 200 and "0 of 3" in client.get("/en" + PAGE).content.decode()
    companies = [InstitutionFactory() for _ in range(4)]
    for company in companies[:3]:
        response = client.post(PAGE, payload(inv_call, company.business_no))
        assert response.status_code == 302
    assert Recommendation.objects.filter(operator=operator_user.operator).count() == 3
    assert AuditEntry.objects.filter(action="recommendation.create").count() == 3
    refused = client.post("/en" + PAGE, payload(inv_call, companies[3].business_no))
    assert refused.status_code == 200
    assert "Quota used up (3/3" in refused.content.decode()
    assert Recommendation.objects.count() == 3


def test_api_create_and_refusals(operator_user, users, inv_call):
    company = InstitutionFactory()
    api = client_for(operator_user)
    created = api.post(
        API,
        payload(
            inv_call,
            company.business_no[:3]
            + "-"
            + company.business_no[3:5]
            + "-"
            + company.business_no[5:],
        ),
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["company"] == company.name
    duplicate = api.post(API, payload(inv_call, company.business_no), format="json")
    assert duplicate.status_code == 400
    assert duplicate.json()["problems"][0]["code"] == "duplicate"
    unknown = api.post(API, payload(inv_call, "1234567891"), format="json")
    assert unknown.json()["problems"][0]["code"] == "unknown_company"
    assert "기관 등록" in unknown.json()["problems"][0]["message_ko"]
    assert [r["id"] for r in api.get(API).json()] == [created.json()["id"]]


def test_api_refuses_non_investment_call(operator_user):
    call = CallFactory(programs=["R05"])
    company = InstitutionFactory()
    response = client_for(operator_user).post(
        API, payload(call, company.business_no), format="json"
    )
    assert response.status_code == 400
    assert response.json()["problems"][0]["code"] == "call_not_investment"


def test_api_refuses_closed_call(operator_user, catalogue):
    from django.utils import timezone

    call = CallFactory(programs=["INV"], closes_at=timezone.now() - dt.timedelta(minutes=1),
                       opens_at=timezone.now() - dt.timedelta(days=30))  # fmt: skip
    response = client_for(operator_user).post(
        API, payload(call, InstitutionFactory().business_no), format="json"
    )
    assert response.json()["problems"][0]["code"] == "call_closed"


@pytest.mark.parametrize(
    "role,expected", [(None, 401), (Role.STAFF, 403), (Role.APPLICANT, 403), (Role.OFFICIAL, 403)]
)
def test_api_access(users, inv_call, role, expected):
    client = client_for(users[role] if role else None)
    assert client.get(API).status_code == expected
    assert client.post(API, {}, format="json").status_code == expected


def test_quota_counts_per_calendar_year(operator_user, inv_call):
    from evaluation.screening.domain.recommendations import recommend_company

    for i, company in enumerate(InstitutionFactory() for _ in range(3)):
        Recommendation.objects.create(
            operator=operator_user.operator, institution=company, call=None,
            recommended_on=dt.date(2022, 5, 1 + i), investment_krw=100_000_000, account_type="own",
            contract_date=dt.date(2022, 1, 1), company_share_pct=70, operator_share_pct=10,
        )  # fmt: skip
    rec = recommend_company(
        actor=operator_user, call=inv_call, business_no=InstitutionFactory().business_no,
        investment_krw=200_000_000, account_type="fund", contract_date=dt.date(2023, 1, 1),
        company_share_pct=60, operator_share_pct=30, recommended_on=dt.date(2023, 7, 20),
    )  # fmt: skip
    assert rec.pk and reverse("programs:operator-recommendations") == PAGE
