"""Data the screening rules read, imported by staff from Excel/CSV in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluation.screening.enums import (
    AccountType,
    ArrearsException,
    InsolvencyState,
    LenderType,
    ObligationKind,
    SoundnessException,
)


class Recommendation(models.Model):
    """An operator's recommendation of a company for an investment-linked call, with its investment."""

    operator = models.ForeignKey(
        "programs.Operator", on_delete=models.PROTECT, related_name="recommendations"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="recommendations"
    )
    call = models.ForeignKey(
        "programs.Call", null=True, blank=True, on_delete=models.CASCADE,
        related_name="recommendations",
    )  # fmt: skip
    recommended_on = models.DateField(_("recommended on"))
    investment_krw = models.BigIntegerField(_("investment or commitment (KRW)"))
    account_type = models.CharField(
        _("account type"), max_length=4, choices=AccountType.choices, default=AccountType.OWN
    )
    contract_date = models.DateField(_("investment contract date"))
    company_share_pct = models.DecimalField(
        _("company's own shares after investment (%)"), max_digits=5, decimal_places=2
    )
    operator_share_pct = models.DecimalField(
        _("operator's shares after investment (%)"), max_digits=5, decimal_places=2
    )

    class Meta:
        verbose_name = _("operator recommendation")
        verbose_name_plural = _("operator recommendations")
        ordering = ["recommended_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "institution", "call"], name="uniq_recommendation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.operator} → {self.institution} ({self.recommended_on})"


class FinancialStatement(models.Model):
    """A settled balance sheet (결산 재무상태표) of an institution."""

    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="financial_statements"
    )
    settled_on = models.DateField(_("settlement date (fiscal year end)"))
    total_liabilities_krw = models.BigIntegerField(_("total liabilities (KRW)"))
    total_equity_krw = models.BigIntegerField(_("total equity (KRW)"))
    paid_in_capital_krw = models.BigIntegerField(_("paid-in capital (KRW)"), default=0)
    excludable_loans_krw = models.BigIntegerField(
        _("loan-type investment from public bodies / registered VCs (KRW)"), default=0,
        help_text=_("CB, BW, redeemable (convertible) preferred shares; may be excluded from debt."),
    )  # fmt: skip
    excludable_loans_on = models.DateField(
        _("loan-type investment received on"), null=True, blank=True
    )
    excludable_loans_lender = models.CharField(
        _("lender of the loan-type investment"), max_length=20, choices=LenderType.choices,
        blank=True,
        help_text=_("Only loans from a public body or a registered VC (KVCA member) received in "
                    "the 2 years before the close are excluded from the debt (seed 002 §4)."),
    )  # fmt: skip
    exception = models.CharField(
        _("recognised exception"), max_length=20, choices=SoundnessException.choices, blank=True
    )

    class Meta:
        verbose_name = _("financial statement")
        verbose_name_plural = _("financial statements")
        ordering = ["institution", "-settled_on"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "settled_on"], name="uniq_fin_statement")
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.settled_on}"


class CreditStatus(models.Model):
    """Credit and tax status of an institution as checked on a date (신용조회)."""

    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="credit_statuses"
    )
    checked_on = models.DateField(_("checked on"))
    insolvency = models.CharField(
        _("insolvency"), max_length=20, choices=InsolvencyState.choices, blank=True
    )
    rehabilitation_approved = models.BooleanField(
        _("rehabilitation / repayment plan approved and performed"), default=False
    )
    tax_arrears = models.BooleanField(_("tax arrears disposition (체납처분)"), default=False)
    tax_arrears_exception = models.CharField(
        _("tax arrears exception"), max_length=20, choices=ArrearsException.choices, blank=True
    )
    tax_arrears_exception_on = models.DateField(_("exception applied on"), null=True, blank=True)
    defaulter = models.BooleanField(_("registered defaulter (채무불이행자)"), default=False)
    defaulter_exception = models.CharField(
        _("defaulter exception"), max_length=20, choices=ArrearsException.choices, blank=True
    )
    defaulter_exception_on = models.DateField(_("exception applied on"), null=True, blank=True)

    class Meta:
        verbose_name = _("credit status")
        verbose_name_plural = _("credit statuses")
        ordering = ["institution", "-checked_on"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "checked_on"], name="uniq_credit_status")
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.checked_on}"


class Obligation(models.Model):
    """An obligation of an institution or researcher from earlier projects (report, royalty, …)."""

    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.CASCADE,
        related_name="obligations",
    )  # fmt: skip
    researcher = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.CASCADE,
        related_name="obligations",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=ObligationKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount_krw = models.BigIntegerField(_("amount (KRW)"), default=0)
    due_on = models.DateField(_("due on"))
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"


class Sanction(models.Model):
    """A participation restriction (참여제한) of an institution or researcher."""

    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.CASCADE,
        related_name="sanctions",
    )  # fmt: skip
    researcher = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.CASCADE,
        related_name="sanctions",
    )  # fmt: skip
    reason = models.CharField(_("reason"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("participation restriction")
        verbose_name_plural = _("participation restrictions")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.reason} {self.starts_on}–{self.ends_on}"
