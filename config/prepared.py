"""Server-side prepared statements for the hottest SQL of the deadline day (PostgreSQL).

PostgreSQL plans a statement every time it receives its text; for the application-graph load the
plan costs more than running it. `execute_prepared` runs a statement's first use in a database
session as it is, and on its second use sends `PREPARE name AS …` once, then `EXECUTE name(…)`:
a persistent connection (CONN_MAX_AGE) plans each hot statement once, a connection that lives for
one request pays nothing extra. Prepared statements belong to the session (they survive a
rolled-back transaction); a new connection starts with none, which the connection_created signal
records. Other databases run the statement as it is.
"""

import re

from django.db.backends.signals import connection_created
from django.dispatch import receiver

_PLACEHOLDER = re.compile(r"%s")
PREPARED = object()


def execute_prepared(cursor, *, name: str, sql: str, params: list) -> None:
    """Run `sql` (with %s placeholders) as the prepared statement `name` on PostgreSQL."""
    db = cursor.db
    if db.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    uses = db.__dict__.setdefault("prepared_statements", {})
    state = uses.get(name)
    if state is None:  # first use in this session: it may be the only one
        uses[name] = 1
        cursor.execute(sql, params)
        return
    if state is not PREPARED:
        counter = iter(range(1, len(params) + 1))
        text = _PLACEHOLDER.sub(lambda _m: f"${next(counter)}", sql)
        cursor.execute(f"PREPARE {name} AS {text}")
        uses[name] = PREPARED
    if params:
        cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
    else:
        cursor.execute(f"EXECUTE {name}")


def convert_row(row, fields) -> list:
    """Apply the backend's and the fields' converters to a raw row, as the ORM does."""
    from django.db import connection

    values = list(row)
    for i, field in enumerate(fields):
        key = (connection.alias, field)
        if key not in _converters:
            col = field.get_col(field.model._meta.db_table)
            found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
            _converters[key] = (col, found)
        col, found = _converters[key]
        for convert in found:
            values[i] = convert(values[i], col, connection)
    return values


_converters: dict = {}


@receiver(connection_created)
def forget_prepared_statements(sender, connection, **kwargs) -> None:
    """A new database session has no prepared statements."""
    connection.prepared_statements = {}
