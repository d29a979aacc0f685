from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class User(AbstractUser):
    """A personal account. The role decides which part of the portal the person uses."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.APPLICANT)
    institution = models.ForeignKey(
        "accounts.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    operator = models.ForeignKey(
        "programs.Operator",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text=_("For operator (VC) accounts: the designated operator they act for."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The role as stored: a change of role moves the user in or out of the staff group.
        self._stored_role = self.__dict__.get("role") if self.pk is not None else None

    def save(self, *args, **kwargs):
        # Staff use the browser admin; nobody else does.
        if self.role == Role.STAFF:
            self.is_staff = True
        elif not self.is_superuser:
            self.is_staff = False
        # set_password() keeps the raw password in _password until the row is saved.
        password_changed = self._password is not None and self.pk is not None
        update_fields = kwargs.get("update_fields")
        role_saved = update_fields is None or "role" in update_fields
        super().save(*args, **kwargs)
        if role_saved and self.role != self._stored_role:
            self._follow_role_in_groups()
        if password_changed:
            # A new password ends the API token issued under the old one (accounts.domain.tokens);
            # Django's session auth hash already ends the other sessions.
            from accounts.domain.tokens import revoke_tokens

            revoke_tokens(self)

    def _follow_role_in_groups(self) -> None:
        """Staff are in the staff group (its model permissions open the admin); others are not."""
        from accounts.domain.staff_group import STAFF_GROUP, staff_group

        if self.role == Role.STAFF:
            self.groups.add(staff_group(using=self._state.db))
        elif self._stored_role == Role.STAFF:
            self.groups.remove(*self.groups.filter(name=STAFF_GROUP))
        self._stored_role = self.role

    @property
    def is_sba_staff(self) -> bool:
        return self.is_active and (self.role == Role.STAFF or self.is_superuser)


class Researcher(models.Model):
    """A researcher identified by the national researcher number (국가연구자번호)."""

    researcher_no = models.CharField(_("national researcher number"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    institution = models.ForeignKey(
        "accounts.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researchers",
    )
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="researcher"
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)

    class Meta:
        verbose_name = _("researcher")
        verbose_name_plural = _("researchers")

    def __str__(self) -> str:
        return f"{self.name} ({self.researcher_no})"
