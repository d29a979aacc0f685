"""Evaluation benchmark (issue 5): aggregate and rank 10,000 applications × 7 evaluators × 5 criteria.

    .venv/bin/python bench/evaluation_bench.py [--database-url URL] [--applications 10000] [--repeat 3]

Re-creates the target database (default portal_d_bench), migrates, loads the catalogue and generates
one call of programme R05 (5 criteria, hub-tenant bonus rule) with N applications, 7 evaluators, 7·N
submitted score sheets and 35·N criterion scores. Then, in the same run and alternating:

* portal: `compute_stage_results` (the Celery job's body): ONE values_list query of sheet totals
  ordered by application, pure-Python aggregation/bonus/ranking/advancement, bulk upsert of N
  StageResult rows (bulk_create update_conflicts) and the audit entry;
* baseline: the same trimmed-mean aggregation and ranking as ONE raw SQL query (fetched).

Reports best-of-repeat seconds, the ratio portal / SQL, and checks both give the same stage scores.
Target: ≤ 2 s and ≤ 3 × the SQL. JSON goes to bench/results/.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SQL = """
SELECT application_id, agg, ROW_NUMBER() OVER (ORDER BY agg DESC, n DESC, hi DESC, receipt_no, application_id)
FROM (
  SELECT a.application_id, ap.receipt_no, COUNT(*) AS n, MAX(s.total) AS hi,
         ROUND((SUM(s.total) - MAX(s.total) - MIN(s.total)) / NULLIF(COUNT(*) - 2, 0), 2) AS agg
  FROM evaluation_scoresheet s
  JOIN evaluation_assignment a ON a.id = s.assignment_id
  JOIN applications_application ap ON ap.id = a.application_id
  WHERE a.call_id = %s AND a.stage = 'document' AND a.status = 'active' AND s.status = 'submitted'
  GROUP BY a.application_id, ap.receipt_no
) t
"""


# The same aggregation, ranking and storing as one SQL statement (second baseline: includes the write).
SQL_UPSERT = (
    """
INSERT INTO evaluation_stageresult (call_id, application_id, stage, n_scores, scores, aggregate, method,
  dropped, flagged, bonus, bonus_detail, total, rank, tie_break, advances, computed_at)
SELECT %s, application_id, 'document', n, '[]'::jsonb, agg, 'trimmed_mean', '[]'::jsonb, false, 0, '[]'::jsonb,
  agg, rk, '', false, now()
FROM (SELECT application_id, n, agg, ROW_NUMBER() OVER (ORDER BY agg DESC, n DESC, hi DESC, receipt_no, application_id) rk
      FROM ("""
    + SQL.split("FROM (", 1)[1]
    + """) x
ON CONFLICT (application_id, stage) DO UPDATE SET aggregate = EXCLUDED.aggregate, total = EXCLUDED.total,
  rank = EXCLUDED.rank, n_scores = EXCLUDED.n_scores, computed_at = EXCLUDED.computed_at
"""
)


def recreate(url: str) -> None:
    import psycopg2

    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def generate(n: int, rng: random.Random):
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import HubTenancy, Institution, User
    from applications.models import Application
    from evaluation.models import Assignment, Committee, CommitteeMember, CriterionScore, ScoreSheet
    from programs.models import Call, Program

    tz = timezone.get_default_timezone()
    program = Program.objects.get(code="R05")
    criteria = program.stage("document")["criteria"]
    call = Call.objects.create(
        title="bench evaluation", opens_at=dt.datetime(2023, 7, 14, tzinfo=tz),
        closes_at=dt.datetime(2023, 8, 14, 16, tzinfo=tz), slots=n // 20, budget_envelope_krw=4 * 10**9,
        status="closed",
    )  # fmt: skip
    call.programs.set([program])
    insts = Institution.objects.bulk_create(
        [
            Institution(name=f"평가벤치-{i}", type="company", business_no=f"{i:010d}")
            for i in range(n)
        ],
        batch_size=5000,
    )
    HubTenancy.objects.bulk_create(
        [
            HubTenancy(institution=inst, hub="ai_yangjae_hub", starts_on=dt.date(2020, 1, 1))
            for inst in insts[::10]
        ]
    )
    applicants = User.objects.bulk_create(
        [User(username=f"ea-{i}", password="!") for i in range(n)], batch_size=5000
    )
    apps = Application.objects.bulk_create([
        Application(call=call, program=program, lead_institution=insts[i], applicant=applicants[i],
                    title_ko=f"과제 {i}", city_grant_krw=300_000_000, status="in_evaluation", receipt_no=f"R05-{i:06d}")
        for i in range(n)
    ], batch_size=5000)  # fmt: skip
    evaluators = User.objects.bulk_create(
        [User(username=f"ev-{k}", password="!", role="evaluator") for k in range(7)]
    )
    committee = Committee.objects.create(call=call, stage="document", name="bench")
    CommitteeMember.objects.bulk_create(
        [
            CommitteeMember(committee=committee, evaluator=e, pledge_signed_at=timezone.now())
            for e in evaluators
        ]
    )
    assignments = Assignment.objects.bulk_create([
        Assignment(committee=committee, call=call, stage="document", application=a, evaluator=e)
        for a in apps for e in evaluators
    ], batch_size=10000)  # fmt: skip
    points = [[rng.randint(8, 20) for _ in criteria] for _ in assignments]
    sheets = ScoreSheet.objects.bulk_create([
        ScoreSheet(assignment=a, total=Decimal(sum(p)), status="submitted", submitted_at=timezone.now())
        for a, p in zip(assignments, points, strict=True)
    ], batch_size=10000)  # fmt: skip
    CriterionScore.objects.bulk_create([
        CriterionScore(sheet=s, code=c["code"], points=Decimal(v))
        for s, p in zip(sheets, points, strict=True) for c, v in zip(criteria, p, strict=True)
    ], batch_size=20000)  # fmt: skip
    return call


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/portal_d_bench"
    )
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from evaluation.domain.results import compute_stage_results
    from evaluation.models import StageResult

    call_command("migrate", verbosity=0)
    call_command("load_programs", verbosity=0)
    t0 = time.perf_counter()
    call = generate(args.applications, random.Random(5))
    setup = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute("ANALYZE")

    portal, sql, sql_upsert = [], [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        count = compute_stage_results(call=call, stage="document", actor=None)
        portal.append(time.perf_counter() - t)
        t = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute(SQL, [call.pk])
            rows = cur.fetchall()
        sql.append(time.perf_counter() - t)
    stored = dict(
        StageResult.objects.filter(call=call, stage="document").values_list(
            "application_id", "aggregate"
        )
    )
    same = count == len(rows) and all(stored[app_id] == agg for app_id, agg, _rank in rows)
    for _ in range(args.repeat):
        t = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(SQL_UPSERT, [call.pk, call.pk])
        sql_upsert.append(time.perf_counter() - t)
    stored = dict(
        StageResult.objects.filter(call=call, stage="document").values_list(
            "application_id", "aggregate"
        )
    )
    same = count == len(rows) and all(stored[app_id] == agg for app_id, agg, _rank in rows)
    result = {
        "benchmark": "evaluation_aggregate_rank", "applications": args.applications, "evaluators": 7,
        "criteria": 5, "setup_s": round(setup, 1), "portal_s": round(min(portal), 3),
        "sql_s": round(min(sql), 3), "ratio": round(min(portal) / min(sql), 2),
        "portal_runs": [round(x, 3) for x in portal], "sql_runs": [round(x, 3) for x in sql],
        "sql_upsert_s": round(min(sql_upsert), 3), "ratio_to_sql_upsert": round(min(portal) / min(sql_upsert), 2),
        "sql_upsert_runs": [round(x, 3) for x in sql_upsert], "same_stage_scores": same, "load_avg": os.getloadavg(),
        "targets": {"seconds": 2.0, "ratio": 3.0},
    }  # fmt: skip
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"evaluation_{dt.datetime.now():%Y%m%d_%H%M%S}.json").write_text(
        json.dumps(result, indent=2)
    )


if __name__ == "__main__":
    main()
