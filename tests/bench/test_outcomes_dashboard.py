"""The outcomes-dashboard benchmark's own logic (not its speed), at a tiny size: the seed gives
every project its yearly reports in every status, the selector's tracked figures equal the raw SQL
aggregation it is compared with, and the requests' query counts do not grow with the data."""

import pytest

from bench.outcomes_dashboard import (
    REQUESTS,
    STATUSES,
    official_client,
    query_counts,
    seed,
    selector_totals,
    sql_rows,
    sql_totals,
)
from tests.postgres_only import needs_postgresql_sql
from tracking.domain.outcomes import catalogue as programmes
from tracking.domain.outcomes import outcomes_summary, parse_filters
from tracking.models import TrackingReport

pytestmark = [pytest.mark.django_db, needs_postgresql_sql]


def test_seed_selector_equals_sql_and_queries_stay_constant(catalogue, settings):
    seed(0, 6, 5)
    assert TrackingReport.objects.count() == 30
    assert set(TrackingReport.objects.values_list("status", flat=True)) == set(STATUSES)
    client = official_client()
    small = query_counts(client)
    seed(6, 40, 5)
    assert TrackingReport.objects.count() == 200
    assert query_counts(client) == small and set(small) == set(REQUESTS)
    programs = programmes()
    summary = outcomes_summary(
        filters=parse_filters(params={"from": "2005", "to": "2031"}, programs=programs),
        programs=programs,
    )
    expected = sql_totals(sql_rows(2005, 2031))
    assert selector_totals(summary) == expected
    assert expected["reports"] == TrackingReport.objects.filter(status="accepted").count() > 0
    assert expected["won"]["sales_krw"] > 0
