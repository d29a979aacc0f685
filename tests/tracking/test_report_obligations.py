"""The daily outcome-report job (seed 000 Ⅴ): 5 yearly reports after a successful completion,
none after a failure, idempotent, reminders once, overdue → screening obligation naming it."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Notice
from evaluation.screening.models import Obligation
from tests.applications.factories import complete_application, make_call
from tests.postgres_only import needs_postgresql_sql
from tests.screening.helpers import check
from tests.tracking.helpers import completed_project, member
from tracking.domain.obligations import run_report_obligations
from tracking.domain.reports import submit
from tracking.models import ReportStatus, TrackingReminder, TrackingReport

pytestmark = [pytest.mark.django_db, needs_postgresql_sql]


def test_completed_on_31_december_gets_exactly_five_yearly_reports(catalogue):
    project = completed_project(ends_on=dt.date(2025, 12, 31))
    for year in range(2026, 2033):
        run_report_obligations(today=dt.date(year, 1, 2))
    reports = list(project.tracking_reports.order_by("report_year_no"))
    assert [r.report_year_no for r in reports] == [1, 2, 3, 4, 5]
    assert [r.covers_year for r in reports] == [2026, 2027, 2028, 2029, 2030]
    assert [r.due_on for r in reports] == [dt.date(y + 1, 3, 31) for y in range(2026, 2031)]
    assert all(r.institution_id == project.lead_institution_id for r in reports)


def test_failure_is_not_tracked(catalogue):
    completed_project(result="failure")
    completed_project(result="")
    for year in range(2026, 2032):
        run_report_obligations(today=dt.date(year, 1, 2))
    assert TrackingReport.objects.count() == 0


@pytest.mark.parametrize("result", ["excellent", "normal", "poor"])
def test_every_success_grade_is_tracked(catalogue, result):
    project = completed_project(result=result)
    run_report_obligations(today=dt.date(2027, 1, 2))
    assert project.tracking_reports.count() == 1


def test_run_twice_creates_no_duplicate_report_nor_reminder(catalogue):
    project = completed_project()
    user = member(project)
    run_report_obligations(today=dt.date(2027, 1, 2))
    for day in (
        dt.date(2027, 3, 5),
        dt.date(2027, 3, 5),
        dt.date(2027, 3, 26),
        dt.date(2027, 3, 27),
    ):
        first = run_report_obligations(today=day)
    assert first.opened == 0 and first.reminders == {"d30": 0, "d7": 0}
    assert TrackingReport.objects.count() == 1
    assert sorted(TrackingReminder.objects.values_list("kind", flat=True)) == ["d30", "d7"]
    assert Notice.objects.filter(recipient=user).count() == 2


def test_overdue_becomes_the_obligation_screening_reads_and_filing_fulfils_it(catalogue):
    project = completed_project()
    user = member(project)
    run_report_obligations(today=dt.date(2027, 1, 2))
    late = run_report_obligations(today=dt.date(2027, 4, 1))
    again = run_report_obligations(today=dt.date(2027, 4, 1))
    assert late.overdue == 1 and again.overdue == 0
    report = project.tracking_reports.get()
    assert report.status == ReportStatus.OVERDUE
    ob = Obligation.objects.get()
    assert ob.kind == "report" and ob.institution_id == project.lead_institution_id
    assert report.code in ob.description and ob.due_on == dt.date(2027, 3, 31)
    assert ob.fulfilled_on is None
    assert Notice.objects.filter(recipient=user, subject__contains="overdue").count() == 1
    submit(report=report, actor=member(project))
    ob.refresh_from_db()
    assert ob.fulfilled_on == timezone.localdate()


def test_no_retroactive_reports_for_projects_completed_long_ago(catalogue):
    completed_project(ends_on=dt.date(2015, 6, 30))
    run_report_obligations(today=dt.date(2027, 1, 2))
    assert TrackingReport.objects.count() == 0


def test_overdue_report_fails_the_next_application_naming_it(catalogue):
    today = timezone.localdate()
    project = completed_project(ends_on=dt.date(today.year - 3, 12, 31))
    run_report_obligations(today=dt.date(today.year - 1, 1, 2))
    run_report_obligations(today=dt.date(today.year - 1, 4, 1))
    report = project.tracking_reports.get()
    now = timezone.now()
    call = make_call(opens_at=now - dt.timedelta(days=5), closes_at=now + dt.timedelta(days=20))
    app = complete_application(applicant=member(project), call=call)
    result = check(app, "unfulfilled_obligations")
    assert result["outcome"] == "fail"
    assert report.code in result["reason_ko"] and report.code in result["reason_en"]
    submit(report=report, actor=member(project))
    assert check(app, "unfulfilled_obligations")["outcome"] == "pass"


def test_the_daily_job_is_a_beat_task_editable_in_the_admin(beat_schedules):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="tracking.tasks.report_obligations_daily")
    assert task.enabled and task.crontab.hour == "6" and str(task.crontab.timezone) == "Asia/Seoul"
