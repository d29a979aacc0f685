"""The daily guarantee deadline job (issue 12: over 50,000 agreements in ≤ 10 s) on PostgreSQL.

    .venv/bin/python bench/guarantee_deadlines.py [--agreements 50000] [--repeat 3]

Re-creates the `portal_guarantee_bench` database (or --database-url), migrates, loads the catalogue
and seeds N agreements (one year each) whose final selection notices are spread evenly over the
last 400 days: those noticed in the last 31 days still await their guarantee, older ones are
active, suspended or completed. Then, timed with `run_guarantee_deadlines` (the task's code, in
process; each notice's e-mail task is queued on commit to an in-memory broker, as it is queued to
Redis in production, and sent later by a worker):

1. `first`: the first run ever (every agreement inside a reminder window gets its reminder: the
   catch-up case), for the day before TODAY;
2. `daily`: the next day's run (the steady state: the agreements entering each window and those
   reaching day 31, which are suspended through set_agreement_status one by one);
3. `repeat`: the same day again (idempotent: claims nothing, suspends nothing).

Baseline in the same run: ONE raw SQL SELECT of the same candidates (agreements awaiting a
guarantee due within 14 days or overdue, with the reminder kind each is due), fastest of --repeat.
Each phase restores the database state (SAVEPOINT) between repetitions and reports the fastest.
Results: bench/results/guarantee_deadlines-<time>.json.
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

TODAY = dt.date(2026, 11, 30)
SPREAD_DAYS = 400
TARGET_SECONDS = 10.0

BASELINE_SQL = """
SELECT a.id, a.guarantee_due_on,
       CASE WHEN a.guarantee_due_on < %(today)s THEN 'suspend'
            WHEN a.guarantee_due_on - %(today)s BETWEEN 8 AND 14 THEN 'd14'
            WHEN a.guarantee_due_on - %(today)s BETWEEN 2 AND 7 THEN 'd7'
            ELSE 'd1' END AS due_kind
  FROM agreements_agreement a
 WHERE a.status = 'awaiting_guarantee' AND a.guarantee_due_on <= %(today)s + 14
   AND NOT EXISTS (SELECT 1 FROM agreements_guaranteereminder r
                    WHERE r.agreement_id = a.id
                      AND r.kind = CASE WHEN a.guarantee_due_on < %(today)s THEN 'suspension'
                                        WHEN a.guarantee_due_on - %(today)s BETWEEN 8 AND 14 THEN 'd14'
                                        WHEN a.guarantee_due_on - %(today)s BETWEEN 2 AND 7 THEN 'd7'
                                        ELSE 'd1' END)
"""


def seed(n: int) -> None:
    from accounts.models import Institution, User
    from agreements.models import Agreement, AgreementYear
    from applications.models import Application
    from programs.models import Call, Program

    program = Program.objects.get(code="INV")
    call = Call.objects.create(
        title="bench guarantee", opens_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC), slots=n, budget_envelope_krw=10**12,
        status="closed",
    )  # fmt: skip
    call.programs.set([program])
    people = 2000
    insts = Institution.objects.bulk_create(
        [Institution(name=f"보증벤치-{i}", type="company", business_no=f"{i:010d}")
         for i in range(people)], batch_size=5000,
    )  # fmt: skip
    users = User.objects.bulk_create(
        [User(username=f"gb-{i}", password="!", role="applicant", institution=insts[i],
              email=f"gb-{i}@example.org") for i in range(people)], batch_size=5000,
    )  # fmt: skip
    apps = Application.objects.bulk_create([
        Application(call=call, program=program, lead_institution=insts[i % people],
                    applicant=users[i % people], title_ko=f"과제 {i}", city_grant_krw=400_000_000,
                    status="selected", receipt_no=f"INV-{i:06d}")
        for i in range(n)
    ], batch_size=5000)  # fmt: skip
    agreements = []
    for i, app in enumerate(apps):
        noticed = TODAY - dt.timedelta(days=1 + (i * SPREAD_DAYS) // n)  # 1…400 days ago
        age = (TODAY - noticed).days
        status = (
            "awaiting_guarantee" if age <= 31
            else "suspended" if i % 50 == 0 else "completed" if age > 380 else "active"
        )  # fmt: skip
        starts = noticed + dt.timedelta(days=45)
        agreements.append(Agreement(
            application=app, program=program, lead_institution=app.lead_institution,
            status=status, selection_notified_on=noticed,
            guarantee_due_on=noticed + dt.timedelta(days=30), starts_on=starts,
            ends_on=starts + dt.timedelta(days=364), city_grant_krw=400_000_000,
            applied_city_grant_krw=400_000_000, verify_code=f"GB{i:010d}",
        ))  # fmt: skip
    agreements = Agreement.objects.bulk_create(agreements, batch_size=5000)
    AgreementYear.objects.bulk_create([
        AgreementYear(agreement=a, year_no=1, starts_on=a.starts_on, ends_on=a.ends_on,
                      city_grant_krw=400_000_000)
        for a in agreements
    ], batch_size=5000)  # fmt: skip
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn, repeat: int, *, keep: bool = False):
    """Fastest of `repeat` runs, each rolled back to the same state (kept after the last if
    `keep`). Returns (seconds, queries, result of the fastest)."""
    from django.db import connection, transaction

    best = None
    for k in range(repeat):
        count = [0]

        def counter(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with transaction.atomic():
            sid = transaction.savepoint()
            with connection.execute_wrapper(counter):
                start = time.perf_counter()
                with transaction.atomic():
                    result = fn()
                    # on_commit callbacks (the notices' e-mail tasks) run at the end of the
                    # outermost block; run them here so their cost is counted.
                    callbacks = list(connection.run_on_commit)
                    connection.run_on_commit = [c for c in connection.run_on_commit
                                                if c not in callbacks]  # fmt: skip
                    for _sids, func, _robust in callbacks:
                        func()
                seconds = time.perf_counter() - start
            if best is None or seconds < best[0]:
                best = (seconds, count[0], result)
            if keep and k == repeat - 1:
                transaction.savepoint_commit(sid)
            else:
                transaction.savepoint_rollback(sid)
    return best


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--agreements", type=int, default=50_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_guarantee_bench"
        ),
    )
    args = p.parse_args(argv)
    # Notices' e-mails are queued for the workers (an in-memory broker here), not sent inline.
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    fresh_django(args.database_url)
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    from agreements.domain.guarantee_deadlines import run_guarantee_deadlines
    from agreements.models import Agreement

    t = time.perf_counter()
    seed(args.agreements)
    seed_s = time.perf_counter() - t
    yesterday = TODAY - dt.timedelta(days=1)

    def baseline(day):
        def fn():
            with connection.cursor() as cursor:
                cursor.execute(BASELINE_SQL, {"today": day})
                return len(cursor.fetchall())

        return fn

    out = {"agreements": args.agreements, "today": TODAY.isoformat(), "seed_s": round(seed_s, 1),
           "loadavg": os.getloadavg(), "target_s": TARGET_SECONDS, "phases": {}}  # fmt: skip
    for name, day, keep in (("first", yesterday, True), ("daily", TODAY, True),
                            ("repeat", TODAY, False)):  # fmt: skip
        base_s, _bq, candidates = timed(baseline(day), args.repeat)
        job_s, queries, run = timed(lambda d=day: run_guarantee_deadlines(today=d), args.repeat,
                                    keep=keep)  # fmt: skip
        out["phases"][name] = {
            "day": day.isoformat(), "job_s": round(job_s, 4), "queries": queries,
            "baseline_s": round(base_s, 4), "ratio": round(job_s / base_s, 1),
            "candidates": candidates, "reminders": run.reminders, "suspended": run.suspended,
            "within_target": job_s <= TARGET_SECONDS,
        }  # fmt: skip
        print(f"{name:7s} {day}  job {job_s:7.3f} s  ({queries} queries)  baseline SELECT "
              f"{base_s:.4f} s  ratio {job_s / base_s:6.1f}  reminders {run.reminders}  "
              f"suspended {run.suspended}")  # fmt: skip
    statuses = dict(Agreement.objects.values_list("status").annotate(
        n=__import__("django.db.models", fromlist=["Count"]).Count("id")))  # fmt: skip
    out["statuses"] = statuses
    print(f"agreements by status: {statuses}  load average {out['loadavg']}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"guarantee_deadlines-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(out, indent=2, default=str))
    print(f"→ {path}")
    return 0 if all(ph["within_target"] for ph in out["phases"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
