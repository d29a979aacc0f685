"""The daily guarantee-insurance deadline job (seed 002 §1: due within 30 days of the final
selection notice; none verified by then → the agreement is suspended, 협약 중지).

Run once a day by Celery beat (agreements.tasks.guarantee_deadlines_daily, 06:00 Asia/Seoul; the
schedule is a django-celery-beat row editable in the admin). Dates are Seoul calendar dates.

- Reminders D-14, D-7 and D-1 before ``guarantee_due_on``, each **exactly once** per agreement: one
  ``INSERT … SELECT … ON CONFLICT (agreement, kind) DO NOTHING RETURNING`` per kind claims the
  reminders of every agreement in the window at once; a second or concurrent run claims nothing
  (the second insert waits on the unique index for the first and then does nothing), so it sends
  nothing. The claim and its notices commit together; the statement returns each recipient, and
  the notices are written with one INSERT (e-mails queued on commit, as send_notice does).
  A reminder's window runs until the next one (D-14: 14…8 days left, D-7: 7…2, D-1: 1…0), so a
  day the job did not run is caught up the next day; the notice states the real number of days.
- Day 31 (today > guarantee_due_on) still awaiting a guarantee: suspended through
  ``set_agreement_status`` (its conditional UPDATE makes a repeat a no-op) with the reason, which
  its notice carries; chunks of agreements are locked at once (``FOR UPDATE``: a concurrent run
  waits, then skips the rows that changed); a 'suspension' claim row marks the suspension as the guarantee's, so a later
  verification lifts it (agreements.domain.guarantees.advance_if_complete).
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import partial
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.notices import notice_link
from accounts.models import Notice, User
from agreements.domain.guarantees import advance_if_complete, guarantees_complete
from agreements.domain.state import set_agreement_status
from agreements.enums import AgreementStatus as S
from agreements.models import Agreement, GuaranteeReminder, GuaranteeStatus, ReminderKind
from applications.models import Application

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


def _claim(*, kind: str, today: dt.date, now: dt.datetime) -> list[tuple]:
    """Claim `kind` for every agreement awaiting a guarantee whose due date is in the window, in
    one statement; returns (agreement id, due date, verify code, applicant id, has e-mail) of the
    rows this call inserted (none when another run claimed them first)."""
    fewest, most = REMINDER_WINDOWS[kind]
    reminder, agreement = GuaranteeReminder._meta.db_table, Agreement._meta.db_table
    application, user = Application._meta.db_table, User._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH claimed AS (
                INSERT INTO {reminder} (agreement_id, kind, due_on, sent_at)
                SELECT a.id, %s, a.guarantee_due_on, %s FROM {agreement} a
                 WHERE a.status = %s AND a.guarantee_due_on BETWEEN %s AND %s
                ON CONFLICT (agreement_id, kind) DO NOTHING
                RETURNING agreement_id, due_on
            )
            SELECT c.agreement_id, c.due_on, a.verify_code, ap.applicant_id, u.email <> ''
              FROM claimed c JOIN {agreement} a ON a.id = c.agreement_id
              JOIN {application} ap ON ap.id = a.application_id
              JOIN {user} u ON u.id = ap.applicant_id
             ORDER BY c.agreement_id
            """,  # noqa: S608 - table names from the models, values bound
            [kind, now, S.AWAITING_GUARANTEE, today + dt.timedelta(days=fewest),
             today + dt.timedelta(days=most)],
        )  # fmt: skip
        return cursor.fetchall()


def _notify_many(notices: list[tuple[int, bool, str, str, str]]) -> None:
    """send_notice for many recipients at once: (recipient id, has e-mail, subject, body, link)
    → one INSERT of the in-portal notices; each e-mail is queued once the transaction commits.
    (No event key: the claim row already makes each reminder once.)"""
    from accounts.tasks import email_notice

    created = Notice.objects.bulk_create(
        [Notice(recipient_id=r, subject=subject[:200], body=body, link=link[:300])
         for r, _m, subject, body, link in notices],
        batch_size=1000,
    )  # fmt: skip
    for notice, (_r, has_email, *_rest) in zip(created, notices, strict=True):
        if has_email:
            transaction.on_commit(partial(email_notice.delay, notice.pk))


def _remind(*, kind: str, today: dt.date, now: dt.datetime) -> int:
    """The claim and its notices commit together (a failure leaves nothing claimed)."""
    with transaction.atomic():
        claimed = _claim(kind=kind, today=today, now=now)
        notices = []
        for pk, due, code, applicant_id, has_email in claimed:
            days = (due - today).days
            notices.append((
                applicant_id, has_email,
                _("Guarantee insurance due in %(days)s day(s) (D-%(days)s): agreement %(code)s")
                % {"days": days, "code": code},
                _("Register your payment-guarantee insurance policy for every agreement year by "
                  "%(due)s; SBA verifies it. Without a verified policy the agreement is suspended "
                  "the day after.") % {"due": due.isoformat()},
                notice_link("agreements:guarantees", pk),
            ))  # fmt: skip
        _notify_many(notices)
        return len(claimed)


def _suspend_chunk(
    *, ids: list[int], today: dt.date, now: dt.datetime, with_verified: set[int]
) -> tuple[int, int]:
    """Suspend (or, when in fact covered, send on to signing) one chunk of overdue agreements in
    one transaction: all rows locked at once (a concurrent run waits, then finds them changed and
    skips them), each moved by set_agreement_status (audit and notice with the reason), and the
    suspensions marked as the guarantee's in one upsert."""
    suspended, resumed = [], 0
    with transaction.atomic():
        rows = (
            Agreement.objects.select_related("application__applicant", "program")
            .select_for_update(of=("self",))
            .filter(pk__in=ids, status=S.AWAITING_GUARANTEE, guarantee_due_on__lt=today)
            .order_by("pk")
        )
        for agreement in rows:
            if agreement.pk in with_verified and guarantees_complete(agreement):
                resumed += advance_if_complete(agreement=agreement, actor=None)
                continue
            set_agreement_status(
                agreement=agreement, status=S.SUSPENDED, actor=None,
                reason=SUSPENSION_REASON.format(due=agreement.guarantee_due_on),
            )  # fmt: skip
            suspended.append(agreement)
        GuaranteeReminder.objects.bulk_create(
            [GuaranteeReminder(agreement=a, kind=ReminderKind.SUSPENSION,
                               due_on=a.guarantee_due_on, sent_at=now) for a in suspended],
            update_conflicts=True, unique_fields=["agreement", "kind"],
            update_fields=["due_on", "sent_at"],
        )  # fmt: skip
    return len(suspended), resumed


SUSPEND_CHUNK = 500


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
    for k in range(0, len(ids), SUSPEND_CHUNK):
        suspended, resumed = _suspend_chunk(
            ids=ids[k : k + SUSPEND_CHUNK], today=today, now=now, with_verified=with_verified
        )
        run.suspended += suspended
        run.resumed += resumed
    return run
