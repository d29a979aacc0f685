"""The daily guarantee job on a real Celery worker (Redis broker, the PostgreSQL test database):
run twice — one after the other and by two workers at once — each reminder goes out once and the
overdue agreement is suspended once. Skipped without PostgreSQL/Redis only outside CI."""

import datetime as dt

import pytest

from accounts.models import Notice
from agreements.enums import AgreementStatus as S
from agreements.models import GuaranteeReminder
from tests.agreements.factories import agreement_for
from tests.screening.test_worker import BROKER, celery_worker, wait_for  # noqa: F401

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
TODAY = dt.date(2026, 9, 24)  # due 2026-10-01 → D-7


def _results_backend():
    from celery.backends.redis import RedisBackend

    from config.celery import app

    return RedisBackend(app=app, url=BROKER)


def _run_and_wait(backend, *, times: int) -> list[dict]:
    from agreements.tasks import guarantee_deadlines_daily

    ids = [guarantee_deadlines_daily.delay(TODAY.isoformat()).id for _ in range(times)]

    def finished():
        metas = [backend.get_task_meta(i) for i in ids]
        return metas if all(m["status"] in ("SUCCESS", "FAILURE") for m in metas) else None

    metas = wait_for(finished, what="guarantee deadline tasks")
    assert [m["status"] for m in metas] == ["SUCCESS"] * times, metas
    return [m["result"] for m in metas]


def test_reminders_sent_once_when_the_job_runs_twice_on_workers(catalogue, celery_worker):  # noqa: F811
    remind = agreement_for(status=S.AWAITING_GUARANTEE, selection_notified_on=dt.date(2026, 9, 1))
    late = agreement_for(status=S.AWAITING_GUARANTEE, selection_notified_on=dt.date(2026, 8, 20))
    celery_worker()
    celery_worker()  # two workers: the two runs may overlap
    backend = _results_backend()
    results = _run_and_wait(backend, times=2)
    assert sorted(r["reminders"]["d7"] for r in results) == [0, 1]
    assert sorted(r["suspended"] for r in results) == [0, 1]
    results = _run_and_wait(backend, times=1)  # and once more, later the same day
    assert results[0]["reminders"]["d7"] == 0 and results[0]["suspended"] == 0

    assert GuaranteeReminder.objects.filter(agreement=remind).count() == 1
    reminders = Notice.objects.filter(recipient=remind.application.applicant)
    assert reminders.count() == 1 and "D-7" in reminders.get().subject
    late.refresh_from_db()
    assert late.status == S.SUSPENDED
    assert Notice.objects.filter(recipient=late.application.applicant).count() == 1
