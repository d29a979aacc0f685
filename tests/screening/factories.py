"""Builders for screening tests: a fully eligible INV application of the 2023 call and its records."""

import datetime as dt
import itertools
import uuid

import factory
from django.utils import timezone

from accounts.enums import Role
from applications.models import ApplicationInstitution, ApplicationResearcher
from evaluation.screening.models import CreditStatus, FinancialStatement, Recommendation
from programs.models import Operator, Program
from tests.factories import CallFactory, InstitutionFactory, ResearcherFactory, UserFactory

_seq = itertools.count(1)


def seoul(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args), timezone.get_default_timezone())


def call_2023(**kwargs):
    """The 2023 investment-linked call: 2023-07-14 to 2023-08-14 16:00 KST (close date 2023-08-14)."""
    return CallFactory(
        opens_at=seoul(2023, 7, 14, 0, 0), closes_at=seoul(2023, 8, 14, 16, 0), status="closed",
        programs=kwargs.pop("programs", ["INV"]), **kwargs,
    )  # fmt: skip


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applications.Application"

    call = factory.LazyFunction(call_2023)
    program = factory.LazyFunction(lambda: Program.objects.get(code="INV"))
    lead_institution = factory.SubFactory(InstitutionFactory)
    applicant = factory.SubFactory(UserFactory, role=Role.APPLICANT)
    pi = factory.SubFactory(ResearcherFactory)
    title_ko = factory.LazyFunction(lambda: f"과제 {uuid.uuid4().hex}")
    objectives = factory.LazyFunction(lambda: uuid.uuid4().hex)
    content = ""
    current_trl = 6
    target_trl = 8
    period_months = 24
    city_grant_krw = 400_000_000
    institution_cash_krw = 13_334_000
    institution_inkind_krw = 120_000_000
    status = "submitted"
    submitted_at = factory.LazyFunction(lambda: seoul(2023, 8, 1, 10, 0))


def operator(quota: int = 4) -> Operator:
    return Operator.objects.create(name=f"테스트벤처스{next(_seq)}", annual_quota=quota)


def eligible_application(
    *, call=None, pi_rate: int = 40, recommendation: dict | None = None, **kwargs
):
    """An INV application that passes every rule, with the records screening reads."""
    call = call or call_2023()
    app = ApplicationFactory(call=call, **kwargs)
    lead = app.lead_institution
    app.applicant.institution = lead
    app.applicant.save()
    ApplicationInstitution.objects.create(application=app, institution=lead, role="lead")
    ApplicationResearcher.objects.create(
        application=app, researcher=app.pi, institution=lead, role="pi", rate_pct=pi_rate
    )
    ApplicationResearcher.objects.create(
        application=app,
        researcher=ResearcherFactory(),
        institution=lead,
        role="researcher",
        rate_pct=50,
    )
    rec = {
        "operator": operator(), "recommended_on": dt.date(2023, 7, 1), "investment_krw": 150_000_000,
        "account_type": "own", "contract_date": dt.date(2023, 6, 1), "company_share_pct": 70,
        "operator_share_pct": 20, **(recommendation or {}),
    }  # fmt: skip
    Recommendation.objects.create(institution=lead, call=call, **rec)
    CreditStatus.objects.create(institution=lead, checked_on=dt.date(2023, 8, 1))
    FinancialStatement.objects.create(
        institution=lead, settled_on=dt.date(2022, 12, 31), total_liabilities_krw=500_000_000,
        total_equity_krw=250_000_000,
    )  # fmt: skip
    return app
