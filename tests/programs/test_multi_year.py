"""2024 multi-year R&D (seed 001): up to 4 years and 800 M KRW, checked at application (next to the
field) and at agreement; one month or one won more is refused."""

import datetime as dt

import pytest

from accounts.enums import Role
from agreements.domain.creation import CreationRefused, create_agreement
from applications.domain.validation import application_queryset, validate_application
from applications.models import Application
from programs.domain.multi_year import caps_for
from programs.models import Program
from tests.agreements.factories import selected_application
from tests.applications.factories import complete_application, make_call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
M = 1_000_000
MULTI_YEAR = {"multi_year": {"max_months": 48, "max_total_krw": 800 * M}}


def _budget(lead, city_last_year: int = 200 * M) -> list[dict]:
    """4 years × 200 M city (800 M), in kind 60 M and cash 6,667,000 a year (INV shares)."""
    return [
        {"year": n, "institution": lead, "category": "personnel",
         "city_krw": city_last_year if n == 4 else 200 * M, "cash_krw": 6_667_000,
         "inkind_krw": 60_000_000}
        for n in range(1, 5)
    ]  # fmt: skip


def _application(months: int = 48, city_last_year: int = 200 * M, **kwargs):
    from tests.applications.factories import applicant_with_institution

    applicant = applicant_with_institution()
    ends = dt.date(2024 + (months // 12), 1 + months % 12, 1) - dt.timedelta(days=1)
    return complete_application(
        applicant=applicant, call=make_call(flow=MULTI_YEAR), period_months=months,
        starts_on=dt.date(2024, 1, 1), ends_on=ends,
        budget_items=_budget(applicant.institution, city_last_year), **kwargs,
    )  # fmt: skip


def _codes(app) -> dict[str, str]:
    app = application_queryset().get(pk=app.pk)
    return {p.code: p.field for p in validate_application(app)}


def test_caps_come_from_the_call_or_the_catalogue(catalogue):
    r01 = Program.objects.get(code="R01")
    assert caps_for(program=r01).max_months == 6  # 2021 catalogue
    call = make_call(programs=("R01",), flow={"multi_year": True})
    caps = caps_for(program=r01, call=call)
    assert (caps.max_months, caps.max_total_krw, caps.multi_year) == (48, 800 * M, True)
    inv = Program.objects.get(code="INV")
    assert inv.flow["multi_year"]["max_total_krw"] == 400 * M  # investment-linked: 2 y / 400 M


def test_four_years_and_800_million_pass_at_application(catalogue):
    codes = _codes(_application())
    assert "period_too_long" not in codes and "city_grant_over_max" not in codes


def test_one_month_more_is_refused_next_to_the_period(catalogue):
    codes = _codes(_application(months=49))
    assert codes.get("period_too_long") == "period_months"


def test_one_won_more_is_refused_next_to_the_city_grant(catalogue):
    codes = _codes(_application(city_last_year=200 * M + 1))
    assert codes.get("city_grant_over_max") == "city_grant_krw"


def test_agreement_cap_four_years_800_million_and_one_more(catalogue):
    staff = UserFactory(role=Role.STAFF)
    app = _application()
    Application.objects.filter(pk=app.pk).update(status="selected")
    Application.objects.filter(pk=app.pk).update(ends_on=dt.date(2028, 1, 31))  # 49 months
    with pytest.raises(CreationRefused) as err:
        create_agreement(application=app, actor=staff)
    assert err.value.code == "period_exceeds" and "48개월" in err.value.message_ko
    Application.objects.filter(pk=app.pk).update(ends_on=dt.date(2027, 12, 31))  # 48 months
    item = app.budget_items.get(year=4)
    item.city_krw += 1
    item.save()
    with pytest.raises(CreationRefused) as err:
        create_agreement(application=app, actor=staff)
    assert err.value.code == "grant_exceeds" and "800,000,000" in err.value.message_ko
    item.city_krw -= 1
    item.save()
    agreement = create_agreement(application=app, actor=staff)
    assert agreement.years.count() == 4 and agreement.city_grant_krw == 800 * M


def test_without_the_call_opting_in_the_catalogue_caps_hold(catalogue):
    app = selected_application()
    assert caps_for(program=app.program, call=app.call).multi_year is False
