"""The daily guarantee-insurance deadline job (seed 002 §1: due within 30 days of the final
selection notice; none verified by then → the agreement is suspended, 협약 중지).

Run once a day by Celery beat (agreements.tasks.guarantee_deadlines_daily, 06:00 Asia/Seoul; the
schedule is a django-celery-beat row editable in the admin). Dates are Seoul calendar dates.

- Reminders D-14, D-7 and D-1 before ``guarantee_due_on``, each **exactly once** per agreement: one
  ``INSERT … SELECT … ON CONFLICT (agreement, kind) DO NOTHING RETURNING`` per kind claims the
  reminders of every agreement in the window at once; a second or concurrent run claims nothing
  (the second insert waits on the unique index for the first and then does nothing), so it sends
  nothing. The claim and its notices commit together.
  A reminder's window runs until the next one (D-14: 14…8 days left, D-7: 7…2, D-1: 1…0), so a
  day the job did not run is caught up the next day; the notice states the real number of days.
- Day 31 (today > guarantee_due_on) still awaiting a guarantee: suspended through
  ``set_agreement_status`` (its conditional UPDATE makes a repeat a no-op) with the reason, which
  its notice carries; a 'suspension' claim row marks the suspension as the guarantee's, so a later
  verification lifts it (agreements.domain.guarantees.advance_if_complete).
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.audit import send_notice
from agreements.domain.guarantees import advance_if_complete, guarantees_complete
from agreements.domain.state import set_agreement_status
from agreements.enums import AgreementStatus as S
from agreements.models import Agreement, GuaranteeReminder, GuaranteeStatus, ReminderKind
from config.locking import AlreadyDecided, lock

SEOUL = ZoneInfo("Asia/Seoul")
# kind → (fewest, most) days left before the due date in which the reminder is due.
REMINDER_WINDOWS: dict[str, tuple[int, int]] = {
    ReminderKind.D14: (8, 14),
    ReminderKind.D7: (2, 7),
    ReminderKind.D1: (0, 1),
}
SUSPENSION_REASON = (
    "최종 선정통보일로부터 30일 이내에 지급이행보증보험증권이 확인되지 않아 협약을 중지합니다"
    "(납부기한 {due:%Y-%m-%d}). / No payment-guarantee insurance was verified within 30 days of "
    "the final selection notice (due {due:%Y-%m-%d}): the agreement is suspended."
)


@dataclass
class DeadlineRun:
    today: dt.date
    reminders: dict[str, int] = field(default_factory=dict)
    suspended: int = 0
    resumed: int = 0

    def as_dict(self) -> dict:
        return {**asdict(self), "today": self.today.isoformat()}


def seoul_today() -> dt.date:
    return timezone.localdate(timezone=SEOUL)


def _claim(*, kind: str, today: dt.date, now: dt.datetime) -> list[tuple[int, dt.date]]:
    """Claim `kind` for every agreement awaiting a guarantee whose due date is in the window;
    returns (agreement id, due date) of the rows this call inserted."""
    fewest, most = REMINDER_WINDOWS[kind]
    reminder, agreement = GuaranteeReminder._meta.db_table, Agreement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {reminder} (agreement_id, kind, due_on, sent_at)
            SELECT a.id, %s, a.guarantee_due_on, %s FROM {agreement} a
             WHERE a.status = %s AND a.guarantee_due_on BETWEEN %s AND %s
            ON CONFLICT (agreement_id, kind) DO NOTHING
            RETURNING agreement_id, due_on
            """,  # noqa: S608 - table names from the models, values bound
            [kind, now, S.AWAITING_GUARANTEE, today + dt.timedelta(days=fewest),
             today + dt.timedelta(days=most)],
        )  # fmt: skip
        return cursor.fetchall()


def _remind(*, kind: str, today: dt.date, now: dt.datetime) -> int:
    with transaction.atomic():
        claimed = dict(_claim(kind=kind, today=today, now=now))
        if not claimed:
            return 0
        agreements = Agreement.objects.filter(pk__in=claimed).select_related(
            "application__applicant"
        ).only("pk", "verify_code", "guarantee_due_on", "application__applicant")  # fmt: skip
        for agreement in agreements:
            due = claimed[agreement.pk]
            days = (due - today).days
            send_notice(
                recipient=agreement.application.applicant,
                subject=_("Guarantee insurance due in %(days)s day(s) (D-%(days)s): agreement "
                          "%(code)s") % {"days": days, "code": agreement.verify_code},
                body=_("Register your payment-guarantee insurance policy for every agreement year "
                       "by %(due)s; SBA verifies it. Without a verified policy the agreement is "
                       "suspended the day after.") % {"due": due.isoformat()},
            )  # fmt: skip
        return len(claimed)


def _claim_suspension(*, agreement: Agreement, now: dt.datetime) -> None:
    """Mark the suspension as the guarantee's (one statement; a re-suspension refreshes it)."""
    table = GuaranteeReminder._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (agreement_id, kind, due_on, sent_at) VALUES (%s, %s, %s, %s)
            ON CONFLICT (agreement_id, kind)
            DO UPDATE SET due_on = EXCLUDED.due_on, sent_at = EXCLUDED.sent_at
            """,  # noqa: S608 - table name from the model, values bound
            [agreement.pk, ReminderKind.SUSPENSION, agreement.guarantee_due_on, now],
        )


def _suspend_one(
    *, agreement_id: int, today: dt.date, now: dt.datetime, maybe_complete: bool
) -> str:
    """'suspended', 'resumed' (all guarantees were in fact verified) or '' (someone else acted)."""
    with transaction.atomic():
        try:
            agreement = lock(Agreement.objects.select_related("application__applicant", "program"),
                             agreement_id)  # fmt: skip
        except AlreadyDecided:
            return ""
        if agreement.status != S.AWAITING_GUARANTEE or agreement.guarantee_due_on >= today:
            return ""
        if maybe_complete and guarantees_complete(agreement):
            advance_if_complete(agreement=agreement, actor=None)
            return "resumed"
        set_agreement_status(
            agreement=agreement, status=S.SUSPENDED, actor=None,
            reason=SUSPENSION_REASON.format(due=agreement.guarantee_due_on),
        )  # fmt: skip
        _claim_suspension(agreement=agreement, now=now)
        return "suspended"


def run_guarantee_deadlines(*, today: dt.date, now: dt.datetime | None = None) -> DeadlineRun:
    """Send the due reminders and suspend the agreements past day 30. Idempotent: running it
    again the same day (or at the same time) sends and changes nothing more."""
    now = now or timezone.now()
    run = DeadlineRun(today=today)
    for kind in REMINDER_WINDOWS:
        run.reminders[kind] = _remind(kind=kind, today=today, now=now)
    overdue = Agreement.objects.filter(status=S.AWAITING_GUARANTEE, guarantee_due_on__lt=today)
    ids = list(overdue.values_list("pk", flat=True))
    # Only those with a verified policy can turn out complete (one query for all of them).
    with_verified = set(
        overdue.filter(guarantees__status=GuaranteeStatus.VERIFIED).values_list("pk", flat=True)
    )
    for agreement_id in ids:
        outcome = _suspend_one(
            agreement_id=agreement_id, today=today, now=now,
            maybe_complete=agreement_id in with_verified,
        )  # fmt: skip
        run.suspended += outcome == "suspended"
        run.resumed += outcome == "resumed"
    return run
