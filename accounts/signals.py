"""Sign-in and sign-out side effects (connected in AccountsConfig.ready)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from accounts.domain.tokens import revoke_tokens
from accounts.middleware import SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="accounts.session_signed_in_at")
def remember_sign_in_time(sender, request, user, **kwargs):
    """The absolute session lifetime counts from here (accounts.middleware)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SIGNED_IN_AT] = int(time.time())


@receiver(user_logged_out, dispatch_uid="accounts.revoke_token_on_logout")
def revoke_token_on_logout(sender, request, user, **kwargs):
    """Signing out of the portal also ends the account's API token."""
    revoke_tokens(user)
