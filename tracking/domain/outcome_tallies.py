"""Keeping OutcomeTally (accepted reports' sums per programme and year) equal to the reports.

`add_to_tally()` applies one report's difference with ONE portable upsert
(`INSERT … ON CONFLICT (program_id, covers_year) DO UPDATE SET x = x + excluded.x`, PostgreSQL and
SQLite), row-locked by the database, inside the caller's transaction. (The proposed row of an
upsert is checked before the conflict is resolved, so the tally columns carry no CHECK >= 0: a
withdrawal is proposed as negative numbers.) `rebuild_outcome_tallies()`
recomputes every row from the reports (two statements)."""

from __future__ import annotations

from django.db import connection, transaction

from tracking.models import ReportStatus, TrackingReport
from tracking.models.outcomes import TALLY_FIELDS, OutcomeTally


def contribution(values: dict | None) -> dict[str, int] | None:
    """What a report (its status and figures) adds to its tally: its figures if accepted."""
    if not values or values.get("status") != ReportStatus.ACCEPTED:
        return None
    return {f: int(values.get(f) or 0) for f in TALLY_FIELDS}


def add_to_tally(
    *, program_id: int, covers_year: int, reports: int, figures: dict[str, int]
) -> None:
    table = OutcomeTally._meta.db_table
    cols = ["program_id", "covers_year", "reports", *TALLY_FIELDS]
    values = [program_id, covers_year, reports, *(figures[f] for f in TALLY_FIELDS)]
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in cols[2:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))}) "  # noqa: S608
            f"ON CONFLICT (program_id, covers_year) DO UPDATE SET {updates}",
            values,
        )


def apply_change(*, before: dict | None, after: dict | None) -> None:
    """Move a report's contribution from `before` to `after` (dicts of status, program_id,
    covers_year and figures; None = no report)."""
    old, new = contribution(before), contribution(after)
    if old == new and (not old or (before["program_id"], before["covers_year"])
                       == (after["program_id"], after["covers_year"])):  # fmt: skip
        return
    if old:
        add_to_tally(program_id=before["program_id"], covers_year=before["covers_year"],
                     reports=-1, figures={f: -v for f, v in old.items()})  # fmt: skip
    if new:
        add_to_tally(program_id=after["program_id"], covers_year=after["covers_year"],
                     reports=1, figures=new)  # fmt: skip


@transaction.atomic
def rebuild_outcome_tallies() -> int:
    """Recompute every tally from the accepted reports; returns the number of tally rows."""
    table, reports = OutcomeTally._meta.db_table, TrackingReport._meta.db_table
    cols = ", ".join(TALLY_FIELDS)
    sums = ", ".join(f"COALESCE(SUM({f}), 0)" for f in TALLY_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} (program_id, covers_year, reports, {cols}) "  # noqa: S608
            f"SELECT program_id, covers_year, COUNT(*), {sums} FROM {reports} "
            f"WHERE status = %s GROUP BY program_id, covers_year",
            [ReportStatus.ACCEPTED.value],
        )
    return OutcomeTally.objects.count()
