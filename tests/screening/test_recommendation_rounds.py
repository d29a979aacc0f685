"""INV 2023: two rounds a year (1st: 10 projects / 4 bn; 2nd: 10 projects in November–December, seed 002
§1) that share each operator's yearly quota ⌊annual quota × 1.5⌋ (seed 002 운영사 정의 ②)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Role
from evaluation.screening.domain.recommendations import (
    quota_multiplier,
    recommend_company,
    recommendation_quota,
)
from programs.domain.flows import flow_value
from programs.models import Operator, Program
from tests.factories import CallFactory, InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _recommend(user, call, on: dt.date):
    company = InstitutionFactory()
    return recommend_company(
        actor=user, call=call, business_no=company.business_no, investment_krw=100_000_000,
        account_type="own", contract_date=on - dt.timedelta(days=30),
        company_share_pct=Decimal("70"), operator_share_pct=Decimal("10"), recommended_on=on,
    )  # fmt: skip


def test_the_two_rounds_are_flow_data_of_the_call_and_the_programme(catalogue):
    inv = Program.objects.get(code="INV")
    rounds = flow_value(program=inv, key="rounds")
    assert [(r["round"], r["slots"], r["envelope_krw"]) for r in rounds] == [
        (1, 10, 4_000_000_000), (2, 10, None),
    ]  # fmt: skip
    second = CallFactory(flow={"round": 2}, slots=10)
    assert flow_value(program=inv, key="round", call=second) == 2


@pytest.mark.parametrize("quota", [1, 2, 4])
def test_the_quota_is_floor_of_annual_allocation_times_1_5(catalogue, quota):
    operator = Operator.objects.create(name=f"라운드벤처스{quota}", annual_quota=quota)
    assert recommendation_quota(
        operator=operator, multiplier=quota_multiplier(CallFactory())
    ) == int(quota * 1.5)


def test_round_two_counts_against_the_same_yearly_quota_as_round_one(catalogue):
    operator = Operator.objects.create(name="라운드벤처스", annual_quota=2)  # ⌊2 × 1.5⌋ = 3 a year
    user = UserFactory(username="round-vc", role=Role.OPERATOR, operator=operator)
    first, second = CallFactory(flow={"round": 1}), CallFactory(flow={"round": 2})
    _recommend(user, first, dt.date(2023, 7, 20))
    _recommend(user, first, dt.date(2023, 8, 1))
    _recommend(user, second, dt.date(2023, 11, 10))  # the 3rd of the year: the last one allowed
    with pytest.raises(ValidationError) as refused:
        _recommend(user, second, dt.date(2023, 11, 20))  # the 4th of 2023, whatever the round
    assert refused.value.code == "over_quota"
    assert _recommend(user, second, dt.date(2024, 1, 5)).recommended_on.year == 2024  # a new year
