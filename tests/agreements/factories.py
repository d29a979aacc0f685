"""Builders of agreements for tests of the post-award parts (guarantees, ledger, expenses, …).

`agreement_for()` makes a selected application (through the application domain functions) and an
agreement with its years written directly, so each part can be tested without the creation flow.
Tests of the creation flow itself use agreements.domain.creation.
"""

import datetime as dt
import secrets

from accounts.enums import Role
from agreements.enums import AgreementStatus
from agreements.models import Agreement, AgreementBudgetLine, AgreementYear
from applications.enums import ApplicationStatus
from applications.models import Application
from tests.applications.factories import complete_application
from tests.factories import UserFactory


def selected_application(**kwargs) -> Application:
    """A complete application whose status is 선정 (written directly: the evaluation flow is
    tested elsewhere)."""
    app = complete_application(**kwargs)
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.SELECTED)
    app.refresh_from_db()
    return app


def agreement_for(
    application: Application | None = None,
    *,
    years: int = 1,
    status: str = AgreementStatus.ACTIVE,
    selection_notified_on: dt.date = dt.date(2026, 9, 1),
    starts_on: dt.date = dt.date(2026, 10, 1),
    city_grant_per_year_krw: int = 400_000_000,
) -> Agreement:
    """An agreement of `years` 12-month years, each with `city_grant_per_year_krw`
    (split 250 M personnel / rest materials for the lead institution)."""
    application = application or selected_application()
    lead = application.applicant.institution
    agreement = Agreement.objects.create(
        application=application,
        program=application.program,
        lead_institution=lead,
        status=status,
        selection_notified_on=selection_notified_on,
        guarantee_due_on=selection_notified_on + dt.timedelta(days=30),
        starts_on=starts_on,
        ends_on=dt.date(starts_on.year + years, starts_on.month, starts_on.day)
        - dt.timedelta(days=1),
        city_grant_krw=city_grant_per_year_krw * years,
        applied_city_grant_krw=city_grant_per_year_krw * years,
        verify_code=secrets.token_hex(6).upper(),
        created_by=UserFactory(role=Role.STAFF),
    )
    for n in range(1, years + 1):
        y_start = dt.date(starts_on.year + n - 1, starts_on.month, starts_on.day)
        y_end = dt.date(starts_on.year + n, starts_on.month, starts_on.day) - dt.timedelta(days=1)
        year = AgreementYear.objects.create(
            agreement=agreement, year_no=n, starts_on=y_start, ends_on=y_end,
            city_grant_krw=city_grant_per_year_krw, institution_cash_krw=13_334_000,
            institution_inkind_krw=120_000_000,
        )  # fmt: skip
        personnel = min(250_000_000, city_grant_per_year_krw)
        AgreementBudgetLine.objects.create(
            year=year, institution=lead, category="personnel", city_grant_krw=personnel,
            institution_inkind_krw=120_000_000,
        )  # fmt: skip
        AgreementBudgetLine.objects.create(
            year=year, institution=lead, category="materials",
            city_grant_krw=city_grant_per_year_krw - personnel, institution_cash_krw=13_334_000,
        )  # fmt: skip
    return agreement
