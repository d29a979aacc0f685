"""The investment adequacy committee (투자적절성검증위원회) of investment-linked calls (seed 002 §3).

It reviews each operator–company investment contract or commitment and the process that led to
it, before (or with) the presentation evaluation: members give their own opinion, staff record
the committee's decision per application; "not adequate" ends the application.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Adequacy(models.TextChoices):
    ADEQUATE = "adequate", _("Adequate")
    NOT_ADEQUATE = "not_adequate", _("Not adequate")


class AdequacyCommittee(models.Model):
    call = models.OneToOneField(
        "programs.Call", on_delete=models.CASCADE, related_name="adequacy_committee"
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("investment adequacy committee")
        verbose_name_plural = _("investment adequacy committees")

    def __str__(self) -> str:
        return self.name


class AdequacyMember(models.Model):
    committee = models.ForeignKey(
        AdequacyCommittee, on_delete=models.CASCADE, related_name="members"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="adequacy_seats"
    )
    pledge_signed_at = models.DateTimeField(_("COI pledge signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("adequacy committee member")
        verbose_name_plural = _("adequacy committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "member"], name="uniq_adequacy_member")
        ]

    def __str__(self) -> str:
        return f"{self.committee} – {self.member}"


class AdequacyOpinion(models.Model):
    """One member's own opinion on one application (editable until the committee decides)."""

    seat = models.ForeignKey(AdequacyMember, on_delete=models.CASCADE, related_name="opinions")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="adequacy_opinions"
    )
    result = models.CharField(_("opinion"), max_length=20, choices=Adequacy.choices)
    reasons = models.TextField(_("reasons"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("adequacy opinion")
        verbose_name_plural = _("adequacy opinions")
        constraints = [
            models.UniqueConstraint(fields=["seat", "application"], name="uniq_adequacy_opinion")
        ]

    def __str__(self) -> str:
        return f"{self.seat} #{self.application_id}: {self.get_result_display()}"


class AdequacyDecision(models.Model):
    """The committee's decision on one application, recorded once by staff (locked)."""

    committee = models.ForeignKey(
        AdequacyCommittee, on_delete=models.PROTECT, related_name="decisions"
    )
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="adequacy_decision"
    )
    result = models.CharField(_("decision"), max_length=20, choices=Adequacy.choices)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("adequacy decision")
        verbose_name_plural = _("adequacy decisions")
        ordering = ["application_id"]

    def __str__(self) -> str:
        return f"#{self.application_id}: {self.get_result_display()}"
