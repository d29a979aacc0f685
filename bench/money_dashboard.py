"""Money dashboard benchmark (issue 13): the officials' money dashboard over 100,000 projects
(agreements) and their ledger rows on PostgreSQL.

    .venv/bin/python bench/money_dashboard.py [--database-url URL] [--agreements 100000]
        [--rows-per-agreement 10] [--repeat 30] [--year 2026]

Re-creates the target database (default portal_money_dash_bench), migrates, loads the catalogue and
generates, with bulk inserts: 2 calls per programme and year (2024–2027, 136 calls), N institutions,
PI accounts, selected applications and agreements spread over the calls (plus N/5 unsuccessful
submitted applications), and the ledger (ONE INSERT … SELECT over generate_series: every agreement
gets R rows of every kind in turn, fiscal years 2024–2027). ANALYZE. Then, alternating in the same
run, `--repeat` times:

* portal, city level: GET /dashboard/money/?year=Y as a city official (Django test client, the
  whole request: session, permission, the level's aggregates, the template);
* portal, programme level: GET /dashboard/money/programs/R04/?year=Y;
* SQL, city level and programme level: the same figures (ledger sums by kind, submitted
  applications and requested grant, agreements and committed grant, call envelopes and slots over
  distinct calls, budget lines) as ONE hand-written SQL query each, fetched.

Every repetition checks that the portal's rows equal the SQL rows to the won, and that each request
runs the same number of queries (a constant, whatever the size). Reports p50/p95 ms per request,
the ratios portal p95 / SQL p95 (targets ≤ 200 ms and ≤ 3 ×) and the query counts. JSON to
bench/results/.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._db import fresh_django  # noqa: E402

SEOUL = dt.timezone(dt.timedelta(hours=9))
YEARS = (2024, 2025, 2026, 2027)
LEDGER_INSERT = """
INSERT INTO agreements_ledgerentry
  (agreement_id, call_id, application_id, program_id, fiscal_year, year_no, kind, amount_krw,
   category, institution_id, occurred_on, reference, note, created_at)
SELECT a.id, ap.call_id, a.application_id, a.program_id, (2024 + ((a.id + g) %% 4))::int, 1, (%(kinds)s::text[])[1 + (g %% %(nk)s)],
       1 + ((a.id * 7919 + g * 104729) %% 50000000), '', a.lead_institution_id,
       make_date((2024 + ((a.id + g) %% 4))::int, 1 + (g %% 12), 1 + (g %% 28)), 'bench', '', now()
FROM agreements_agreement a JOIN applications_application ap ON ap.id = a.application_id
CROSS JOIN generate_series(1, %(per)s) g
"""


def generate(n: int, per: int) -> dict:
    """Calls, institutions, users, applications, agreements and ledger rows (see the module doc)."""
    from django.db import connection

    from accounts.models import Institution, User
    from agreements.enums import LedgerKind
    from agreements.models import Agreement
    from applications.models import Application
    from programs.models import Call, Program

    programs = list(Program.objects.order_by("order", "code"))
    calls = []
    for year in YEARS:
        for p in programs:
            for round_no in (1, 2):
                call = Call.objects.create(
                    title=f"{year}년 {p.code} {round_no}차 공고", opens_at=dt.datetime(year, 2 + round_no * 3, 1, tzinfo=SEOUL),
                    closes_at=dt.datetime(year, 3 + round_no * 3, 1, 16, tzinfo=SEOUL),
                    slots=max(1, n // (len(programs) * len(YEARS) * 2)), budget_envelope_krw=10**10,
                    status="closed",
                )  # fmt: skip
                call.programs.set([p])
                calls.append((call, p))
    batch = 5000
    insts = Institution.objects.bulk_create(
        [Institution(name=f"대시벤치-{i}", type="company", business_no=f"{i:010d}", is_sme=True)
         for i in range(n)], batch_size=batch,
    )  # fmt: skip
    users = User.objects.bulk_create(
        [User(username=f"md-{i}", password="!", institution=insts[i]) for i in range(n)],
        batch_size=batch,
    )
    extra = n // 5
    apps = Application.objects.bulk_create(
        [Application(call=calls[i % len(calls)][0], program=calls[i % len(calls)][1],
                     lead_institution=insts[i % n], applicant=users[i % n], title_ko=f"벤치 과제 {i}",
                     status="selected" if i < n else "not_selected",
                     submitted_at=calls[i % len(calls)][0].opens_at + dt.timedelta(days=3),
                     city_grant_krw=100_000_000 + (i % 997) * 100_000) for i in range(n + extra)],
        batch_size=batch,
    )  # fmt: skip
    Agreement.objects.bulk_create(
        [Agreement(application=a, program_id=a.program_id, lead_institution_id=a.lead_institution_id,
                   status="active" if i % 50 else "terminated",
                   selection_notified_on=dt.date(a.call.opens_at.year, 9, 1),
                   guarantee_due_on=dt.date(a.call.opens_at.year, 10, 1),
                   starts_on=dt.date(a.call.opens_at.year, 10, 1),
                   ends_on=dt.date(a.call.opens_at.year + 1, 9, 30),
                   city_grant_krw=a.city_grant_krw - (i % 7) * 1000, verify_code=f"D{i:011d}")
         for i, a in enumerate(apps[:n])], batch_size=batch,
    )  # fmt: skip
    kinds = list(LedgerKind.values)
    with connection.cursor() as cur:
        cur.execute(LEDGER_INSERT, {"kinds": kinds, "nk": len(kinds), "per": per})
        cur.execute("ANALYZE")
    return {"calls": len(calls), "applications": n + extra}


def _sums() -> str:
    from agreements.domain.money_summary import KINDS

    return ", ".join(
        f"COALESCE(SUM(l.amount_krw) FILTER (WHERE l.kind = '{k}'), 0) AS \"{k}\"" for k in KINDS
    )


def _cols() -> str:
    from agreements.domain.money_summary import KINDS

    return ", ".join(f'COALESCE(l."{k}", 0)' for k in KINDS)


SUBMITTED = "('submitted', 'screened_out', 'in_evaluation', 'selected', 'not_selected')"
IN_YEAR = "c.opens_at >= %(lo)s AND c.opens_at < %(hi)s"

CITY_SQL = """
WITH l AS (SELECT p.field_id AS k, {sums} FROM agreements_ledgerentry l
           JOIN programs_program p ON p.id = l.program_id WHERE l.fiscal_year = %(y)s GROUP BY 1),
a AS (SELECT p.field_id AS k, COUNT(*) AS n, SUM(ap.city_grant_krw) AS s
      FROM applications_application ap JOIN programs_call c ON c.id = ap.call_id
      JOIN programs_program p ON p.id = ap.program_id
      WHERE ap.status IN {submitted} AND {in_year} GROUP BY 1),
g AS (SELECT p.field_id AS k, COUNT(*) AS n, SUM(ag.city_grant_krw) AS s
      FROM agreements_agreement ag JOIN applications_application ap ON ap.id = ag.application_id
      JOIN programs_call c ON c.id = ap.call_id JOIN programs_program p ON p.id = ag.program_id
      WHERE ag.status <> 'terminated' AND {in_year} GROUP BY 1),
c AS (SELECT k, SUM(env) AS env, SUM(slots) AS slots FROM (
        SELECT DISTINCT p.field_id AS k, c.id, c.budget_envelope_krw AS env, c.slots
        FROM programs_call c JOIN programs_call_programs cp ON cp.call_id = c.id
        JOIN programs_program p ON p.id = cp.program_id WHERE {in_year}) x GROUP BY 1),
b AS (SELECT p.field_id AS k, SUM(b.amount_million_krw) * 1000000 AS s
      FROM programs_budgetline b JOIN programs_program p ON p.id = b.program_id
      WHERE b.year = %(y)s AND b.kind = 'programme' GROUP BY 1)
SELECT f.id, b.s, COALESCE(c.env, 0), COALESCE(c.slots, 0), COALESCE(a.n, 0), COALESCE(a.s, 0),
       COALESCE(g.n, 0), COALESCE(g.s, 0), {cols}
FROM programs_field f LEFT JOIN l ON l.k = f.id LEFT JOIN a ON a.k = f.id
LEFT JOIN g ON g.k = f.id LEFT JOIN c ON c.k = f.id LEFT JOIN b ON b.k = f.id
ORDER BY f."order", f.id
"""

PROGRAM_SQL = """
WITH l AS (SELECT ap.call_id AS k, {sums} FROM agreements_ledgerentry l
           JOIN agreements_agreement ag ON ag.id = l.agreement_id
           JOIN applications_application ap ON ap.id = ag.application_id
           WHERE l.program_id = %(p)s AND l.fiscal_year = %(y)s GROUP BY 1),
a AS (SELECT ap.call_id AS k, COUNT(*) AS n, SUM(ap.city_grant_krw) AS s
      FROM applications_application ap JOIN programs_call c ON c.id = ap.call_id
      WHERE ap.program_id = %(p)s AND ap.status IN {submitted} AND {in_year} GROUP BY 1),
g AS (SELECT ap.call_id AS k, COUNT(*) AS n, SUM(ag.city_grant_krw) AS s
      FROM agreements_agreement ag JOIN applications_application ap ON ap.id = ag.application_id
      JOIN programs_call c ON c.id = ap.call_id
      WHERE ag.program_id = %(p)s AND ag.status <> 'terminated' AND {in_year} GROUP BY 1),
c AS (SELECT c.id AS k, c.budget_envelope_krw AS env, c.slots FROM programs_call c
      JOIN programs_call_programs cp ON cp.call_id = c.id WHERE cp.program_id = %(p)s AND {in_year}),
keys AS (SELECT k FROM l UNION SELECT k FROM a UNION SELECT k FROM g UNION SELECT k FROM c)
SELECT call.id, NULL, COALESCE(c.env, 0), COALESCE(c.slots, 0), COALESCE(a.n, 0),
       COALESCE(a.s, 0), COALESCE(g.n, 0), COALESCE(g.s, 0), {cols}
FROM keys JOIN programs_call call ON call.id = keys.k LEFT JOIN l ON l.k = keys.k
LEFT JOIN a ON a.k = keys.k LEFT JOIN g ON g.k = keys.k LEFT JOIN c ON c.k = keys.k
ORDER BY call.opens_at DESC, call.id DESC
"""


def sql_rows(level: str, *, year: int, program_code: str = "R04") -> list[tuple]:
    """The level's rows as ONE raw SQL query: (key, budget, envelope, slots, submitted, requested,
    agreements, committed, sum per ledger kind…)."""
    from django.db import connection

    from programs.models import Program

    text = (CITY_SQL if level == "city" else PROGRAM_SQL).format(
        sums=_sums(), cols=_cols(), submitted=SUBMITTED, in_year=IN_YEAR
    )
    params = {"y": year, "lo": dt.datetime(year, 1, 1, tzinfo=SEOUL),
              "hi": dt.datetime(year + 1, 1, 1, tzinfo=SEOUL)}  # fmt: skip
    if level != "city":
        params["p"] = Program.objects.only("pk").get(code=program_code).pk
    with connection.cursor() as cur:
        cur.execute(text, params)
        return [tuple(None if v is None else int(v) for v in row) for row in cur.fetchall()]


def portal_rows(dash) -> list[tuple]:
    from agreements.domain.money_summary import KINDS

    return [
        (r.key, r.budget_krw, r.envelope_krw, r.slots, r.submitted, r.requested_krw, r.agreements,
         r.committed_krw, *(r.money.k(k) for k in KINDS))
        for r in dash.rows
    ]  # fmt: skip


def official_client():
    from django.test import Client

    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-official", defaults={"role": "official"})
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    client.get("/dashboard/money/")  # warm-up: the session is written on the first request
    return client


def timed_request(client, url: str) -> tuple[float, int]:
    """(seconds, queries) of one GET, checked 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - t
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(ctx.captured_queries)


def _pct(runs: list[float], q: float) -> float:
    ordered = sorted(runs)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _stats(runs: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(runs) * 1000, 1),
            "p95_ms": round(_pct(runs, 0.95) * 1000, 1), "best_ms": round(min(runs) * 1000, 1)}  # fmt: skip


def measure(*, year: int, repeat: int) -> dict:
    """Alternating portal requests and SQL queries; checks and stats (used by the test too)."""
    from tracking.domain.money_dashboard import money_dashboard

    client = official_client()
    urls = {"city": f"/dashboard/money/?year={year}",
            "program": f"/dashboard/money/programs/R04/?year={year}"}  # fmt: skip
    times: dict[str, list[float]] = {k: [] for k in ("portal_city", "portal_program", "sql_city",
                                                     "sql_program")}  # fmt: skip
    queries: dict[str, set[int]] = {"city": set(), "program": set()}
    identical = []
    for _ in range(repeat):
        for level, url in urls.items():
            elapsed, n = timed_request(client, url)
            times[f"portal_{level}"].append(elapsed)
            queries[level].add(n)
            t = time.perf_counter()
            expected = sql_rows(level, year=year)
            times[f"sql_{level}"].append(time.perf_counter() - t)
            code = {"program_code": "R04"} if level == "program" else {}
            identical.append(portal_rows(money_dashboard(year=year, **code)) == expected)
    stats = {k: _stats(v) for k, v in times.items()}
    return {
        **stats,
        "ratio_p95": {lv: round(stats[f"portal_{lv}"]["p95_ms"] / stats[f"sql_{lv}"]["p95_ms"], 2)
                      for lv in urls},
        "ratio_p50": {lv: round(stats[f"portal_{lv}"]["p50_ms"] / stats[f"sql_{lv}"]["p50_ms"], 2)
                      for lv in urls},
        "queries_per_request": {lv: sorted(q) for lv, q in queries.items()},
        "constant_queries": all(len(q) == 1 for q in queries.values()),
        "identical_results": all(identical),
    }  # fmt: skip


def reuse_django(url: str) -> dict:
    """Point Django at a database a previous run generated (setup only: generation of 100,000
    projects takes a quarter of an hour on the shared machine)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from applications.models import Application
    from programs.models import Call

    return {"calls": Call.objects.count(), "applications": Application.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/portal_money_dash_bench"
    )
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--rows-per-agreement", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument(
        "--reuse-data", action="store_true",
        help="measure on the data a previous run left in the database (no re-creation)",
    )  # fmt: skip
    args = parser.parse_args()
    t0 = time.perf_counter()
    if args.reuse_data:
        sizes = reuse_django(args.database_url)
    else:
        fresh_django(args.database_url)
        sizes = generate(args.agreements, args.rows_per_agreement)
    setup = time.perf_counter() - t0
    from agreements.models import Agreement, LedgerEntry

    args.agreements = Agreement.objects.count()
    result = {
        "benchmark": "money_dashboard", "agreements": args.agreements, **sizes,
        "ledger_rows": LedgerEntry.objects.count(), "year": args.year, "setup_s": round(setup, 1),
        "repeat": args.repeat, **measure(year=args.year, repeat=args.repeat),
        "load_avg": os.getloadavg(), "targets": {"p95_ms": 200, "ratio": 3.0},
    }  # fmt: skip
    assert result["constant_queries"] and result["identical_results"], result
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"money_dashboard_{dt.datetime.now():%Y%m%d_%H%M%S}.json").write_text(
        json.dumps(result, indent=2)
    )


if __name__ == "__main__":
    main()
