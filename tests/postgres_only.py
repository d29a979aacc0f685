"""A mark for tests of set-based PostgreSQL SQL (the daily jobs' INSERT … ON CONFLICT … RETURNING,
array parameters): skipped on the embedded SQLite default, which never runs the beat jobs."""

import pytest
from django.db import connection

needs_postgresql_sql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the daily jobs are set-based PostgreSQL SQL",
)
