"""The audit trail and notices: every state change calls record_audit."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from accounts.models import AuditEntry, Notice, User


def record_audit(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEntry:
    """Write one audit entry (who, when, what, before, after, why)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        before=before,
        after=after,
        reason=reason,
    )


def send_notice(*, recipient: User, subject: str, body: str) -> Notice:
    """Store an in-portal notice; once the transaction commits, a Celery task e-mails it.

    The mail server is never waited for inside the request (a submit on the deadline day answers
    without it); a failed delivery is retried by the task, and the notice stays in the portal.
    """
    from accounts.tasks import email_notice

    notice = Notice.objects.create(recipient=recipient, subject=subject, body=body)
    if recipient.email:
        transaction.on_commit(lambda: email_notice.delay(notice.pk))
    return notice
