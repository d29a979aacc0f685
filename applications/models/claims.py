"""Facts an applicant claims with evidence, read by screening and bonus rules (seed 000 Ⅳ-②, ④)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimKind(models.TextChoices):
    INSTITUTIONAL_INVESTMENT = "institutional_investment", _("Institutional investment attracted")
    PRIVATE_INVESTMENT_3Y = "private_investment_3y", _("Private investment in the last 3 years")
    PURCHASE_INTENT_AFTER_TESTBED = (
        "purchase_intent_after_testbed",
        _("Purchase intent from a demand site after a domestic testbed"),
    )
    TECH_TRANSFER = "tech_transfer", _("Technology transfer from a listed institute")
    INVESTMENT_OR_PURCHASE_COMMITMENT = (
        "investment_or_purchase_commitment",
        _("Investment or purchase commitment"),
    )


class ApplicationClaim(models.Model):
    """One claimed fact (an amount, a counterpart, a date) with its evidence file; staff verify it."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="claims"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=ClaimKind.choices)
    amount_krw = models.BigIntegerField(_("amount (KRW)"), default=0)
    counterpart = models.CharField(_("counterpart"), max_length=200, blank=True)
    dated_on = models.DateField(_("date"), null=True, blank=True)
    evidence = models.ForeignKey(
        "applications.Attachment", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("evidence"),
    )  # fmt: skip
    verified = models.BooleanField(_("verified by staff"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("claimed fact")
        verbose_name_plural = _("claimed facts")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="uniq_application_claim")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"
