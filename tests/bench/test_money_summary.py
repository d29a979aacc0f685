"""The money-summary benchmark's own logic (not its speed): the generated ledger has every kind,
and the portal's programme-year summary equals both raw SQL forms it is compared with."""

import pytest

from agreements.domain.money_summary import KINDS, city_totals, programme_year_totals
from agreements.models import Agreement, LedgerEntry
from bench.money_summary import SQL_GROUPED, SQL_PIVOT, as_table, generate, sql_summary
from tests.postgres_only import needs_postgresql_sql

pytestmark = [pytest.mark.django_db, needs_postgresql_sql]


@pytest.fixture
def ledger(catalogue):
    import random

    generate(20, 20 * len(KINDS), random.Random(1))


def test_generated_ledger_has_every_kind_and_year(ledger):
    assert Agreement.objects.count() == 20
    assert LedgerEntry.objects.count() == 20 * len(KINDS)
    assert set(LedgerEntry.objects.values_list("kind", flat=True)) == set(KINDS)
    assert set(LedgerEntry.objects.values_list("fiscal_year", flat=True)) == {
        2024,
        2025,
        2026,
        2027,
    }


def test_portal_summary_equals_both_sql_forms(ledger):
    portal = as_table(portal=programme_year_totals())
    assert portal == as_table(pivot=sql_summary(SQL_PIVOT, None))
    assert portal == as_table(grouped=sql_summary(SQL_GROUPED, None))
    one = as_table(portal=programme_year_totals(fiscal_year=2026))
    assert one == as_table(pivot=sql_summary(SQL_PIVOT, 2026)) and {y for _p, y in one} == {2026}
    city = city_totals()
    assert [city.k(k) for k in KINDS] == [
        sum(v[i] for v in portal.values()) for i in range(len(KINDS))
    ]
