"""The audit trail and notices: every state change calls record_audit."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
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
    """Store an in-portal notice and e-mail it once the transaction commits."""
    notice = Notice.objects.create(recipient=recipient, subject=subject, body=body)
    if recipient.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [recipient.email], fail_silently=True)
        )
    return notice
