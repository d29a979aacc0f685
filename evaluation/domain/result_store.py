"""Storing computed stage results: one upsert statement on PostgreSQL, bulk_create elsewhere.

The values come from the pure functions in ``evaluation.domain.aggregation`` (via
``evaluation.domain.results``); this module only writes them. On PostgreSQL all rows travel as ONE
JSON document (one ``json.dumps``) expanded by ``json_to_recordset`` into an
``INSERT … ON CONFLICT … DO UPDATE … WHERE (row differs)``: no model instances, no per-field
preparation by the ORM, and rows whose values did not change are not rewritten (re-aggregating an
unchanged stage writes nothing; ``computed_at`` is then the time the values last changed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from evaluation.domain.aggregation import Entry
from evaluation.models import StageResult

# StageResult field → PostgreSQL type of the JSON record column carrying it.
VALUE_FIELDS = {
    "n_scores": "smallint", "scores": "jsonb", "aggregate": "numeric", "method": "text",
    "dropped": "jsonb", "flagged": "boolean", "bonus": "numeric", "bonus_detail": "jsonb",
    "total": "numeric", "rank": "integer", "tie_break": "text", "advances": "boolean",
}  # fmt: skip


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _values(entry: Entry) -> dict:
    """The stored values of one ranked entry (Decimals as exact strings for JSON)."""
    return {
        "application_id": entry.application_id,
        "n_scores": len(entry.scores),
        "scores": [str(s) for s in sorted(entry.scores)],
        "aggregate": _dec(entry.aggregate),
        "method": entry.extra["method"],
        "dropped": entry.extra["dropped"],
        "flagged": entry.extra["flagged"],
        "bonus": str(entry.bonus),
        "bonus_detail": entry.extra["bonus_detail"],
        "total": _dec(entry.total),
        "rank": entry.rank,
        "tie_break": entry.tie_break,
        "advances": entry.advances,
    }


def _upsert_sql() -> str:
    """INSERT of the changed rows only (anti-join on the stored values), upserting on conflict."""
    q = connection.ops.quote_name
    meta = StageResult._meta
    column = {name: q(meta.get_field(name).column) for name in (*VALUE_FIELDS, "call", "application", "stage", "computed_at")}  # fmt: skip
    values = [column[name] for name in VALUE_FIELDS]
    keys = [q(name) for name in VALUE_FIELDS]
    record = ", ".join([f"{q('application_id')} bigint"] + [f"{q(n)} {t}" for n, t in VALUE_FIELDS.items()])  # fmt: skip
    app, stage, call, at = column["application"], column["stage"], column["call"], column["computed_at"]  # fmt: skip
    stored = ", ".join([f"o.{call}", *(f"o.{c}" for c in values)])
    fresh = ", ".join(["%(call)s", *(f"x.{k}" for k in keys)])
    updated = [call, *values, at]
    return (
        f"INSERT INTO {q(meta.db_table)} AS r ({call}, {app}, {stage}, {', '.join(values)}, {at}) "
        f"SELECT %(call)s, x.{q('application_id')}, %(stage)s, {', '.join('x.' + k for k in keys)}, %(at)s "
        f"FROM json_to_recordset(%(rows)s::json) AS x({record}) "
        f"WHERE NOT EXISTS (SELECT 1 FROM {q(meta.db_table)} o WHERE o.{app} = x.{q('application_id')} "
        f"AND o.{stage} = %(stage)s AND ({stored}) IS NOT DISTINCT FROM ({fresh})) "
        f"ON CONFLICT ({app}, {stage}) DO UPDATE SET "
        f"{', '.join(f'{c} = EXCLUDED.{c}' for c in updated)} "
        f"WHERE ({', '.join('r.' + c for c in updated[:-1])}) "
        f"IS DISTINCT FROM ({', '.join('EXCLUDED.' + c for c in updated[:-1])})"
    )  # fmt: skip


def store_stage_results(*, call, stage: str, ranked: Sequence[Entry]) -> int:
    """Upsert the StageResult rows of the ranked entries; returns the number of rows written.

    Runs inside the caller's transaction. Rows of applications no longer in ``ranked`` are left
    to the caller.
    """
    if not ranked:
        return 0
    if connection.vendor == "postgresql":
        document = json.dumps([_values(e) for e in ranked], ensure_ascii=False)
        with connection.cursor() as cursor:
            cursor.execute(
                _upsert_sql(),
                {"call": call.pk, "stage": stage, "rows": document, "at": timezone.now()},
            )
            return cursor.rowcount
    objs = [StageResult(call=call, stage=stage, **_values(e)) for e in ranked]
    StageResult.objects.bulk_create(
        objs, batch_size=4000, update_conflicts=True, unique_fields=["application", "stage"],
        update_fields=["call", *VALUE_FIELDS, "computed_at"],
    )  # fmt: skip
    return len(objs)
