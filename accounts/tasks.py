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


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def email_signup_verification(user_id: int, language: str, site_root: str) -> bool:
    """E-mail the sign-up verification link. The token is made here, never stored or queued."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from accounts.domain.signup import verification_token, verification_uid
    from accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=False).first()
    if user is None or not user.email:
        return False
    with translation.override(language):
        path = reverse(
            "signup-verify",
            kwargs={"uidb64": verification_uid(user), "token": verification_token(user)},
        )
        context = {
            "user": user,
            "link": site_root.rstrip("/") + path,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        subject = render_to_string("accounts/signup_email_subject.txt", context).strip()
        body = render_to_string("accounts/signup_email.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def email_invitation(invitation_id: int, language: str, site_root: str) -> bool:
    """E-mail a co-institution invitation. The signed link is made here, never stored or queued."""
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from accounts.domain.co_institutions import invitation_days, invitation_token
    from accounts.models import Invitation

    invitation = (
        Invitation.objects.select_related("invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    with translation.override(language):
        path = reverse("invitation", kwargs={"token": invitation_token(invitation)})
        context = {
            "invitation": invitation,
            "sender": invitation.invited_by.get_full_name() or invitation.invited_by.username,
            "link": site_root.rstrip("/") + path,
            "days": invitation_days(),
        }
        subject = render_to_string("accounts/invitation_email_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return True
