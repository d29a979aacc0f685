"""Plan changes (과제 변경): a request with separate parts, each notification- or approval-type.

A notification-type part is final on submission (decision "accepted", no staff decision); an
approval-type part waits for staff, who decide each part on its own (accepted / accepted with
changes / refused). When no part is pending, the accepted parts are applied to the agreement at
once and make agreement version n+1 (agreements.domain.changes).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    PERIOD_EXTENSION = "period_extension", _("Period extension (기간 연장)")
    BUDGET_REALLOCATION = "budget_reallocation", _("Budget reallocation (비목 간 전용)")
    RESEARCHER_CHANGE = "researcher_change", _("Researcher change (참여연구원 변경)")
    CO_INSTITUTION_CHANGE = "co_institution_change", _("Co-institution change (공동기관 변경)")


class ChangeType(models.TextChoices):
    NOTIFICATION = "notification", _("Notification (final on filing)")
    APPROVAL = "approval", _("Approval (decided by SBA)")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decisions")
    CLOSED = "closed", _("Decided")


class ChangePartStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    DECIDED = "decided", _("Decided")


class ChangeDecision(models.TextChoices):
    NONE = "", _("Not decided")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", _("Accepted with changes")
    REFUSED = "refused", _("Refused")


ACCEPTING_DECISIONS = (ChangeDecision.ACCEPTED, ChangeDecision.ACCEPTED_WITH_CHANGES)


class ChangeRequest(models.Model):
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="change_requests"
    )
    reason = models.TextField(_("reason for the change"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )  # fmt: skip
    closed_at = models.DateTimeField(null=True, blank=True)
    version_from = models.PositiveIntegerField(_("version before"), null=True, blank=True)
    version_to = models.PositiveIntegerField(_("version made"), null=True, blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"변경 신청 {self.pk}"


class ChangePart(models.Model):
    request = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(_("kind"), max_length=24, choices=ChangeKind.choices)
    change_type = models.CharField(_("type"), max_length=12, choices=ChangeType.choices)
    type_rule = models.CharField(_("rule that set the type"), max_length=300, blank=True)
    payload = models.JSONField(_("requested change"))
    decided_payload = models.JSONField(_("change as accepted"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangePartStatus.choices,
        default=ChangePartStatus.PENDING,
    )  # fmt: skip
    decision = models.CharField(
        _("decision"), max_length=24, choices=ChangeDecision.choices, blank=True
    )
    reason = models.TextField(_("reason of the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("change request part")
        verbose_name_plural = _("change request parts")
        ordering = ["request", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.get_kind_display()}"

    @property
    def effective_payload(self) -> dict:
        return self.decided_payload if self.decided_payload is not None else self.payload
