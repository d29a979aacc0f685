"""Crowdfunding type of R01 (크라우드펀딩형, seed 000 Ⅳ-①): the campaign a selected company runs on a
platform, the backers recorded from the platform (first check), the delivery records (second
check) and the fraud flags that follow. The agreement and the city grant wait for a verified,
successful campaign (plug-in ``crowdfunding_success``). A campaign's status changes only through
``applications.domain.crowdfunding.set_campaign_status``; a flag's through ``decide_flag``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded, awaiting verification")
    VERIFIED = "verified", _("Verified by staff")
    REJECTED = "rejected", _("Rejected by staff")


class FlagKind(models.TextChoices):
    CONCENTRATION = "concentration", _("Few backers carry most of the amount")
    EXCESSIVE = "excessive_purchase", _("Excessive purchase by one backer")
    SELF_PURCHASE = "self_purchase", _("Purchase by the lead institution or its staff")
    DELIVERY = "delivery_unproven", _("Delivery not proven for a sampled backer")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    INVESTIGATING = "investigating", _("Under investigation")
    CLEARED = "cleared", _("Cleared")
    CONFIRMED = "confirmed", _("Fraud confirmed")


class DeliveryCheck(models.TextChoices):
    PENDING = "", _("Not checked")
    PROVEN = "proven", _("Delivery proven")
    UNPROVEN = "unproven", _("Delivery not proven")


class CrowdfundingCampaign(models.Model):
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="crowdfunding"
    )
    platform = models.CharField(_("platform"), max_length=30)
    url = models.URLField(_("campaign URL"), max_length=500)
    target_krw = models.BigIntegerField(_("funding target (KRW)"))
    raised_krw = models.BigIntegerField(_("amount raised (KRW)"))
    backers = models.PositiveIntegerField(_("number of backers"))
    ends_on = models.DateField(_("campaign end date"))
    succeeded = models.BooleanField(_("funding succeeded"))
    status = models.CharField(
        _("status"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.RECORDED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("crowdfunding campaign")
        verbose_name_plural = _("crowdfunding campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_krw__gte=0, raised_krw__gte=0), name="campaign_money_ge_0"
            )
        ]

    def __str__(self) -> str:
        return f"campaign #{self.application_id} ({self.status})"


class CampaignBacker(models.Model):
    """One backer row of the platform's export (first check: contribution, shares, comments)."""

    campaign = models.ForeignKey(
        CrowdfundingCampaign, on_delete=models.CASCADE, related_name="backer_rows"
    )
    backer_ref = models.CharField(_("backer ID on the platform"), max_length=100)
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    business_no = models.CharField(_("business registration number"), max_length=10, blank=True)
    amount_krw = models.BigIntegerField(_("contribution (KRW)"))
    shares = models.PositiveIntegerField(_("shares"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)

    class Meta:
        verbose_name = _("campaign backer")
        verbose_name_plural = _("campaign backers")
        ordering = ["-amount_krw", "backer_ref"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "backer_ref"], name="uniq_campaign_backer")
        ]

    def __str__(self) -> str:
        return f"{self.backer_ref}: {self.amount_krw}"


class DeliveryRecord(models.Model):
    """Second check: one delivery of the reward (method, invoice number, address); a sample of them
    is drawn and checked by staff."""

    campaign = models.ForeignKey(
        CrowdfundingCampaign, on_delete=models.CASCADE, related_name="deliveries"
    )
    backer_ref = models.CharField(_("backer ID on the platform"), max_length=100)
    method = models.CharField(_("delivery method"), max_length=60)
    invoice_no = models.CharField(_("invoice number"), max_length=60)
    address = models.CharField(_("address"), max_length=300)
    sampled = models.BooleanField(_("in the sample"), default=False)
    check_result = models.CharField(
        _("check"),
        max_length=10,
        choices=DeliveryCheck.choices,
        default=DeliveryCheck.PENDING,
        blank=True,
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery record")
        verbose_name_plural = _("delivery records")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "invoice_no"], name="uniq_delivery_invoice")
        ]

    def __str__(self) -> str:
        return f"{self.backer_ref}: {self.invoice_no}"


class CampaignFlag(models.Model):
    """A fraud flag of a campaign (one per kind and subject); investigated and decided by staff."""

    campaign = models.ForeignKey(
        CrowdfundingCampaign, on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    detail = models.JSONField(_("detail"), default=dict)
    status = models.CharField(
        _("status"), max_length=14, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign flag")
        verbose_name_plural = _("campaign flags")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "subject"], name="uniq_campaign_flag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} ({self.status})"
