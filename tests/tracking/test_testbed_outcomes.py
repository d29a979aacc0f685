"""Testbed Seoul follow-up outcomes: the seed's printed table, the selector and the form."""

import pytest
from django.test import Client

from accounts.enums import Role
from tests.factories import InstitutionFactory, UserFactory
from tracking import selectors_testbed as sel
from tracking.data.testbed_outcomes import load_testbed_outcomes
from tracking.domain.testbed_outcomes import record_outcome
from tracking.models import TestbedOutcome as Outcome

pytestmark = pytest.mark.django_db


def test_seed_table_is_loaded_and_its_total_mismatch_noticed():
    assert load_testbed_outcomes() == 3  # idempotent (also run by the migration)
    assert Outcome.objects.filter(institution__isnull=True).count() == 3
    summary = sel.testbed_outcomes_summary()
    printed = {r.group_label: r for r in summary["printed"]}
    assert printed["실증완료 기업"].procurement_krw == 2_613_782_000  # 천원 × 1000
    assert printed["계"].exports_usd == 505_177 and printed["계"].mou_count == 10
    assert summary["printed_mismatches"] == [
        {"field": "company_count", "printed": 38, "summed": 39}
    ]


def test_record_replaces_the_company_year_and_feeds_the_selector():
    staff = UserFactory(username="oc-staff", role=Role.STAFF)
    company = InstitutionFactory()
    common = {
        "actor": staff,
        "institution": company,
        "year": 2025,
        "investment_krw": 0,
        "mou_count": 1,
    }
    record_outcome(procurement_krw=100, exports_usd=5, **common)
    record_outcome(procurement_krw=2_266_000_000, exports_usd=7, **common)
    assert Outcome.objects.filter(institution=company).count() == 1
    summary = sel.testbed_outcomes_summary()
    assert (
        summary["totals"]["procurement_krw"] == 2_266_000_000
        and summary["totals"]["companies"] == 1
    )
    assert sel.testbed_outcomes_by_year() == [{"year": 2025, "companies": 1, "procurement_krw": 2_266_000_000,
                                          "investment_krw": 0, "exports_usd": 7, "mou_count": 1}]  # fmt: skip


def test_company_records_its_own_outcomes_only():
    company = InstitutionFactory()
    user = UserFactory(username="oc-company", role=Role.APPLICANT, institution=company)
    other = InstitutionFactory()
    c = Client()
    c.force_login(user)
    data = {
        "year": 2025,
        "procurement_krw": 10,
        "investment_krw": 0,
        "exports_usd": 0,
        "mou_count": 0,
    }
    assert c.post("/testbed/outcomes/", {**data, "institution": other.pk}).status_code == 422
    assert c.post("/testbed/outcomes/", {**data, "institution": company.pk}).status_code == 302
    assert Outcome.objects.get(institution=company).procurement_krw == 10
    bad = c.post("/testbed/outcomes/", {**data, "institution": company.pk, "exports_usd": -1})
    assert bad.status_code == 422 and 'id="id_exports_usd_error"' in bad.content.decode()
