"""Site checks, coordination-committee decisions, result notices and objections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluation.enums import ObjectionStatus, SiteCheckResult, StageCode


class SiteCheck(models.Model):
    """현장점검 of an application with support priority."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="site_check"
    )
    researchers_ok = models.BooleanField(_("research staff confirmed"), default=False)
    facilities_ok = models.BooleanField(_("facilities and equipment confirmed"), default=False)
    infrastructure_ok = models.BooleanField(_("infrastructure confirmed"), default=False)
    result = models.CharField(_("result"), max_length=12, choices=SiteCheckResult.choices)
    notes = models.TextField(_("notes"), blank=True)
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("site check")
        verbose_name_plural = _("site checks")

    def __str__(self) -> str:
        return f"site check #{self.application_id}: {self.result}"


class CommitteeDecision(models.Model):
    """실무조정위원회 decision on one candidate: selected or not, order and granted amount."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="committee_decision"
    )
    selected = models.BooleanField(_("selected"))
    order = models.PositiveIntegerField(_("order"), null=True, blank=True)
    granted_krw = models.BigIntegerField(_("granted city grant (KRW)"))
    reason = models.TextField(_("reason"))
    within_envelope = models.BooleanField(_("within the budget envelope"), default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        ordering = ["call_id", "order"]

    def __str__(self) -> str:
        return f"decision #{self.application_id}: {self.selected}"


class ResultNotice(models.Model):
    """The published result of an application; starts the objection period."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="result_notice"
    )
    selected = models.BooleanField(_("selected"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("result notice")
        verbose_name_plural = _("result notices")

    def __str__(self) -> str:
        return f"result #{self.application_id}: {self.selected}"


class Objection(models.Model):
    """이의신청 by an applicant, reviewed by committee members other than the original evaluators."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="objections"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices)
    text = models.TextField(_("grounds"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices,
        default=ObjectionStatus.SUBMITTED,
    )  # fmt: skip
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    outcome = models.TextField(_("outcome"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage"], name="uniq_objection_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"objection #{self.application_id} ({self.stage})"
