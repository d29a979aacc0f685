"""The yearly outcome-report job (issue 13: over 100,000 projects in ≤ 30 s) on PostgreSQL.

    .venv/bin/python bench/tracking_obligations.py [--projects 100000] [--repeat 3]

Re-creates `portal_tracking_bench` (or --database-url), migrates, loads the catalogue and seeds N
completed projects over 2,000 institutions (one applicant each) with completion dates spread over
2021–2025 and 85 % successes, by one INSERT … SELECT. Then times `run_report_obligations` (the
task's code, in process):

1. `yearly`: 2 January 2026, the day every tracked project's report for 2025 opens (the heavy day);
2. `repeat`: the same day again (idempotent: opens, sends and marks nothing);
3. `remind`: 1 March 2026 (D-30 reminders of every open report, one notice per member);
4. `overdue`: 1 April 2026 (every report still open becomes overdue and a screening obligation).

Baseline in the same run: ONE raw SQL SELECT of the reports the yearly run opens. Each phase keeps
its effect for the next one; `yearly` and `repeat` are the fastest of --repeat (rolled back).
Results: bench/results/tracking_obligations-<time>.json.
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._db import fresh_django  # noqa: E402

TARGET_SECONDS = 30.0
BASELINE_SQL = """
SELECT p.id, n.no FROM agreements_project p CROSS JOIN generate_series(1, 5) n(no)
 WHERE p.final_result IN ('excellent', 'normal', 'poor')
   AND EXTRACT(YEAR FROM p.ends_on)::int + n.no < %(year)s
   AND make_date(EXTRACT(YEAR FROM p.ends_on)::int + n.no + 1, 3, 31) >= %(today)s
"""


def seed(n: int) -> None:
    from django.db import connection

    from accounts.models import Institution, User
    from programs.models import Program

    people = 2000
    insts = Institution.objects.bulk_create(
        [Institution(name=f"추적벤치-{i}", type="company", business_no=f"{i:010d}")
         for i in range(people)], batch_size=5000,
    )  # fmt: skip
    User.objects.bulk_create(
        [User(username=f"tb-{i}", password="!", role="applicant", institution=insts[i],
              email=f"tb-{i}@example.org") for i in range(people)], batch_size=5000,
    )  # fmt: skip
    programs = list(Program.objects.values_list("pk", flat=True))
    first = insts[0].pk
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO agreements_project (program_id, lead_institution_id, title, objectives,
                content, is_seoul_rnd, selected_on, starts_on, ends_on, city_grant_krw, status,
                final_result)
            SELECT (%(programs)s::bigint[])[1 + i %% cardinality(%(programs)s::bigint[])],
                   %(first)s + i %% %(people)s, '추적 과제 ' || i, '', '', true,
                   DATE '2019-01-01', DATE '2019-03-01',
                   DATE '2021-01-01' + (i %% 1826), 100000000, 'completed',
                   CASE WHEN i %% 20 < 17 THEN (ARRAY['excellent','normal','poor'])[1 + i %% 3]
                        ELSE 'failure' END
              FROM generate_series(0, %(n)s - 1) i
            """,
            {"programs": programs, "first": first, "people": people, "n": n},
        )
        cursor.execute("ANALYZE")


def timed(fn, repeat: int, *, keep: bool):
    from django.db import connection, transaction

    best = None
    for k in range(repeat):
        last = k == repeat - 1
        with transaction.atomic():
            sid = transaction.savepoint()
            q0 = len(connection.queries)
            t0 = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - t0
            queries = len(connection.queries) - q0
            if last and keep:
                transaction.savepoint_commit(sid)
            else:
                transaction.savepoint_rollback(sid)
        if best is None or seconds < best[0]:
            best = (seconds, queries, result)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/portal_tracking_bench")  # fmt: skip
    args = parser.parse_args()
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
    fresh_django(args.database_url)
    from django.conf import settings
    from django.db import connection, reset_queries

    settings.DEBUG = True
    from tracking.domain.obligations import run_report_obligations

    t0 = time.perf_counter()
    seed(args.projects)
    seeded = time.perf_counter() - t0
    reset_queries()
    phases = {}
    yearly_day = dt.date(2026, 1, 2)
    with connection.cursor() as cursor:
        t = time.perf_counter()
        cursor.execute(BASELINE_SQL, {"year": 2026, "today": yearly_day})
        baseline_rows = len(cursor.fetchall())
        baseline = time.perf_counter() - t
    for name, day, keep in (("yearly", yearly_day, True), ("repeat", yearly_day, True),
                            ("remind", dt.date(2026, 3, 1), True),
                            ("overdue", dt.date(2026, 4, 1), True)):  # fmt: skip
        reps = args.repeat if name in ("yearly", "repeat") else 1
        seconds, queries, run = timed(
            lambda d=day: run_report_obligations(today=d), reps, keep=keep
        )
        phases[name] = {"seconds": round(seconds, 3), "queries": queries, "run": run.as_dict()}
        print(f"{name:8s} {seconds:7.2f} s  {queries:4d} queries  {run.as_dict()}")
    result = {
        "projects": args.projects, "seed_seconds": round(seeded, 1), "phases": phases,
        "baseline_select_seconds": round(baseline, 3), "baseline_rows": baseline_rows,
        "ratio_yearly_to_select": round(phases["yearly"]["seconds"] / baseline, 1),
        "target_seconds": TARGET_SECONDS, "load_average": os.getloadavg(),
        "met": all(p["seconds"] <= TARGET_SECONDS for p in phases.values()),
    }  # fmt: skip
    print(json.dumps({k: v for k, v in result.items() if k != "phases"}))
    out = ROOT / "bench" / "results" / f"tracking_obligations-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
