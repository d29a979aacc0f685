"""The G-Valley programme's +2 export-record bonus (catalogue bonus_rules) is added after aggregation."""

from decimal import Decimal

import pytest

from evaluation.domain.committees import auto_assign
from evaluation.domain.results import compute_stage_results
from evaluation.models import StageResult
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_export_record_adds_two_points_in_g_valley(catalogue, users):
    from accounts.enums import Role

    staff = users[Role.STAFF]
    call = CallFactory(programs=["R06"], slots=2, budget_envelope_krw=400_000_000, closed=True)
    exporter = ApplicationFactory(call=call, export_record=True, city_grant_krw=200_000_000)
    other = ApplicationFactory(call=call, export_record=False, city_grant_krw=200_000_000)
    committee = committee_with_members(call, n=3, actor=staff)
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=[exporter, other], actor=staff)
    criteria = exporter.program.stage("document")["criteria"]  # 4 criteria × 25 (R06)
    points = [20] * len(criteria)
    score_all(committee, exporter, [points] * 3)
    score_all(committee, other, [points] * 3)
    compute_stage_results(call=call, stage="document", actor=staff)
    results = {r.application_id: r for r in StageResult.objects.filter(stage="document")}
    assert (
        results[exporter.pk].aggregate == results[other.pk].aggregate == Decimal(20 * len(criteria))
    )
    assert results[exporter.pk].bonus == Decimal(2) and results[other.pk].bonus == Decimal(0)
    assert results[exporter.pk].total == results[exporter.pk].aggregate + 2
    assert results[exporter.pk].rank == 1
