"""A real Celery worker on Redis against the PostgreSQL test database; a worker killed mid-run.

Skipped on SQLite or without Redis only outside CI (in CI they must run).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from accounts.models import AuditEntry
from evaluation.screening.domain.runs import process_run, resume_run, start_run
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.screening.factories import call_2023, eligible_application

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
_BASE_BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _worker_broker(base: str) -> str:
    """One Redis database per xdist worker (gw0 → the base number, gw1 → one below, …), so two
    workers, or two runs with different bases, never flush each other's queue."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    head, _, db = base.rpartition("/")
    number = int(db) if db.isdigit() else 15
    return f"{head}/{(number - index) % 16}"


BROKER = _worker_broker(_BASE_BROKER)


def _skip_or_fail(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _drop_pools(app) -> None:
    """Forget connections made for the previous broker URL (as Celery does after a fork): the
    producer pool keeps the eager tests' memory:// connection otherwise, and tasks sent from this
    process would never reach Redis."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path):
    """Yields start(**env) → Popen of `celery -A config worker -P solo` on the test database."""
    if connection.vendor != "postgresql":
        _skip_or_fail("needs PostgreSQL: the worker process must see the test database")
    import redis

    try:
        redis.Redis.from_url(BROKER).flushdb()
    except redis.exceptions.ConnectionError:
        _skip_or_fail(f"Redis not reachable at {BROKER}")
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    _drop_pools(app)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    db = settings.DATABASES["default"]
    workers: list[subprocess.Popen] = []

    def start(**extra_env) -> subprocess.Popen:
        env = {
            **os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": BROKER, "CELERY_RESULT_BACKEND": BROKER,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # Celery's Django fix-up runs every Django system check when a worker starts: ~4 % of
            # the suite's CPU over the workers the tests start (profiled). Production workers keep
            # them; `manage.py check` is tested on its own.
            "CELERY_SKIP_CHECKS": "1",
            **{k: str(v) for k, v in extra_env.items()},
        }  # fmt: skip
        log = open(tmp_path / f"worker{len(workers)}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-c", "1",
             "--without-mingle", "--without-gossip", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        workers.append(proc)
        return proc

    yield start
    for proc in workers:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    app.conf.task_always_eager, app.conf.broker_url = saved
    _drop_pools(app)


def wait_for(predicate, timeout: float = 120.0, what: str = ""):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def snapshot(run_id: int):
    rows = ScreeningResult.objects.filter(run_id=run_id).values_list(
        "application_id", "outcome", "rules"
    )
    return sorted((a, o, str(r)) for a, o, r in rows)


def test_run_on_real_worker(catalogue, celery_worker):
    call = call_2023()
    apps = [eligible_application(call=call) for _ in range(4)]
    apps[0].lead_institution.recommendations.update(investment_krw=90_000_000)
    celery_worker()
    run = start_run(call=call, actor=None)
    wait_for(lambda: ScreeningRun.objects.get(pk=run.pk).status == "done", what="run done")
    run.refresh_from_db()
    assert run.processed == 4
    assert ScreeningResult.objects.get(run=run, application=apps[0]).outcome == "fail"
    assert ScreeningResult.objects.filter(run=run, outcome="pass").count() == 3


def test_worker_killed_mid_run_resumes(catalogue, celery_worker):
    call = call_2023()
    apps = [eligible_application(call=call) for _ in range(24)]
    for app in apps[::5]:
        app.lead_institution.recommendations.update(operator_share_pct=31)
    first = celery_worker(SCREENING_BATCH_SIZE=3, SCREENING_TEST_DELAY_SECONDS=1)
    run = start_run(call=call, actor=None)
    wait_for(lambda: ScreeningRun.objects.get(pk=run.pk).processed >= 6, what="two batches")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    run.refresh_from_db()
    assert run.status == "running" and 6 <= run.processed < 24
    done_before = set(ScreeningResult.objects.filter(run=run).values_list("pk", flat=True))

    celery_worker(SCREENING_BATCH_SIZE=3)
    resume_run(run=run)
    wait_for(lambda: ScreeningRun.objects.get(pk=run.pk).status == "done", what="resumed run done")
    run.refresh_from_db()
    assert run.processed == 24
    results = ScreeningResult.objects.filter(run=run)
    assert results.count() == 24
    assert sorted(results.values_list("application_id", flat=True)) == sorted(a.pk for a in apps)
    assert done_before <= set(
        results.values_list("pk", flat=True)
    )  # finished work kept, not redone
    assert (
        AuditEntry.objects.filter(action="screening.run.finish", object_id=str(run.pk)).count() == 1
    )
    assert (
        AuditEntry.objects.filter(action="screening.run.start", object_id=str(run.pk)).count() == 1
    )

    reference = ScreeningRun.objects.create(call=call, duplicate_threshold=run.duplicate_threshold)
    process_run(run_id=reference.pk)
    assert snapshot(reference.pk) == snapshot(run.pk)
    assert results.filter(outcome="fail").count() == 5
