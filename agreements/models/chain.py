"""Chained agreements (R03): SBA ↔ 서울기술연구원 (the parent, an ordinary Agreement created by
agreements.domain.creation) and, under it, 서울기술연구원 ↔ the matched expert's university (a
ChainedAgreement). The children's amounts stay within the parent's city grant
(agreements.domain.chain)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChainStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    CONCLUDED = "concluded", _("Concluded")
    CANCELLED = "cancelled", _("Cancelled")


class ChainedAgreement(models.Model):
    parent = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="chained_agreements",
        verbose_name=_("parent agreement (SBA ↔ lead)"),
    )  # fmt: skip
    principal = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("principal (designated lead)"),
    )  # fmt: skip
    counterparty = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("counterparty (university)"),
    )  # fmt: skip
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("expert"),
    )  # fmt: skip
    amount_krw = models.BigIntegerField(_("amount (KRW)"))
    status = models.CharField(
        _("status"), max_length=12, choices=ChainStatus.choices, default=ChainStatus.DRAFTING
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chained agreement")
        verbose_name_plural = _("chained agreements")
        ordering = ["parent_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_krw__gt=0), name="chained_agreement_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.principal} ↔ {self.counterparty}"
