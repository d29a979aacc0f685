"""Outcome reports: the one state function (transition table, row lock, audit, notice), the
overdue marking of the daily job, the pre-fill and the jump check.

Transitions: open → submitted (the institution files) · open → overdue (the daily job, past the
due date) · overdue → submitted (filed late) · submitted → accepted / changes_requested (staff) ·
changes_requested → submitted. Filing fulfils the screening obligation of an overdue report.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from accounts.models import AuditEntry, User
from agreements.enums import LedgerKind
from agreements.models import Project
from config.locking import AlreadyDecided, lock
from evaluation.domain import EvaluationError
from tracking.domain.certificates import certificates_issued
from tracking.models import FIGURE_FIELDS, ReportStatus, TrackingReport

S = ReportStatus
TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.SUBMITTED, S.OVERDUE},
    S.OVERDUE: {S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.CHANGES_REQUESTED},
    S.CHANGES_REQUESTED: {S.SUBMITTED},
    S.ACCEPTED: set(),
}
EDITABLE = (S.OPEN, S.OVERDUE, S.CHANGES_REQUESTED)
# DEFAULT (no figure in the seeds; catalogue Program.post_award["tracking_jumps"] overrides):
# a change needs a confirming note when sales grow beyond ×10 or hires fall by 100 %.
DEFAULT_JUMPS = {"sales_factor": 10, "hires_drop_pct": 100}


class ReportRefused(EvaluationError):
    status_code = 422


def _after(report: TrackingReport) -> dict:
    return {"status": report.status, **{f: getattr(report, f) for f in FIGURE_FIELDS}}


@transaction.atomic
def set_report_status(
    *, report: TrackingReport, status: str, actor: User | None, note: str = ""
) -> TrackingReport:
    """The one way a report changes status: lock, check the table, save, audit, notice."""
    locked = lock(TrackingReport, report.pk)
    if status not in TRANSITIONS[locked.status]:
        raise AlreadyDecided(
            f"이 보고서는 '{locked.get_status_display()}' 상태라 바꿀 수 없습니다.",
            f"This report is '{locked.status}' and cannot be changed that way.",
        )
    before = locked.status
    now = timezone.now()
    locked.status = status
    fields = ["status", "updated_at"]
    if status == S.SUBMITTED:
        locked.submitted_by, locked.submitted_at = actor, now
        fields += ["submitted_by", "submitted_at"]
    elif status in (S.ACCEPTED, S.CHANGES_REQUESTED):
        locked.reviewed_by, locked.reviewed_at, locked.review_note = actor, now, note
        fields += ["reviewed_by", "reviewed_at", "review_note"]
    locked.save(update_fields=fields)
    if status == S.SUBMITTED and locked.obligation_id:
        from evaluation.screening.models import Obligation

        Obligation.objects.filter(pk=locked.obligation_id, fulfilled_on__isnull=True).update(
            fulfilled_on=timezone.localdate()
        )
    record_audit(actor=actor, action=f"tracking.report.{status}", target=locked,
                 before={"status": before}, after=_after(locked), reason=note)  # fmt: skip
    _notify(locked, status, note)
    report.__dict__.update(locked.__dict__)
    return locked


def _notify(report: TrackingReport, status: str, note: str) -> None:
    if status not in (S.ACCEPTED, S.CHANGES_REQUESTED, S.OVERDUE):
        return
    label = {S.ACCEPTED: ("승인", "accepted"), S.CHANGES_REQUESTED: ("보완 요청", "changes requested"),
             S.OVERDUE: ("기한 경과", "overdue")}[status]  # fmt: skip
    for user in report.institution.members.filter(role="applicant", is_active=True):
        send_notice(
            recipient=user,
            subject=f"추적조사 보고서 {report.covers_year} {label[0]} / Outcome report {label[1]}",
            body=note or f"{report.code}",
            link=notice_link("tracking:report_edit", report.pk),
            event_key=f"tracking:{report.pk}:{status}:{report.updated_at.isoformat()}",
        )


def mark_overdue(*, today: dt.date) -> int:
    """Open reports past their due date → overdue, set-based in one transaction: one conditional
    ``UPDATE … RETURNING`` (a second or concurrent run marks nothing), one INSERT of the screening
    obligations naming each report, one UPDATE linking them, one INSERT of the audit entries."""
    from evaluation.screening.models import Obligation

    report, obligation = TrackingReport._meta.db_table, Obligation._meta.db_table
    project, audit = Project._meta.db_table, AuditEntry._meta.db_table
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {report} SET status = %s, updated_at = %s "  # noqa: S608
            f"WHERE status = %s AND due_on < %s RETURNING id",
            [S.OVERDUE, now, S.OPEN, today],
        )
        ids = sorted(r[0] for r in cursor.fetchall())
        if not ids:
            return 0
        cursor.execute(
            f"""
            INSERT INTO {obligation} (institution_id, researcher_id, kind, description, amount_krw,
                                      due_on, fulfilled_on)
            SELECT r.institution_id, NULL, 'report',
                   left('추적조사 보고서 TR-' || r.covers_year || '-' || lpad(r.id::text, 6, '0')
                        || ' (' || r.covers_year || '년, ' || p.title || ')', 300),
                   0, r.due_on, NULL
              FROM {report} r JOIN {project} p ON p.id = r.project_id
             WHERE r.id = ANY(%s) ORDER BY r.id
            RETURNING id
            """,  # noqa: S608 - table names from the models, values bound
            [ids],
        )
        # Sequence values follow the insertion order (ORDER BY r.id): pair them in order.
        obligation_ids = sorted(r[0] for r in cursor.fetchall())
        cursor.execute(
            f"UPDATE {report} r SET obligation_id = v.ob FROM unnest(%s::bigint[], %s::bigint[]) "  # noqa: S608
            f"AS v(rid, ob) WHERE r.id = v.rid",
            [ids, obligation_ids],
        )
        cursor.execute(
            f"""
            INSERT INTO {audit} (actor_id, action, content_type_id, object_id, before, after,
                                 reason, at)
            SELECT NULL, 'tracking.report.overdue', %s, rid::text, %s::jsonb, %s::jsonb, '', %s
              FROM unnest(%s::bigint[]) AS rid
            """,  # noqa: S608
            [ContentType.objects.get_for_model(TrackingReport).pk,
             json.dumps({"status": S.OPEN}), json.dumps({"status": S.OVERDUE}), now, ids],
        )  # fmt: skip
        _notify_overdue(cursor, ids)
    return len(ids)


def _notify_overdue(cursor, ids: list[int]) -> None:
    """One notice per applicant of each institution whose report became overdue (one INSERT)."""
    from agreements.domain.guarantee_deadlines import _notify_many

    report, user = TrackingReport._meta.db_table, User._meta.db_table
    cursor.execute(
        f"SELECT r.id, r.covers_year, r.due_on, u.id, u.email <> '' FROM {report} r "  # noqa: S608
        f"JOIN {user} u ON u.institution_id = r.institution_id AND u.role = 'applicant' "
        f"AND u.is_active WHERE r.id = ANY(%s) ORDER BY r.id, u.id",
        [ids],
    )
    _notify_many([
        (uid, has_email,
         f"추적조사 보고서 {year} 기한 경과 / Outcome report {year} overdue",
         f"제출기한 {due}이 지났습니다. 제출 전까지 다음 과제 신청이 제한됩니다. / The report was "
         f"due {due}; until it is filed your next application fails screening.",
         notice_link("tracking:report_edit", pk))
        for pk, year, due, uid, has_email in cursor.fetchall()
    ])  # fmt: skip


def jump_rule(report: TrackingReport) -> dict:
    return {**DEFAULT_JUMPS, **((report.program.post_award or {}).get("tracking_jumps") or {})}


def previous(report: TrackingReport) -> TrackingReport | None:
    return (
        TrackingReport.objects.filter(
            project=report.project_id, report_year_no__lt=report.report_year_no
        )
        .order_by("-report_year_no")
        .first()
    )


def jumps(*, report: TrackingReport, values: dict) -> list[str]:
    """The fields whose change from last year's report is beyond the configured jump."""
    last = previous(report)
    if last is None:
        return []
    rule, found = jump_rule(report), []
    factor = rule["sales_factor"]
    if last.sales_krw > 0 and values.get("sales_krw", 0) > last.sales_krw * factor:
        found.append("sales_krw")
    hires = sum(values.get(f, 0) for f in ("hires_research", "hires_production", "hires_other"))
    if (
        last.hires_total > 0
        and (last.hires_total - hires) * 100 >= last.hires_total * rule["hires_drop_pct"]
    ):
        found.append("hires")
    return found


def prefill(*, report: TrackingReport) -> dict:
    """Last year's values, and what the portal knows: royalty paid (agreement ledger), performance
    certificates issued and further Seoul R&D selections of the institution in the covered year."""
    from agreements.models import LedgerEntry

    last = previous(report)
    values = {f: getattr(last, f) for f in FIGURE_FIELDS} if last else {}
    known = {}
    agreement = getattr(report.project, "agreement", None)
    if agreement is not None:
        known["royalty_paid_krw"] = (
            LedgerEntry.objects.filter(agreement=agreement, kind=LedgerKind.ROYALTY_PAID)
            .aggregate(s=Sum("amount_krw"))["s"] or 0
        )  # fmt: skip
    # performance certificates issued to the institution in the covered year (testbed programme);
    # they pre-fill this year's certifications
    known["certificates_issued"] = certificates_issued(
        institution_id=report.institution_id, year=report.covers_year
    )
    if known["certificates_issued"]:
        values = {**values, "certifications": known["certificates_issued"]}
    known["seoul_rnd_selections"] = list(
        Project.objects.filter(lead_institution=report.institution_id, is_seoul_rnd=True,
                               selected_on__year=report.covers_year)
        .exclude(pk=report.project_id).values_list("title", flat=True)[:20]
    )  # fmt: skip
    return {"values": values, "known": known}


@transaction.atomic
def save_figures(
    *, report: TrackingReport, values: dict, actor: User, note: str = ""
) -> TrackingReport:
    """Save the institution's figures (audited); a jump beyond the rule needs a note."""
    locked = lock(TrackingReport, report.pk)
    if locked.status not in EDITABLE:
        raise AlreadyDecided(
            "제출된 보고서는 수정할 수 없습니다.", "A filed report cannot be edited."
        )
    bad = [
        f for f, v in values.items() if f not in FIGURE_FIELDS or not isinstance(v, int) or v < 0
    ]
    if bad:
        raise ReportRefused(
            "0 이상의 정수를 입력하십시오.", "Enter whole numbers of 0 or more.", "invalid"
        )
    found = jumps(report=locked, values={**_after(locked), **values})
    if found and not (note or "").strip():
        raise ReportRefused(
            "전년 대비 큰 변동이 있습니다. 확인 사유를 입력하십시오.",
            "A large change from last year: confirm it with a note.",
            "jump_note_required",
        )
    before = _after(locked)
    for f, v in values.items():
        setattr(locked, f, v)
    locked.jump_note = note if found else locked.jump_note
    locked.save()
    record_audit(actor=actor, action="tracking.report.edit", target=locked, before=before,
                 after=_after(locked), reason=note)  # fmt: skip
    report.__dict__.update(locked.__dict__)
    return locked


def submit(*, report: TrackingReport, actor: User) -> TrackingReport:
    return set_report_status(report=report, status=S.SUBMITTED, actor=actor)
