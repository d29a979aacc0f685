"""The daily guarantee deadline job: reminders D-14/D-7/D-1 exactly once, suspension on day 31
(Seoul dates) with the reason and a notice, and resumption once the guarantee is verified."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from accounts.enums import Role
from accounts.models import AuditEntry, Notice
from agreements.domain import guarantee_deadlines as job
from agreements.domain.guarantees import verify_guarantee
from agreements.enums import AgreementStatus as S
from agreements.models import GuaranteeReminder, ReminderKind
from agreements.tasks import guarantee_deadlines_daily
from tests.agreements.factories import agreement_for
from tests.agreements.guarantee_helpers import register
from tests.factories import UserFactory
from tests.postgres_only import needs_postgresql_sql

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue"), needs_postgresql_sql]
NOTICE = dt.date(2026, 9, 1)  # final selection notice → due 2026-10-01 (day 30)
DUE = dt.date(2026, 10, 1)


@pytest.fixture
def waiting():
    return agreement_for(status=S.AWAITING_GUARANTEE, selection_notified_on=NOTICE)


def notices(agreement):
    return Notice.objects.filter(recipient=agreement.application.applicant)


def state(agreement) -> str:
    agreement.refresh_from_db()
    return agreement.status


def test_due_date_is_selection_notice_plus_30_days(waiting):
    assert waiting.guarantee_due_on == DUE == NOTICE + dt.timedelta(days=30)


def test_day_30_is_not_suspended_day_31_is(waiting):
    job.run_guarantee_deadlines(today=DUE)  # day 30: the last day
    assert state(waiting) == S.AWAITING_GUARANTEE
    run = job.run_guarantee_deadlines(today=DUE + dt.timedelta(days=1))  # day 31
    assert run.suspended == 1
    assert state(waiting) == S.SUSPENDED
    assert "30일 이내" in waiting.status_reason and "2026-10-01" in waiting.status_reason
    notice = notices(waiting).latest("id")
    assert "30일 이내" in notice.body
    assert (
        AuditEntry.objects.filter(
            action="agreement.status", object_id=str(waiting.pk), after={"status": "suspended"}
        ).count()
        == 1
    )
    assert GuaranteeReminder.objects.filter(agreement=waiting, kind="suspension").exists()


@pytest.mark.parametrize(
    ("utc", "seoul_date"),
    [
        (dt.datetime(2026, 10, 1, 14, 59, tzinfo=dt.UTC), DUE),  # 23:59 KST on day 30
        (dt.datetime(2026, 10, 1, 15, 0, tzinfo=dt.UTC), DUE + dt.timedelta(days=1)),  # 00:00
    ],
)
def test_the_task_uses_the_seoul_date(waiting, utc, seoul_date):
    with mock.patch.object(timezone, "now", return_value=utc):
        assert job.seoul_today() == seoul_date
        result = guarantee_deadlines_daily.apply().get()
    assert result["today"] == seoul_date.isoformat()
    expected = S.AWAITING_GUARANTEE if seoul_date == DUE else S.SUSPENDED
    assert state(waiting) == expected


def test_reminders_d14_d7_d1_each_sent_once_when_the_job_runs_twice(waiting):
    sent = {}
    for days_left in range(20, -1, -1):
        today = DUE - dt.timedelta(days=days_left)
        for _ in range(2):  # the job runs twice the same day
            run = job.run_guarantee_deadlines(today=today)
            for kind, n in run.reminders.items():
                if n:
                    sent.setdefault(kind, []).append(days_left)
    assert sent == {"d14": [14], "d7": [7], "d1": [1]}
    subjects = list(notices(waiting).order_by("id").values_list("subject", flat=True))
    assert len(subjects) == 3
    assert ["D-14" in subjects[0], "D-7" in subjects[1], "D-1" in subjects[2]] == [True] * 3
    assert GuaranteeReminder.objects.filter(agreement=waiting).count() == 3
    assert state(waiting) == S.AWAITING_GUARANTEE


def test_a_missed_day_is_caught_up_with_the_real_number_of_days(waiting):
    run = job.run_guarantee_deadlines(today=DUE - dt.timedelta(days=12))
    assert run.reminders == {"d14": 1, "d7": 0, "d1": 0}
    assert "D-12" in notices(waiting).get().subject


def test_agreements_not_awaiting_a_guarantee_get_nothing():
    active = agreement_for(status=S.ACTIVE, selection_notified_on=NOTICE)
    signing = agreement_for(status=S.AWAITING_SIGNATURES, selection_notified_on=NOTICE)
    for today in (DUE - dt.timedelta(days=14), DUE + dt.timedelta(days=5)):
        run = job.run_guarantee_deadlines(today=today)
        assert run.suspended == 0 and sum(run.reminders.values()) == 0
    assert state(active) == S.ACTIVE and state(signing) == S.AWAITING_SIGNATURES
    assert not GuaranteeReminder.objects.exists()


def test_suspension_runs_once(waiting):
    late = DUE + dt.timedelta(days=1)
    assert job.run_guarantee_deadlines(today=late).suspended == 1
    count = notices(waiting).count()
    assert job.run_guarantee_deadlines(today=late).suspended == 0
    assert job.run_guarantee_deadlines(today=late + dt.timedelta(days=1)).suspended == 0
    assert notices(waiting).count() == count


def test_verified_guarantee_lifts_the_suspension(waiting):
    job.run_guarantee_deadlines(today=DUE + dt.timedelta(days=1))
    assert state(waiting) == S.SUSPENDED
    guarantee = register(waiting, waiting.application.applicant)
    verify_guarantee(guarantee=guarantee, actor=UserFactory(role=Role.STAFF))
    assert state(waiting) == S.AWAITING_SIGNATURES
    assert "중지 해제" in waiting.status_reason
    assert not GuaranteeReminder.objects.filter(agreement=waiting, kind="suspension").exists()


def test_suspension_for_another_reason_is_not_lifted_by_a_guarantee(waiting):
    from agreements.domain.state import set_agreement_status

    set_agreement_status(agreement=waiting, status=S.SUSPENDED, actor=None, reason="감사 중")
    guarantee = register(waiting, waiting.application.applicant)
    verify_guarantee(guarantee=guarantee, actor=UserFactory(role=Role.STAFF))
    assert state(waiting) == S.SUSPENDED


def test_verified_before_the_deadline_is_never_suspended(waiting):
    verify_guarantee(
        guarantee=register(waiting, waiting.application.applicant),
        actor=UserFactory(role=Role.STAFF),
    )
    job.run_guarantee_deadlines(today=DUE + dt.timedelta(days=3))
    assert state(waiting) == S.AWAITING_SIGNATURES
    assert not GuaranteeReminder.objects.filter(kind=ReminderKind.SUSPENSION).exists()


def test_beat_schedule_row_exists_once_and_is_editable(beat_schedules):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="agreements.tasks.guarantee_deadlines_daily")
    assert (task.crontab.hour, task.crontab.minute) == ("6", "0")
    assert str(task.crontab.timezone) == "Asia/Seoul" and task.enabled


def test_overdue_but_complete_under_the_catalogue_rule_goes_on_to_signing():
    agreement = agreement_for(status=S.AWAITING_GUARANTEE, selection_notified_on=NOTICE, years=2)
    verify_guarantee(
        guarantee=register(agreement, agreement.application.applicant, 1),
        actor=UserFactory(role=Role.STAFF),
    )
    assert state(agreement) == S.AWAITING_GUARANTEE  # default: every year before signing
    program = agreement.program
    program.post_award = {**(program.post_award or {}), "guarantee_years_at_signing": "first"}
    program.save(update_fields=["post_award"])
    run = job.run_guarantee_deadlines(today=DUE + dt.timedelta(days=1))
    assert (run.suspended, run.resumed) == (0, 1)
    assert state(agreement) == S.AWAITING_SIGNATURES


def test_the_page_shows_the_suspension_reason(waiting, client):
    job.run_guarantee_deadlines(today=DUE + dt.timedelta(days=1))
    client.force_login(waiting.application.applicant)
    from django.urls import reverse

    html = client.get(reverse("agreements:guarantees", args=[waiting.pk])).content.decode()
    assert 'id="suspension-reason"' in html and "30일 이내" in html
    assert 'id="guarantee-form"' in html  # a policy can still be registered to lift it


def test_reminder_notice_links_to_the_guarantee_page(waiting):
    from django.urls import reverse

    job.run_guarantee_deadlines(today=DUE - dt.timedelta(days=7))
    link = notices(waiting).get().link
    assert link.endswith(f"/agreements/{waiting.pk}/guarantees/")
    assert reverse("agreements:guarantees", args=[waiting.pk]).endswith(link.split("/", 2)[-1])
