"""The daily outcome-report job (추적조사, seed 000 Ⅴ): a project whose final result is a success
(excellent / normal / poor) files one commercialisation report (사업화 현황 보고서) a year for the
5 years after its completion; a failed project is not tracked.

Set-based and idempotent (run by Celery beat, tracking.tasks.report_obligations_daily, 06:20 KST;
the schedule is a django-celery-beat row editable in the admin):

1. **Open**: one ``INSERT … SELECT … FROM project × generate_series ON CONFLICT DO NOTHING`` per
   group of programmes sharing the same rule opens the report of every calendar year that has
   ended and whose due date has not passed (no retroactive reports for projects completed before
   the portal ran). The unique (project, year no) makes a second or concurrent run insert nothing.
2. **Remind**: D-30 and D-7 before the due date, each exactly once per report: the claim is an
   ``INSERT … ON CONFLICT (report, kind) DO NOTHING RETURNING`` (as the guarantee reminders).
3. **Overdue**: an open report past its due date is marked overdue by one conditional
   ``UPDATE … RETURNING`` and written as the screening Obligation row (kind report) naming it, so
   the institution's next application fails ``unfulfilled_obligations``; filing it fulfils it.

Rules as data: ``Program.post_award["tracking"]`` may set ``years``, ``due_month``, ``due_day``
and ``reminders`` ({kind: [fewest, most] days left}). Only ``years`` = 5 is from the seed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.notices import notice_link
from accounts.enums import Role
from accounts.models import User
from agreements.enums import FinalResult
from agreements.models import Project
from programs.models import Program
from tracking.models import FIGURE_FIELDS_SQL, ReportStatus, TrackingReminder, TrackingReport
from tracking.models.reports import ReminderKind

SUCCESS = (FinalResult.EXCELLENT, FinalResult.NORMAL, FinalResult.POOR)
DEFAULTS: dict = {
    "years": 5,  # seed 000 Ⅴ: 사업종료 시부터 5년간 추적조사
    "due_month": 3,  # DEFAULT (the seed gives no date): 31 March of the following year
    "due_day": 31,  # DEFAULT
    # DEFAULT: kind → (fewest, most) days left in which the reminder is due; a day the job did
    # not run is caught up the next day.
    "reminders": {ReminderKind.D30.value: [8, 30], ReminderKind.D7.value: [0, 7]},
}


@dataclass
class TrackingRun:
    today: dt.date
    opened: int = 0
    reminders: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    def as_dict(self) -> dict:
        return {**asdict(self), "today": self.today.isoformat()}


def tracking_rule(program: Program) -> dict:
    """The programme's tracking rule: catalogue values over the (marked) defaults."""
    rule = {**DEFAULTS, **((program.post_award or {}).get("tracking") or {})}
    rule["years"] = int(rule["years"])
    dt.date(2000, int(rule["due_month"]), int(rule["due_day"]))  # refuses an impossible date
    return rule


def due_on(*, covers_year: int, rule: dict) -> dt.date:
    return dt.date(covers_year + 1, int(rule["due_month"]), int(rule["due_day"]))


def _rule_groups() -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = defaultdict(list)
    for program in Program.objects.only("pk", "post_award"):
        rule = tracking_rule(program)
        key = (rule["years"], int(rule["due_month"]), int(rule["due_day"]))
        groups[key].append(program.pk)
    return groups


def open_reports(*, today: dt.date, now: dt.datetime) -> int:
    """Open every due yearly report at once (see the module doc); returns how many were new."""
    report, project = TrackingReport._meta.db_table, Project._meta.db_table
    zeros = ", ".join("0" for _f in FIGURE_FIELDS_SQL)
    opened = 0
    with connection.cursor() as cursor:
        for (years, month, day), program_ids in _rule_groups().items():
            cursor.execute(
                f"""
                INSERT INTO {report} (project_id, program_id, institution_id, report_year_no,
                    covers_year, due_on, status, {", ".join(FIGURE_FIELDS_SQL)}, jump_note,
                    prefill, review_note, created_at, updated_at)
                SELECT p.id, p.program_id, p.lead_institution_id, n.no, y.covers,
                       make_date(y.covers + 1, %s, %s), %s, {zeros}, '', '{{}}', '', %s, %s
                  FROM {project} p
                 CROSS JOIN generate_series(1, %s) AS n(no)
                 CROSS JOIN LATERAL (SELECT EXTRACT(YEAR FROM p.ends_on)::int + n.no) AS y(covers)
                 WHERE p.final_result = ANY(%s) AND p.program_id = ANY(%s)
                   AND y.covers < %s AND make_date(y.covers + 1, %s, %s) >= %s
                ON CONFLICT (project_id, report_year_no) DO NOTHING
                """,  # noqa: S608 - table and column names from the models, values bound
                [month, day, ReportStatus.OPEN, now, now, years, [str(s) for s in SUCCESS],
                 program_ids, today.year, month, day, today],
            )  # fmt: skip
            opened += cursor.rowcount
    return opened


def _claim(*, kind: str, window: list[int], today: dt.date, now: dt.datetime) -> list[tuple]:
    """Claim `kind` for every report in its window in one statement; returns (report id, due,
    covers year, recipient id, has e-mail) for the rows this call inserted."""
    reminder, report, user = (
        TrackingReminder._meta.db_table, TrackingReport._meta.db_table, User._meta.db_table,
    )  # fmt: skip
    fewest, most = window
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH claimed AS (
                INSERT INTO {reminder} (report_id, kind, due_on, sent_at)
                SELECT r.id, %s, r.due_on, %s FROM {report} r
                 WHERE r.status IN (%s, %s) AND r.due_on BETWEEN %s AND %s
                ON CONFLICT (report_id, kind) DO NOTHING
                RETURNING report_id, due_on
            )
            SELECT c.report_id, c.due_on, r.covers_year, u.id, u.email <> ''
              FROM claimed c JOIN {report} r ON r.id = c.report_id
              JOIN {user} u ON u.institution_id = r.institution_id
               AND u.role = %s AND u.is_active
             ORDER BY c.report_id, u.id
            """,  # noqa: S608 - table names from the models, values bound
            [kind, now, ReportStatus.OPEN, ReportStatus.CHANGES_REQUESTED,
             today + dt.timedelta(days=fewest), today + dt.timedelta(days=most), Role.APPLICANT],
        )  # fmt: skip
        return cursor.fetchall()


def send_reminders(*, today: dt.date, now: dt.datetime) -> dict[str, int]:
    from agreements.domain.guarantee_deadlines import _notify_many

    windows = {}
    for program in Program.objects.only("pk", "post_award"):
        windows.update(tracking_rule(program)["reminders"])
    windows = windows or DEFAULTS["reminders"]
    sent: dict[str, int] = {}
    for kind, window in windows.items():
        with transaction.atomic():  # the claim and its notices commit together
            rows = _claim(kind=kind, window=window, today=today, now=now)
            notices = [
                (user_id, has_email,
                 _("Outcome report for %(year)s due in %(days)s day(s)")
                 % {"year": year, "days": (due - today).days},
                 _("File the commercialisation report (사업화 현황 보고서) for %(year)s by "
                   "%(due)s. An overdue report blocks your next application.")
                 % {"year": year, "due": due.isoformat()},
                 notice_link("tracking:report_edit", pk))
                for pk, due, year, user_id, has_email in rows
            ]  # fmt: skip
            _notify_many(notices)
            sent[kind] = len({r[0] for r in rows})
    return sent


def run_report_obligations(*, today: dt.date, now: dt.datetime | None = None) -> TrackingRun:
    """The daily job: open, remind, mark overdue. Running it twice creates and sends nothing new."""
    from tracking.domain.reports import mark_overdue

    now = now or timezone.now()
    run = TrackingRun(today=today)
    with transaction.atomic():
        run.opened = open_reports(today=today, now=now)
    run.reminders = send_reminders(today=today, now=now)
    run.overdue = mark_overdue(today=today)
    return run


def open_report_obligations(*, today: dt.date) -> TrackingRun:
    """The name the issue gives the job."""
    return run_report_obligations(today=today)
