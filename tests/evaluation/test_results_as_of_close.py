"""Bonus facts (hub tenancy) are taken as of the call's close date, not the day of aggregation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.enums import Role
from accounts.models import HubTenancy
from evaluation.domain.committees import auto_assign
from evaluation.domain.results import compute_stage_results, facts_date
from evaluation.models import StageResult
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def seoul(*args):
    return timezone.make_aware(dt.datetime(*args), timezone.get_default_timezone())


def test_hub_tenancy_bonus_is_decided_on_the_close_date(catalogue, users):
    staff = users[Role.STAFF]
    # Closes 2023-08-14 16:00 KST (07:00 UTC); aggregated years later (today).
    call = CallFactory(programs=["R04"], slots=2, opens_at=seoul(2023, 7, 14),
                       closes_at=seoul(2023, 8, 14, 16), status="closed")  # fmt: skip
    assert facts_date(call) == dt.date(2023, 8, 14)
    tenant_then = ApplicationFactory(call=call, receipt_no="R04-0001")
    tenant_now = ApplicationFactory(call=call, receipt_no="R04-0002")
    # A tenant at the close whose tenancy ended since; a tenant only since after the close.
    HubTenancy.objects.create(institution=tenant_then.lead_institution, hub="seoul_bio_hub",
                              starts_on=dt.date(2021, 1, 1), ends_on=dt.date(2024, 1, 31))  # fmt: skip
    HubTenancy.objects.create(institution=tenant_now.lead_institution, hub="seoul_bio_hub",
                              starts_on=dt.date(2023, 8, 15))  # fmt: skip
    assert timezone.localdate() > dt.date(2024, 1, 31)
    committee = committee_with_members(call, n=3, actor=staff)
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=[tenant_then, tenant_now], actor=staff)
    criteria = tenant_then.program.stage("document")["criteria"]
    for app in (tenant_then, tenant_now):
        score_all(committee, app, [[15] * len(criteria)] * 3)
    compute_stage_results(call=call, stage="document", actor=staff)
    results = {r.application_id: r for r in StageResult.objects.filter(call=call)}
    assert results[tenant_then.pk].bonus == Decimal(2)
    assert [b["code"] for b in results[tenant_then.pk].bonus_detail] == ["bio_hub_tenant"]
    assert results[tenant_now.pk].bonus == Decimal(0)
    assert results[tenant_then.pk].rank == 1
