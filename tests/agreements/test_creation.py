"""Creating an agreement from a selected plan: refusals, years, committee-adjusted grant, one per
application even under a double submit."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from accounts.enums import Role
from agreements.domain import creation
from agreements.domain.creation import (
    CreationRefused,
    create_agreement,
    period_months,
    scale_exactly,
    split_years,
)
from agreements.enums import AgreementStatus
from agreements.models import Agreement, AgreementBudgetLine, Project
from applications.models import Application, BudgetItem
from config.locking import AlreadyDecided
from evaluation.models import CommitteeDecision, ResultNotice
from tests.agreements.factories import selected_application
from tests.applications.factories import complete_application
from tests.factories import UserFactory
from tests.races import needs_postgresql, race, slow


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF)


def kst(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args), timezone.get_default_timezone())


@pytest.mark.django_db
def test_created_from_the_plan_with_years_lines_project_and_version(catalogue, staff):
    app = selected_application()
    ResultNotice.objects.create(application=app, selected=True, published_at=kst(2023, 9, 1, 0, 30))
    agreement = create_agreement(application=app, actor=staff, now=kst(2023, 9, 20, 10))
    assert agreement.status == AgreementStatus.AWAITING_GUARANTEE
    assert agreement.selection_notified_on == dt.date(2023, 9, 1)  # KST date (UTC: 31 Aug)
    assert agreement.guarantee_due_on == dt.date(2023, 10, 1)
    assert agreement.city_grant_krw == agreement.applied_city_grant_krw == 400_000_000
    (year,) = agreement.years.all()
    assert (year.starts_on, year.ends_on) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))
    assert (year.city_grant_krw, year.institution_cash_krw, year.institution_inkind_krw) == (
        400_000_000, 13_334_000, 120_000_000)  # fmt: skip
    assert year.guarantee_required_until == dt.date(2025, 3, 30)
    assert AgreementBudgetLine.objects.filter(year=year).count() == 2
    assert agreement.lead_institution == app.lead_institution
    assert len(agreement.verify_code) == 16
    project = Project.objects.get(application=app)
    assert agreement.project == project and project.participations.count() == 2
    (version,) = agreement.versions.all()
    assert version.version_no == agreement.version_no == 1 and len(version.pdf_sha256) == 64


@pytest.mark.django_db
def test_no_notice_uses_today_in_seoul(catalogue, staff):
    agreement = create_agreement(
        application=selected_application(), actor=staff, now=kst(2026, 3, 2, 0, 10)
    )
    assert agreement.selection_notified_on == dt.date(2026, 3, 2)
    assert agreement.guarantee_due_on == dt.date(2026, 4, 1)


@pytest.mark.django_db
def test_committee_adjusted_grant_is_scaled_exactly(catalogue, staff):
    app = selected_application()
    CommitteeDecision.objects.create(
        call=app.call, application=app, selected=True, granted_krw=333_333_333, reason="조정"
    )
    agreement = create_agreement(application=app, actor=staff)
    assert agreement.applied_city_grant_krw == 400_000_000
    assert agreement.city_grant_krw == 333_333_333
    lines = AgreementBudgetLine.objects.filter(year__agreement=agreement)
    assert sum(x.city_grant_krw for x in lines) == 333_333_333
    personnel = lines.get(category="personnel")
    assert abs(personnel.city_grant_krw - 208_333_333) <= 1
    assert lines.get(category="materials").institution_cash_krw == 13_334_000  # untouched


@pytest.mark.django_db
def test_multi_year_plan_splits_into_agreement_years_with_a_short_last_year(catalogue, staff):
    app = complete_application(starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2025, 12, 31),
                               period_months=22)  # fmt: skip
    lead = app.lead_institution
    BudgetItem.objects.create(application=app, year=2, institution=lead, category="materials",
                              city_krw=0, cash_krw=1_000_000)  # fmt: skip
    Application.objects.filter(pk=app.pk).update(status="selected")
    agreement = create_agreement(application=app, actor=staff)
    y1, y2 = agreement.years.all()
    assert (y1.starts_on, y1.ends_on) == (dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    assert (y2.starts_on, y2.ends_on) == (dt.date(2025, 3, 1), dt.date(2025, 12, 31))
    assert y2.institution_cash_krw == 1_000_000


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "submitted", "in_evaluation", "not_selected"])
def test_not_selected_is_refused(catalogue, staff, status):
    app = complete_application()
    Application.objects.filter(pk=app.pk).update(status=status)
    with pytest.raises(CreationRefused) as err:
        create_agreement(application=app, actor=staff)
    assert err.value.code == "not_selected" and err.value.status_code == 422
    assert "선정된 과제만" in err.value.message_ko and "selected" in err.value.message_en
    assert not Agreement.objects.exists()


@pytest.mark.django_db
def test_period_and_grant_over_the_catalogue_caps_are_refused(catalogue, staff):
    app = selected_application()
    program = app.program
    program.max_period_months = 6
    program.save()
    with pytest.raises(CreationRefused) as err:
        create_agreement(application=app, actor=staff)
    assert err.value.code == "period_exceeds" and "12개월" in err.value.message_ko
    program.max_period_months, program.max_grant_krw = 24, 300_000_000
    program.save()
    with pytest.raises(CreationRefused) as err:
        create_agreement(application=app, actor=staff)
    assert err.value.code == "grant_exceeds" and "300,000,000" in err.value.message_ko
    program.post_award = {"max_years": 1}
    program.max_grant_krw = None
    program.save()
    assert create_agreement(application=app, actor=staff).years.count() == 1


@pytest.mark.django_db
def test_second_attempt_is_refused(catalogue, staff):
    app = selected_application()
    create_agreement(application=app, actor=staff)
    with pytest.raises(AlreadyDecided) as err:
        create_agreement(application=app, actor=staff)
    assert err.value.status_code == 409 and err.value.code == "duplicate"
    assert Agreement.objects.filter(application=app).count() == 1


@pytest.mark.django_db(transaction=True)
def test_double_submit_creates_one_agreement(catalogue):
    needs_postgresql()
    staff = UserFactory(role=Role.STAFF)
    app = selected_application()
    with mock.patch.object(creation, "record_audit", slow(creation.record_audit)):
        outcomes = race(lambda: create_agreement(application=app, actor=staff),
                        lambda: create_agreement(application=app, actor=staff))  # fmt: skip
    errors = [e for _v, e in outcomes if e is not None]
    assert len(errors) == 1 and isinstance(errors[0], AlreadyDecided)
    assert Agreement.objects.filter(application=app).count() == 1


def test_period_helpers():
    assert period_months(dt.date(2023, 10, 1), dt.date(2024, 9, 30)) == 12
    assert period_months(dt.date(2023, 10, 1), dt.date(2024, 10, 1)) == 13
    assert split_years(dt.date(2024, 1, 31), dt.date(2024, 12, 31)) == [
        (dt.date(2024, 1, 31), dt.date(2024, 12, 31))]  # fmt: skip


@given(st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=30),
       st.integers(min_value=0, max_value=10**11))  # fmt: skip
def test_scaling_sums_exactly_and_stays_within_a_won(amounts, target):
    scaled = scale_exactly(amounts, target)
    total = sum(amounts)
    if total == 0:
        assert scaled == amounts
        return
    assert sum(scaled) == target
    for a, s in zip(amounts, scaled, strict=True):
        assert s >= 0 and abs(s * total - a * target) < total  # within one won of the exact share
