"""The agreement (협약) with SBA for a selected application, and its agreement years.

Shared skeleton: other agreement models (guarantees, ledger, expenses, changes, settlement) point at
Agreement and AgreementYear. Money is integer won; dates are Asia/Seoul calendar dates.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.enums import AgreementStatus, FinalResult
from applications.enums import BudgetCategory


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Agreement(models.Model):
    """One agreement per selected application (SBA ↔ lead institution, with co-institutions)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="agreement"
    )
    project = models.OneToOneField(
        "agreements.Project", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="agreement",
    )  # fmt: skip
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    lead_institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="agreements"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFTING,
    )  # fmt: skip
    status_reason = models.TextField(_("reason of the last status change"), blank=True)
    selection_notified_on = models.DateField(_("final selection notice date"))
    guarantee_due_on = models.DateField(_("guarantee insurance due on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    city_grant_krw = models.BigIntegerField(_("city grant, all years (KRW)"), default=0)
    applied_city_grant_krw = models.BigIntegerField(
        _("city grant in the applied plan (KRW)"), default=0
    )
    version_no = models.PositiveIntegerField(_("current version"), default=1)
    verify_code = models.CharField(_("verification code"), max_length=20, unique=True)
    final_result = models.CharField(
        _("final result"), max_length=12, choices=FinalResult.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"협약 {self.verify_code}"


class AgreementYear(models.Model):
    """One agreement year (협약 연차): its period and money. Each year's city grant is released
    only through its instalment, and needs its own guarantee (period + 6 months)."""

    GUARANTEE_EXTRA_MONTHS = 6

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="years")
    year_no = models.PositiveSmallIntegerField(_("agreement year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    city_grant_krw = models.BigIntegerField(_("city grant (KRW)"), default=0)
    institution_cash_krw = models.BigIntegerField(_("institution cash (KRW)"), default=0)
    institution_inkind_krw = models.BigIntegerField(_("institution in-kind (KRW)"), default=0)

    class Meta:
        verbose_name = _("agreement year")
        verbose_name_plural = _("agreement years")
        ordering = ["agreement", "year_no"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year_no"], name="uniq_agreement_year")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year_no}차년도"

    @property
    def guarantee_required_until(self) -> datetime.date:
        """The guarantee must cover the year's R&D period plus 6 months (seed 002 §1)."""
        return add_months(self.ends_on, self.GUARANTEE_EXTRA_MONTHS)


class AgreementBudgetLine(models.Model):
    """Money of one agreement year by institution and budget category (as in the plan)."""

    year = models.ForeignKey(AgreementYear, on_delete=models.CASCADE, related_name="budget_lines")
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("budget category"), max_length=20, choices=BudgetCategory.choices)
    city_grant_krw = models.BigIntegerField(_("city grant (KRW)"), default=0)
    institution_cash_krw = models.BigIntegerField(_("institution cash (KRW)"), default=0)
    institution_inkind_krw = models.BigIntegerField(_("institution in-kind (KRW)"), default=0)

    class Meta:
        verbose_name = _("agreement budget line")
        verbose_name_plural = _("agreement budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "institution", "category"], name="uniq_agreement_budget_line"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.institution_id} {self.category}"
