"""Instalments (연차별 시지원금 지급) and payment batches (지급 묶음, four eyes).

An instalment is the release of one agreement year's city grant. It is payable only when all its
gates are green (agreements.domain.gates); staff put payable instalments into a batch, another staff
member approves it (the transfer file is made then) and the batch is marked paid, which writes the
INSTALMENT_PAID ledger rows. Statuses change only through agreements.domain.payments.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InstalmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned (gates not all green)")
    PAYABLE = "payable", _("Payable")
    IN_BATCH = "in_batch", _("In a payment batch")
    PAID = "paid", _("Paid")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Approved (transfer file ready)")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentBatch(models.Model):
    """A set of instalments paid together: prepared by one staff member, approved by another."""

    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(_("prepared at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_reason = models.CharField(_("reason of cancellation"), max_length=300, blank=True)
    instalment_count = models.PositiveIntegerField(_("instalments"), default=0)
    total_krw = models.BigIntegerField(_("total (KRW)"), default=0)
    transfer_csv = models.BinaryField(_("transfer file (CSV)"), blank=True, default=b"")
    transfer_xlsx = models.BinaryField(_("transfer file (Excel)"), blank=True, default=b"")
    transfer_sha256 = models.CharField(
        _("SHA-256 of the CSV transfer file"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-prepared_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The batch's reference on the bank transfer (적요)."""
        return f"SBA-PAY-{self.pk:06d}" if self.pk else "SBA-PAY-new"


class Instalment(models.Model):
    """The city grant of one agreement year, released only through its gates."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="instalments"
    )
    year = models.OneToOneField(
        "agreements.AgreementYear", on_delete=models.CASCADE, related_name="instalment"
    )
    year_no = models.PositiveSmallIntegerField(_("agreement year"))
    amount_krw = models.BigIntegerField(_("amount (KRW)"))
    status = models.CharField(
        _("status"), max_length=20, choices=InstalmentStatus.choices,
        default=InstalmentStatus.PLANNED,
    )  # fmt: skip
    batch = models.ForeignKey(
        PaymentBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="instalments"
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["agreement", "year_no"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year_no"], name="uniq_instalment_year"),
            models.CheckConstraint(
                condition=models.Q(amount_krw__gt=0), name="instalment_amount_positive"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="instalment_status")]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year_no}차년도 {self.amount_krw:,}원"

    @property
    def transfer_reference(self) -> str:
        """적요 of this instalment on the transfer file: agreement code and year."""
        return f"{self.agreement.verify_code}-{self.year_no}"
