"""Two workers run the daily outcome-report job at the same moment on PostgreSQL: each report is
opened once, each reminder claimed and sent once, each overdue report written once."""

import datetime as dt
from unittest import mock

import pytest

from accounts.models import Notice
from evaluation.screening.models import Obligation
from programs.domain.catalogue import load_catalogue
from tests.races import needs_postgresql, race, slow
from tests.tracking.helpers import completed_project, member
from tracking.domain import obligations
from tracking.domain.obligations import run_report_obligations
from tracking.models import TrackingReminder, TrackingReport


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_open_remind_and_mark_once():
    needs_postgresql()
    load_catalogue()
    projects = [completed_project() for _ in range(3)]
    users = [member(p) for p in projects]
    day = dt.date(2027, 1, 2)
    outcomes = race(
        lambda: run_report_obligations(today=day), lambda: run_report_obligations(today=day)
    )
    assert all(exc is None for _v, exc in outcomes), outcomes
    assert sum(v.opened for v, _e in outcomes) == 3 and TrackingReport.objects.count() == 3
    remind = dt.date(2027, 3, 5)
    # The second claim waits on the first one's uncommitted rows, then inserts nothing.
    with mock.patch("agreements.domain.guarantee_deadlines._notify_many",
                    slow(__import__("agreements.domain.guarantee_deadlines",
                                    fromlist=["_notify_many"])._notify_many)):  # fmt: skip
        outcomes = race(lambda: obligations.run_report_obligations(today=remind),
                        lambda: obligations.run_report_obligations(today=remind))  # fmt: skip
    assert all(exc is None for _v, exc in outcomes), outcomes
    assert sum(v.reminders["d30"] for v, _e in outcomes) == 3
    assert TrackingReminder.objects.count() == 3
    assert all(Notice.objects.filter(recipient=u).count() == 1 for u in users)
    late = dt.date(2027, 4, 1)
    outcomes = race(
        lambda: run_report_obligations(today=late), lambda: run_report_obligations(today=late)
    )
    assert sum(v.overdue for v, _e in outcomes) == 3
    assert Obligation.objects.filter(kind="report").count() == 3
