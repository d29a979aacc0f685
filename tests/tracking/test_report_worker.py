"""The daily outcome-report job on real Celery workers (Redis broker, the PostgreSQL test
database): two runs at once open each report once and send each reminder once."""

import datetime as dt

import pytest

from accounts.models import Notice
from tests.agreements.test_guarantee_worker import _results_backend
from tests.screening.test_worker import celery_worker, wait_for  # noqa: F401
from tests.tracking.helpers import completed_project, member
from tracking.models import TrackingReminder, TrackingReport

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _run(backend, day: dt.date, times: int) -> list[dict]:
    from tracking.tasks import report_obligations_daily

    ids = [report_obligations_daily.delay(day.isoformat()).id for _ in range(times)]

    def finished():
        metas = [backend.get_task_meta(i) for i in ids]
        return metas if all(m["status"] in ("SUCCESS", "FAILURE") for m in metas) else None

    metas = wait_for(finished, what="outcome report tasks")
    assert [m["status"] for m in metas] == ["SUCCESS"] * times, metas
    return [m["result"] for m in metas]


def test_two_workers_open_and_remind_once(catalogue, celery_worker):  # noqa: F811
    project = completed_project()
    user = member(project)
    celery_worker()
    celery_worker()
    backend = _results_backend()
    opened = _run(backend, dt.date(2027, 1, 2), times=2)
    assert sorted(r["opened"] for r in opened) == [0, 1]
    reminded = _run(backend, dt.date(2027, 3, 5), times=2)
    assert sorted(r["reminders"]["d30"] for r in reminded) == [0, 1]
    assert TrackingReport.objects.count() == 1 and TrackingReminder.objects.count() == 1
    assert Notice.objects.filter(recipient=user).count() == 1
