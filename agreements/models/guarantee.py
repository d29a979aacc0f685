"""Payment-guarantee insurance (지급이행보증보험증권) for each agreement year's city grant (seed 002 §1),
and the claim table that makes each deadline reminder go out exactly once."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GuaranteeStatus(models.TextChoices):
    """Changes only through agreements.domain.guarantees (verify_guarantee / reject_guarantee)."""

    SUBMITTED = "submitted", _("Submitted, awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class ReminderKind(models.TextChoices):
    D14 = "d14", _("Reminder 14 days before the due date")
    D7 = "d7", _("Reminder 7 days before the due date")
    D1 = "d1", _("Reminder 1 day before the due date")
    SUSPENSION = "suspension", _("Agreement suspended for a missing guarantee")


def guarantee_pdf_path(instance, filename: str) -> str:
    # Never the uploader's file name (kept in pdf_name); served only by a permission-checked view.
    return f"agreements/{instance.agreement_id}/guarantees/{uuid.uuid4().hex}.pdf"


class Guarantee(models.Model):
    """One insurance policy registered by the institution for one agreement year; staff verify it."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="guarantees"
    )
    year = models.ForeignKey(
        "agreements.AgreementYear", on_delete=models.CASCADE, related_name="guarantees"
    )
    insurer = models.CharField(_("insurer"), max_length=100)
    policy_no = models.CharField(_("policy number"), max_length=60)
    amount_krw = models.BigIntegerField(_("insured amount (KRW)"))
    starts_on = models.DateField(_("insurance starts on"))
    ends_on = models.DateField(_("insurance ends on"))
    cost_krw = models.BigIntegerField(
        _("premium paid (KRW)"), null=True, blank=True,
        help_text=_("The issue cost may be charged to the R&D budget (seed 002)."),
    )  # fmt: skip
    pdf = models.FileField(
        _("policy PDF"), upload_to=guarantee_pdf_path, max_length=300, blank=True
    )
    pdf_name = models.CharField(_("file name"), max_length=255, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=GuaranteeStatus.choices,
        default=GuaranteeStatus.SUBMITTED,
    )  # fmt: skip
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    verified_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment-guarantee insurance policy")
        verbose_name_plural = _("payment-guarantee insurance policies")
        ordering = ["agreement", "year__year_no", "-created_at"]
        constraints = [
            # A policy number is used once (a rejected registration may be corrected and resent).
            models.UniqueConstraint(
                fields=["policy_no"], condition=~Q(status="rejected"), name="uniq_live_policy_no"
            ),
            # One policy awaiting verification per year at a time.
            models.UniqueConstraint(
                fields=["year"], condition=Q(status="submitted"), name="uniq_pending_guarantee"
            ),
            models.CheckConstraint(condition=Q(amount_krw__gt=0), name="guarantee_amount_pos"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="guarantee_period_order"
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="guarantee_year_status")]

    def __str__(self) -> str:
        return f"{self.insurer} {self.policy_no}"


class GuaranteeReminder(models.Model):
    """A claimed reminder (or suspension notice): the unique (agreement, kind) row is inserted with
    ``ON CONFLICT DO NOTHING … RETURNING`` by the daily job, so a second or concurrent run claims
    nothing and sends nothing."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="guarantee_reminders"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ReminderKind.choices)
    due_on = models.DateField(_("guarantee due on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("guarantee reminder")
        verbose_name_plural = _("guarantee reminders")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="uniq_guarantee_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind}"
