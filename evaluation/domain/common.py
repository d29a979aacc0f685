"""Helpers shared by the evaluation domain modules."""

from __future__ import annotations

from django.db import transaction

from accounts.domain.audit import record_audit


def set_application_status(
    *, application, status: str, actor, reason: str = "", notify: bool = True
) -> None:
    """Delegate to the applications app's single status function; fall back to save + audit."""
    try:
        from applications.domain.state import set_application_status as delegate
    except ImportError:
        delegate = None
    if delegate is not None:
        delegate(application=application, status=status, actor=actor, reason=reason, notify=notify)
        return
    if application.status == status:
        return
    before = application.status
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor, action="application.status", target=application,
        before={"status": before}, after={"status": status}, reason=reason,
    )  # fmt: skip


atomic = transaction.atomic
