"""The money-dashboard benchmark's own logic (not its speed), at tiny size: the generated data has
calls, applications, agreements and ledger rows of every kind; the portal's rows equal the raw SQL
rows at the city and programme levels; each request runs a constant number of queries."""

import pytest

from agreements.domain.money_summary import KINDS
from agreements.models import Agreement, LedgerEntry
from applications.models import Application
from bench.money_dashboard import generate, measure, official_client, sql_rows, timed_request
from tests.postgres_only import needs_postgresql_sql

pytestmark = [pytest.mark.django_db, needs_postgresql_sql]


@pytest.fixture
def data(catalogue):
    return generate(40, 3)


def test_generated_data_has_every_source(data):
    assert data["calls"] == 17 * 4 * 2
    assert Agreement.objects.count() == 40 and Application.objects.count() == 48
    assert LedgerEntry.objects.count() == 120
    assert set(LedgerEntry.objects.values_list("kind", flat=True)) <= set(KINDS)
    assert set(LedgerEntry.objects.values_list("fiscal_year", flat=True)) == {
        2024,
        2025,
        2026,
        2027,
    }


def test_portal_equals_sql_and_queries_are_constant(data):
    result = measure(year=2024, repeat=2)
    assert result["identical_results"] and result["constant_queries"]
    assert sum(r[4] for r in sql_rows("city", year=2024)) > 0  # submitted applications counted
    assert any(any(r[8:]) for r in sql_rows("city", year=2024))  # ledger sums present
    small = result["queries_per_request"]
    client = official_client()
    _t, n = timed_request(client, "/dashboard/money/?year=2024")
    assert [n] == small["city"]
