"""Celery tasks of accounts: take IDs, hold no business logic."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def email_notice(notice_id: int) -> bool:
    """E-mail a stored notice to its recipient (outside the request that created it)."""
    from accounts.models import Notice

    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None or not notice.recipient.email:
        return False
    send_mail(notice.subject, notice.body, None, [notice.recipient.email])
    return True
