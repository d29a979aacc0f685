"""The audit trail and notices: every state change calls record_audit."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

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


def send_notice(
    *, recipient: User, subject: str, body: str, link: str = "", event_key: str = ""
) -> Notice:
    """Store an in-portal notice; once the transaction commits, a Celery task e-mails it.

    The mail server is never waited for inside the request (a submit on the deadline day answers
    without it); a failed delivery is retried by the task, and the notice stays in the portal.

    `event_key` names the event (e.g. "application:12:submitted"): one event writes one notice.
    A repeat with the same key for the same recipient returns the stored notice and mails nothing.
    Race-safe through the unique constraint (recipient, event_key): of two inserts at once, the
    second waits for the first, fails inside its own savepoint and reads the first one's row.
    """
    from accounts.tasks import email_notice

    fields = {"subject": subject[:200], "body": body, "link": link[:300]}
    if event_key:
        existing = Notice.objects.filter(recipient=recipient, event_key=event_key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                notice = Notice.objects.create(recipient=recipient, event_key=event_key, **fields)
        except IntegrityError:
            return Notice.objects.get(recipient=recipient, event_key=event_key)
    else:
        notice = Notice.objects.create(recipient=recipient, **fields)
    if recipient.email:
        transaction.on_commit(lambda: email_notice.delay(notice.pk))
    return notice
