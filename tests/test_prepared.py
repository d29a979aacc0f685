"""Prepared statements: plain first use, PREPARE on the second, EXECUTE afterwards (PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.prepared import execute_prepared

pytestmark = pytest.mark.django_db


def run(value: int) -> int:
    with connection.cursor() as cursor:
        execute_prepared(cursor, name="test_double", sql="SELECT %s * 2", params=[value])
        return cursor.fetchone()[0]


def test_statement_is_prepared_on_its_second_use():
    with CaptureQueriesContext(connection) as queries:
        assert [run(n) for n in (1, 2, 3, 4)] == [2, 4, 6, 8]
    sent = [q["sql"].split()[0] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        assert sent == ["SELECT", "PREPARE", "EXECUTE", "EXECUTE", "EXECUTE"]
    else:
        assert sent == ["SELECT"] * 4  # other databases run the text as it is


def test_prepared_statement_survives_a_rolled_back_transaction():
    from django.db import transaction

    run(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert run(5) == 10  # PREPARE happens inside this transaction
        raise RuntimeError("roll back")
    assert run(6) == 12  # EXECUTE of the statement prepared in the rolled-back transaction
