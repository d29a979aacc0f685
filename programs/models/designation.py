"""Policy designation (정책지정) of a programme's lead and project by the city (R03).

서울시 산학연 협력사업 운영요령 §18: the mayor designates, because it is judged necessary as policy, the
supported project and its participating institutions without an open competition. The portal
records the decision: the date, the legal basis, the decision document and who designated (an
account with the DESIGNATOR role). Status changes go through programs.domain.designation only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DesignationStatus(models.TextChoices):
    DESIGNATED = "designated", _("Designated")
    REVOKED = "revoked", _("Revoked")


class PolicyDesignation(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="designations",
        verbose_name=_("programme"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    lead_institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="designations",
        verbose_name=_("designated lead institution"),
    )  # fmt: skip
    project_title = models.CharField(_("designated project"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    decision_no = models.CharField(_("decision document number"), max_length=100, blank=True)
    decided_on = models.DateField(_("decision date"))
    reason = models.TextField(_("reason for the designation"))
    status = models.CharField(
        _("status"), max_length=12, choices=DesignationStatus.choices,
        default=DesignationStatus.DESIGNATED,
    )  # fmt: skip
    status_reason = models.TextField(_("reason of the last status change"), blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("designated by"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("policy designation")
        verbose_name_plural = _("policy designations")
        ordering = ["-year", "-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year"], condition=models.Q(status="designated"),
                name="uniq_live_designation_per_program_year",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.program.code} {self.year}: {self.lead_institution}"
