"""Outcomes dashboard benchmark (issue 13): the officials' outcomes dashboard and the summary API
over 100,000 projects and 500,000 outcome reports on PostgreSQL.

    .venv/bin/python bench/outcomes_dashboard.py [--projects 100000] [--reports-per-project 5]
        [--repeat 30] [--database-url URL]

Re-creates `portal_outcomes_bench` (or --database-url), migrates, loads the catalogue and the
printed record (load_programs), and seeds in two steps by INSERT … SELECT: first `--small`
projects (to count the queries of a small database), then the rest. Every project has
`--reports-per-project` yearly reports (covering 2021–2030), 60 % accepted, the others submitted,
changes requested, open or overdue, with figures from a hash of the ids. VACUUM ANALYZE.

Then, alternating in the same run, `--repeat` times:

* `request_dashboard`: GET /tracking/outcomes/?to=2031 as a city official (Django test client:
  middleware, session, the selector, the template with its tables and chart data);
* `request_api`: GET /api/v1/tracking/outcomes/summary/?to=2031;
* `request_api_program`: the same with program=R04;
* `selector`: `outcomes_summary()` alone (catalogue + history + ONE aggregate);
* `sql`: the same aggregation as ONE raw SQL query (accepted reports, SUM per column, GROUP BY
  programme and year), fetched;
* `sql_tally`: ONE raw SQL SELECT of the running totals the selector reads (OutcomeTally).

Checks that the selector's tracked figures equal the SQL's to the won, and that the number of
queries of each request is the same on the small and the full database. Reports best, median and
p95 ms and the ratios to the SQL (targets: p95 ≤ 200 ms, ratio ≤ 3 ×). JSON to bench/results/.
"""

import argparse
import datetime as dt
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._db import fresh_django  # noqa: E402

PEOPLE = 2000
STATUSES = ["accepted"] * 6 + ["submitted", "changes_requested", "open", "overdue"]
SQL = """
SELECT program_id, covers_year, COUNT(*),
       SUM(sales_krw), SUM(cost_savings_krw), SUM(transfer_value_krw),
       SUM(hires_research), SUM(hires_production), SUM(hires_other),
       SUM(papers_general), SUM(papers_sci), SUM(talks), SUM(patents_filed),
       SUM(patents_registered), SUM(transfers), SUM(awards), SUM(certifications)
  FROM tracking_trackingreport
 WHERE status = 'accepted' AND covers_year BETWEEN %s AND %s
 GROUP BY program_id, covers_year
"""
SQL_TALLY = """
SELECT program_id, covers_year, reports, sales_krw, cost_savings_krw, transfer_value_krw,
       hires_research, hires_production, hires_other, papers_general, papers_sci, talks,
       patents_filed, patents_registered, transfers, awards, certifications
  FROM tracking_outcometally
 WHERE reports > 0 AND covers_year BETWEEN %s AND %s
"""
PROJECTS_INSERT = """
INSERT INTO agreements_project (program_id, lead_institution_id, title, objectives, content,
    is_seoul_rnd, selected_on, starts_on, ends_on, city_grant_krw, status, final_result)
SELECT (%(programs)s::bigint[])[1 + i %% cardinality(%(programs)s::bigint[])],
       %(first)s + i %% %(people)s, '성과 과제 ' || i, '', '', true, DATE '2019-01-01',
       DATE '2019-03-01', make_date(2020 + i %% 5, 12, 31), 100000000, 'completed', 'normal'
  FROM generate_series(%(start)s, %(stop)s - 1) i
"""
REPORTS_INSERT = """
INSERT INTO tracking_trackingreport (project_id, program_id, institution_id, report_year_no,
    covers_year, due_on, status, sales_krw, cost_savings_krw, hires_research, hires_production,
    hires_other, papers_general, papers_sci, talks, patents_filed, patents_registered, transfers,
    transfer_value_krw, awards, certifications, investment_krw, jump_note, prefill, review_note,
    created_at, updated_at)
SELECT p.id, p.program_id, p.lead_institution_id, n,
       EXTRACT(YEAR FROM p.ends_on)::int + n, make_date(EXTRACT(YEAR FROM p.ends_on)::int + n + 1, 3, 31),
       (%(statuses)s::text[])[1 + (p.id * 7 + n) %% cardinality(%(statuses)s::text[])],
       (p.id * 7919 + n * 104729) %% 2000000000, (p.id * 31 + n) %% 90000000,
       (p.id + n) %% 4, (p.id + 2 * n) %% 3, (p.id + 3 * n) %% 2, (p.id + n) %% 2, (p.id * 3 + n) %% 2,
       (p.id + n) %% 5, (p.id + n) %% 3, (p.id * 5 + n) %% 2, (p.id + n) %% 7 / 6,
       ((p.id + n) %% 7 / 6) * ((p.id * 13) %% 50000000), (p.id + n) %% 11 / 10, (p.id + n) %% 13 / 12,
       0, '', '{}', '', now(), now()
  FROM agreements_project p CROSS JOIN generate_series(1, %(per)s) n
 WHERE p.id >= %(first_project)s
"""


def seed(start: int, stop: int, per: int) -> None:
    """Projects [start, stop) and their reports; institutions and users on the first call."""
    from django.db import connection

    from accounts.models import Institution, User
    from agreements.models import Project
    from programs.models import Program

    if not Institution.objects.filter(name__startswith="성과벤치-").exists():
        insts = Institution.objects.bulk_create(
            [Institution(name=f"성과벤치-{i}", type="company", business_no=f"{i:010d}")
             for i in range(PEOPLE)], batch_size=5000,
        )  # fmt: skip
        User.objects.bulk_create(
            [User(username=f"ob-{i}", password="!", role="applicant", institution=insts[i])
             for i in range(PEOPLE)], batch_size=5000,
        )  # fmt: skip
    first_inst = Institution.objects.filter(name__startswith="성과벤치-").order_by("pk")[0].pk
    programs = list(Program.objects.filter(is_project_based=True).values_list("pk", flat=True))
    first_project = (Project.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    with connection.cursor() as cursor:
        cursor.execute(PROJECTS_INSERT, {"programs": programs, "first": first_inst,
                                         "people": PEOPLE, "start": start, "stop": stop})  # fmt: skip
        cursor.execute(REPORTS_INSERT, {"statuses": STATUSES, "per": per,
                                        "first_project": first_project})  # fmt: skip
    # The raw INSERT bypasses the state function: recompute the running totals from the reports.
    from tracking.domain.outcome_tallies import rebuild_outcome_tallies

    rebuild_outcome_tallies()


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE tracking_trackingreport")
        cursor.execute("ANALYZE")


def sql_rows(first: int, last: int, query: str = SQL) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, [first, last])
        return cursor.fetchall()


def sql_totals(rows: list[tuple]) -> dict:
    """Sum over programme-years of the raw SQL, in the selector's terms (won and counts)."""
    cols = [sum(int(r[i] or 0) for r in rows) for i in range(2, 17)]
    n, sales, savings, value, hr, hp, ho, pg, ps, talks, pf, pr, tr, aw, ce = cols
    return {"reports": n, "won": {"sales_krw": sales, "cost_savings_krw": savings,
                                  "transfer_value_krw": value},
            "counts": {"hires_research": hr, "hires_production": hp, "hires_other": ho,
                       "papers_general": pg, "papers_sci": ps, "talks": talks,
                       "patents_filed": pf, "patents_registered": pr, "transfers": tr,
                       "awards_certifications": aw + ce}}  # fmt: skip


def selector_totals(summary) -> dict:
    t = summary.tracked_totals
    return {"reports": summary.reports, "won": dict(t.won), "counts": dict(t.counts)}


def official_client():
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    user, _ = User.objects.get_or_create(username="bench-official", defaults={"role": "official"})
    client = Client()
    client.force_login(user)
    return client


REQUESTS = {
    "request_dashboard": ("/tracking/outcomes/", {"to": "2031"}),
    "request_api": ("/api/v1/tracking/outcomes/summary/", {"to": "2031"}),
    "request_api_program": ("/api/v1/tracking/outcomes/summary/", {"to": "2031", "program": "R04"}),
}


def query_counts(client) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (url, params) in REQUESTS.items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def p95(runs: list[float]) -> float:
    ordered = sorted(runs)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def stats(runs: list[float]) -> dict:
    return {"best_ms": round(min(runs) * 1000, 1), "median_ms": round(statistics.median(runs) * 1000, 1),
            "p95_ms": round(p95(runs) * 1000, 1)}  # fmt: skip


def measure(client, repeat: int, first: int = 2005, last: int = 2031) -> tuple[dict, bool]:
    """Alternate the variants `repeat` times; return the timings and whether figures agree."""
    from tracking.domain.outcomes import catalogue, outcomes_summary, parse_filters

    params = {"from": str(first), "to": str(last)}
    got: dict = {}

    def selector():
        programs = catalogue()
        got["selector"] = outcomes_summary(
            filters=parse_filters(params=params, programs=programs), programs=programs
        )

    variants = {
        name: (lambda u=url, p=par: client.get(u, p)) for name, (url, par) in REQUESTS.items()
    }
    variants["selector"] = selector
    variants["sql"] = lambda: got.__setitem__("sql", sql_rows(first, last))
    variants["sql_tally"] = lambda: got.__setitem__("tally", sql_rows(first, last, SQL_TALLY))
    times: dict[str, list[float]] = {k: [] for k in variants}
    for fn in variants.values():  # warm up (connection, templates, plans)
        fn()
    for _ in range(repeat):
        for name, fn in variants.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    same = selector_totals(got["selector"]) == sql_totals(got["sql"]) == sql_totals(got["tally"])
    return times, same


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--reports-per-project", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/portal_outcomes_bench")  # fmt: skip
    args = parser.parse_args()
    fresh_django(args.database_url)
    from tracking.models import TrackingReport

    t0 = time.perf_counter()
    seed(0, args.small, args.reports_per_project)
    analyze()
    client = official_client()
    small_counts = query_counts(client)
    small_reports = TrackingReport.objects.count()
    seed(args.small, args.projects, args.reports_per_project)
    analyze()
    seeded = time.perf_counter() - t0
    full_counts = query_counts(client)
    n_reports = TrackingReport.objects.count()
    times, same = measure(client, args.repeat)
    sql_p95, sql_med = p95(times["sql"]), statistics.median(times["sql"])
    result = {
        "benchmark": "outcomes_dashboard", "projects": args.projects, "reports": n_reports,
        "accepted": TrackingReport.objects.filter(status="accepted").count(),
        "seed_s": round(seeded, 1), "repeat": args.repeat,
        **{k: stats(v) for k, v in times.items()},
        "ratio_to_sql": {k: {"median": round(statistics.median(v) / sql_med, 2),
                             "p95": round(p95(v) / sql_p95, 2)}
                         for k, v in times.items() if k != "sql"},
        "ratio_to_sql_tally": {k: round(statistics.median(v) / statistics.median(times["sql_tally"]), 2)
                               for k, v in times.items() if k.startswith(("request", "selector"))},
        "queries": {"small": {"reports": small_reports, **small_counts},
                    "full": {"reports": n_reports, **full_counts},
                    "constant": small_counts == full_counts},
        "identical_results": same, "load_avg": os.getloadavg(),
        "targets": {"p95_ms": 200, "ratio": 3.0},
        "met": same and small_counts == full_counts
        and all(p95(times[k]) <= 0.2 for k in REQUESTS),
    }  # fmt: skip
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"outcomes_dashboard_{dt.datetime.now():%Y%m%d_%H%M%S}.json").write_text(
        json.dumps(result, indent=2)
    )


if __name__ == "__main__":
    main()
