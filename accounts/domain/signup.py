"""A PI signs up: an inactive applicant account, activated by a signed link sent by e-mail.
A Tech Partners company (large or mid-sized) signs up the same way with the role ``partner``, then
registers the company and its size class (programs.domain.tech_partners.register_partner_company).

The link carries Django's `default_token_generator` token. The token hashes the password and the
last sign-in, so it works once: activation signs the user in, which changes `last_login`. It
expires after `PASSWORD_RESET_TIMEOUT` seconds (env `ACCOUNT_LINK_DAYS`, three days by default).
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import User

SELF_SIGNUP_ROLES = (Role.APPLICANT, Role.PARTNER)  # every other role is made by staff


def email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def register_applicant(
    *, username: str, name: str, email: str, password: str, language: str, site_root: str,
    role: str = Role.APPLICANT,
):  # fmt: skip
    """Create an inactive applicant (or partner) and queue the verification e-mail after the
    commit."""
    if role not in SELF_SIGNUP_ROLES:
        raise ValueError(f"role {role!r} cannot sign up by itself")
    email = email.strip()
    if email_taken(email):
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")},
            code="email_taken",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("This username is already taken.")}, code="username_taken"
        )
    user = User(username=username, first_name=name, email=email, role=role)
    user.is_active = False
    user.set_password(password)
    user.save()

    from accounts.tasks import email_signup_verification

    transaction.on_commit(lambda: email_signup_verification.delay(user.pk, language, site_root))
    return user


def resend_verification(*, email: str, language: str, site_root: str) -> bool:
    """Queue a new link for an account that signed up but never confirmed its address.

    "Never confirmed" is inactive, a self-signed-up role and never signed in: an account staff deactivated
    after use is not reopened this way. The caller answers the same either way (no account
    enumeration).
    """
    user = (
        User.objects.filter(
            email__iexact=email.strip(),
            is_active=False,
            role__in=SELF_SIGNUP_ROLES,
            last_login=None,
        )
        .order_by("pk")
        .first()
    )
    if user is None:
        return False
    from accounts.tasks import email_signup_verification

    transaction.on_commit(lambda: email_signup_verification.delay(user.pk, language, site_root))
    return True


def verification_uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def verification_token(user) -> str:
    return default_token_generator.make_token(user)


def user_for_link(uidb64: str, token: str):
    """The inactive user the link was made for, or None if the link is wrong or expired."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(
        pk=pk, is_active=False, role__in=SELF_SIGNUP_ROLES, last_login=None
    ).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def activate_account(user) -> None:
    """The e-mail address is confirmed: the account may sign in."""
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
