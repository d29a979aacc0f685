"""API tokens: one per account, issued fresh at each sign-in, expiring after settings.API_TOKEN_TTL.

A sign-in never hands back an earlier token: it replaces it. Signing out (the page or the API) and
changing the password delete the account's token. config.authentication refuses, and deletes, a
token older than the TTL.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import User


def issue_token(user: User) -> Token:
    """Replace the account's token with a new one (the account row is locked meanwhile)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
        Token.objects.filter(user_id=user.pk).delete()
        return Token.objects.create(user=user)


def revoke_tokens(user: User | None) -> int:
    """Delete the account's token; the number deleted."""
    if user is None or user.pk is None:
        return 0
    deleted, _ = Token.objects.filter(user_id=user.pk).delete()
    return deleted


def expires_at(created: dt.datetime) -> dt.datetime:
    return created + settings.API_TOKEN_TTL


def is_expired(created: dt.datetime) -> bool:
    return expires_at(created) <= timezone.now()
