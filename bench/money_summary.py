"""Money summary benchmark (issue 12): the programme-year money summary over 10,000 agreements and
1,000,000 ledger rows on PostgreSQL.

    .venv/bin/python bench/money_summary.py [--database-url URL] [--agreements 10000]
        [--rows 1000000] [--repeat 7]

Re-creates the target database (default portal_c_money_bench), migrates, loads the catalogue and
generates N agreements spread over the catalogue's programmes (bulk inserts) and the ledger rows
(ONE INSERT … SELECT over generate_series: every agreement gets rows/N rows of every kind, in
fiscal years 2024–2027, amounts 1–50 M won). ANALYZE. Then, alternating in the same run, `--repeat`
times:

* portal: `programme_year_totals()` (agreements.domain.money_summary, what the page, the API and
  the Excel export call): ONE ORM aggregate (SUM grouped by programme, fiscal year and kind) plus the
  catalogue's programmes (17 rows), turned into Money objects;
* portal, one fiscal year: the same with `fiscal_year=2026`;
* SQL pivot: the same summary as ONE hand-written SQL query (SUM … FILTER per kind, GROUP BY
  programme and year, joined to the programme), fetched;
* SQL grouped: the other obvious hand-written form (GROUP BY programme, year, kind), fetched.

Every repetition checks that the portal's figures equal both SQL results to the won, and that the
city total equals the sum of the rows. Reports best and median ms, the ratios portal / fastest SQL;
targets ≤ 200 ms and ≤ 3 ×. JSON goes to bench/results/.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._db import fresh_django  # noqa: E402

SQL_PIVOT = """
SELECT l.program_id, p.code, l.fiscal_year, {sums}
FROM agreements_ledgerentry l JOIN programs_program p ON p.id = l.program_id
{where}
GROUP BY l.program_id, p.code, p."order", l.fiscal_year
ORDER BY l.fiscal_year, p."order", p.code
"""

SQL_GROUPED = """
SELECT program_id, fiscal_year, kind, SUM(amount_krw)
FROM agreements_ledgerentry {where}
GROUP BY program_id, fiscal_year, kind
"""

LEDGER_INSERT = """
INSERT INTO agreements_ledgerentry
  (agreement_id, call_id, application_id, program_id, fiscal_year, year_no, kind, amount_krw,
   category, institution_id, occurred_on, reference, note, created_at)
SELECT a.id, ap.call_id, a.application_id, a.program_id, 2024 + (g %% 4), 1 + (g %% 2), (%(kinds)s::text[])[1 + (g %% %(nk)s)],
       1 + ((a.id * 7919 + g * 104729) %% 50000000), '', a.lead_institution_id,
       make_date(2024 + (g %% 4), 1 + (g %% 12), 1 + (g %% 28)), 'bench', '', now()
FROM agreements_agreement a JOIN applications_application ap ON ap.id = a.application_id
CROSS JOIN generate_series(1, %(per)s) g
"""


def generate(n: int, rows: int, rng: random.Random) -> None:
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Institution, User
    from agreements.enums import LedgerKind
    from agreements.models import Agreement
    from applications.models import Application
    from programs.models import Call, Program

    tz = timezone.get_default_timezone()
    programs = list(Program.objects.all())
    call = Call.objects.create(
        title="bench money", opens_at=dt.datetime(2023, 7, 14, tzinfo=tz),
        closes_at=dt.datetime(2023, 8, 14, 16, tzinfo=tz), slots=n, budget_envelope_krw=10**12,
        status="closed",
    )  # fmt: skip
    call.programs.set(programs)
    insts = Institution.objects.bulk_create(
        [Institution(name=f"머니벤치-{i}", type="company", business_no=f"{i:010d}", is_sme=True)
         for i in range(n)], batch_size=2000,
    )  # fmt: skip
    users = User.objects.bulk_create(
        [User(username=f"m-{i}", password="!", institution=insts[i]) for i in range(n)],
        batch_size=2000,
    )
    apps = Application.objects.bulk_create(
        [Application(call=call, program=programs[i % len(programs)], lead_institution=insts[i],
                     applicant=users[i], title_ko=f"벤치 과제 {i}", status="selected",
                     city_grant_krw=400_000_000) for i in range(n)], batch_size=2000,
    )  # fmt: skip
    Agreement.objects.bulk_create(
        [Agreement(application=a, program_id=a.program_id, lead_institution_id=a.lead_institution_id,
                   status="active", selection_notified_on=dt.date(2024, 1, 2),
                   guarantee_due_on=dt.date(2024, 2, 1), starts_on=dt.date(2024, 3, 1),
                   ends_on=dt.date(2026, 2, 28), city_grant_krw=800_000_000,
                   verify_code=f"B{i:011d}") for i, a in enumerate(apps)], batch_size=2000,
    )  # fmt: skip
    kinds = list(LedgerKind.values)
    with connection.cursor() as cur:
        cur.execute(LEDGER_INSERT, {"kinds": kinds, "nk": len(kinds), "per": max(1, rows // n)})
        cur.execute("ANALYZE")


def sql_summary(query: str, year: int | None) -> list[tuple]:
    """Run one of the raw SQL summaries (pivot or grouped) for all years or one fiscal year."""
    from django.db import connection

    from agreements.domain.money_summary import KINDS

    sums = ", ".join(f"COALESCE(SUM(l.amount_krw) FILTER (WHERE l.kind = '{k}'), 0)" for k in KINDS)
    column = "l.fiscal_year" if query is SQL_PIVOT else "fiscal_year"
    where = "" if year is None else f"WHERE {column} = {int(year)}"
    with connection.cursor() as cur:
        cur.execute(query.format(sums=sums, where=where))
        return cur.fetchall()


def as_table(*, portal=None, pivot=None, grouped=None) -> dict:
    """{(program_id, fiscal_year): [sum per kind, in KINDS order]} from any of the three forms."""
    from agreements.domain.money_summary import KINDS

    if portal is not None:
        return {(r.program_id, r.fiscal_year): [r.money.k(k) for k in KINDS] for r in portal}
    if pivot is not None:
        return {(r[0], r[2]): [int(v) for v in r[3:]] for r in pivot}
    table: dict = {}
    for program_id, year, kind, total in grouped:
        table.setdefault((program_id, year), [0] * len(KINDS))[KINDS.index(kind)] = int(total)
    return table


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _stats(runs: list[float]) -> dict:
    return {"best_ms": round(min(runs) * 1000, 1), "median_ms": round(statistics.median(runs) * 1000, 1),
            "runs_ms": [round(x * 1000, 1) for x in runs]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/portal_c_money_bench"
    )
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    fresh_django(args.database_url)
    from agreements.domain.money_summary import KINDS, city_totals, programme_year_totals
    from agreements.models import LedgerEntry

    t0 = time.perf_counter()
    generate(args.agreements, args.rows, random.Random(12))
    setup = time.perf_counter() - t0
    n_rows = LedgerEntry.objects.count()
    got: dict = {}
    variants = {
        "portal_all_years": lambda: got.__setitem__("portal", programme_year_totals()),
        "portal_one_year": lambda: got.__setitem__("portal_2026", programme_year_totals(fiscal_year=2026)),
        "sql_pivot_all_years": lambda: got.__setitem__("pivot", sql_summary(SQL_PIVOT, None)),
        "sql_grouped_all_years": lambda: got.__setitem__("grouped", sql_summary(SQL_GROUPED, None)),
        "sql_pivot_one_year": lambda: got.__setitem__("pivot_2026", sql_summary(SQL_PIVOT, 2026)),
    }  # fmt: skip
    times: dict[str, list[float]] = {k: [] for k in variants}
    checks = []
    for _ in range(args.repeat):  # alternate so that load changes hit every variant alike
        for name, fn in variants.items():
            times[name].append(_timed(fn))
        portal = as_table(portal=got["portal"])
        checks.append(
            portal == as_table(pivot=got["pivot"]) == as_table(grouped=got["grouped"])
            and as_table(portal=got["portal_2026"]) == as_table(pivot=got["pivot_2026"])
        )
    city = city_totals()
    city_ok = all(city.k(k) == sum(v[i] for v in portal.values()) for i, k in enumerate(KINDS))
    best = {k: min(v) for k, v in times.items()}
    med = {k: statistics.median(v) for k, v in times.items()}
    fastest_sql_all = min(best["sql_pivot_all_years"], best["sql_grouped_all_years"])
    fastest_sql_all_med = min(med["sql_pivot_all_years"], med["sql_grouped_all_years"])
    result = {
        "benchmark": "money_programme_year_summary", "agreements": args.agreements,
        "ledger_rows": n_rows, "programme_year_rows": len(portal), "setup_s": round(setup, 1),
        "repeat": args.repeat, **{k: _stats(v) for k, v in times.items()},
        "ratio_portal_to_fastest_sql": {"best": round(best["portal_all_years"] / fastest_sql_all, 2),
                                        "median": round(med["portal_all_years"] / fastest_sql_all_med, 2)},
        "ratio_one_year_to_sql": {"best": round(best["portal_one_year"] / best["sql_pivot_one_year"], 2),
                                  "median": round(med["portal_one_year"] / med["sql_pivot_one_year"], 2)},
        "identical_results": all(checks), "city_total_equals_rows": city_ok,
        "load_avg": os.getloadavg(), "targets": {"ms": 200, "ratio": 3.0},
    }  # fmt: skip
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"money_summary_{dt.datetime.now():%Y%m%d_%H%M%S}.json").write_text(
        json.dumps(result, indent=2)
    )


if __name__ == "__main__":
    main()
