from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_business_number


class Invitation(models.Model):
    """An applicant invites a co-institution that is not registered yet.

    The e-mailed link is signed (accounts.domain.co_institutions.invitation_token) and valid for
    settings.INVITATION_DAYS; nothing secret is stored. Accepting registers the institution as
    awaiting confirmation by staff.
    """

    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    name = models.CharField(_("institution name"), max_length=200)
    business_no = models.CharField(
        _("business registration number"), max_length=10, validators=[validate_business_number]
    )
    email = models.EmailField(_("contact e-mail"))
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["invited_by", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.business_no})"
