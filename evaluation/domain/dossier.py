"""Reading an application's dossier: who read what, when (audit trail), and the end of recusal.

Reading changes no application, but staff's and evaluators' reading is recorded: every dossier
view (page, PDF, API) and every file served to them writes one audit entry. An evaluator who reads
the content can no longer recuse (`Assignment.opened_at`).
"""

from __future__ import annotations

from accounts.domain.audit import record_audit
from accounts.enums import Role
from accounts.rules import is_sba_staff
from applications.models import Application, Attachment


def is_audited_reader(user) -> bool:
    """Staff and evaluators: their reading of an application is audited."""
    return bool(is_sba_staff(user) or getattr(user, "role", None) == Role.EVALUATOR)


def record_dossier_read(*, actor, application: Application, fmt: str, assignment=None) -> None:
    """One audit entry for a dossier view by staff or an evaluator (fmt: html, pdf, json)."""
    if not is_audited_reader(actor):
        return
    after = {"format": fmt, "receipt_no": application.receipt_no}
    if assignment is not None:
        after["assignment"] = assignment.pk
    record_audit(actor=actor, action="application.dossier.view", target=application, after=after)


def record_file_read(*, actor, attachment: Attachment, download: bool) -> None:
    """One audit entry for a file served to staff or an evaluator (opened inline or downloaded)."""
    if not is_audited_reader(actor):
        return
    action = "application.attachment.download" if download else "application.attachment.view"
    record_audit(
        actor=actor,
        action=action,
        target=attachment,
        after={
            "application": attachment.application_id,
            "doc_code": attachment.doc_code,
            "name": attachment.original_name,
            "sha256": attachment.sha256,
        },
    )


def mark_read_by_evaluator(*, evaluator, application: Application) -> None:
    """The evaluator opened the application's content: their active assignments on it are opened."""
    from evaluation.domain.scoring import mark_opened
    from evaluation.enums import AssignmentStatus
    from evaluation.models import Assignment

    if getattr(evaluator, "role", None) != Role.EVALUATOR:
        return
    for assignment in Assignment.objects.filter(
        application_id=application.pk,
        evaluator_id=evaluator.pk,
        status=AssignmentStatus.ACTIVE,
        opened_at__isnull=True,
    ):
        mark_opened(assignment=assignment)
