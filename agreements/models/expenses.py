"""Expenses executed first and claimed after (선집행 후청구, RCMS style).

Ledger meaning (one ledger, positive rows):
- recording an expense posts EXPENSE_EXECUTED for its amount (year, category, institution);
- disallowing it (staff, with a reason) posts EXPENSE_DISALLOWED for the same amount;
- accepting it posts nothing (the executed row stands).
So "used" = Σ EXPENSE_EXECUTED − Σ EXPENSE_DISALLOWED, and for a settled project
paid = used + unspent returned + disallowed recovered (the disallowed amount is billed back as a
recovery by settlement). Drafts (imported statement lines not yet given a category) post nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.enums import BudgetCategory


class ExpenseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (needs a category)")
    RECORDED = "recorded", _("Recorded (awaiting review)")
    ACCEPTED = "accepted", _("Accepted")
    DISALLOWED = "disallowed", _("Disallowed")
    DISCARDED = "discarded", _("Discarded draft")


# Statuses whose amount counts as executed (posted EXPENSE_EXECUTED and not disallowed).
COUNTED_STATUSES = (ExpenseStatus.RECORDED, ExpenseStatus.ACCEPTED)


class StatementImport(models.Model):
    """One uploaded bank or card statement (CSV / XLSX). The file is kept; every line becomes a
    draft expense or a bad row with its row number and raw values, so nothing is lost."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="statement_imports"
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("statement file"), upload_to="agreements/statements/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    bad_rows = models.JSONField(_("rows not imported"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statement import")
        verbose_name_plural = _("statement imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Expense(models.Model):
    """One expense of one agreement year, institution and budget category, with its evidence."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="expenses"
    )
    year_no = models.PositiveSmallIntegerField(_("agreement year"))
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("budget category"), max_length=20, choices=BudgetCategory.choices, blank=True
    )
    amount_krw = models.BigIntegerField(_("amount (KRW)"))
    spent_on = models.DateField(_("spent on"))
    payee = models.CharField(_("payee"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    evidence = models.FileField(
        _("evidence (PDF)"), upload_to="agreements/expenses/%Y/%m/", blank=True
    )
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    statement = models.ForeignKey(
        StatementImport, null=True, blank=True, on_delete=models.PROTECT, related_name="expenses"
    )
    statement_row = models.PositiveIntegerField(_("statement row"), null=True, blank=True)
    statement_ref = models.CharField(_("statement reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ExpenseStatus.choices, default=ExpenseStatus.RECORDED
    )
    flags = models.JSONField(_("plan warnings at recording"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason of the decision"), blank=True)
    executed_entry = models.OneToOneField(
        "agreements.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT,
        related_name="executed_expense",
    )  # fmt: skip
    disallowed_entry = models.OneToOneField(
        "agreements.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT,
        related_name="disallowed_expense",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-spent_on", "-id"]
        indexes = [
            models.Index(fields=["agreement", "year_no", "status"], name="expense_agreement_year")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_krw__gt=0), name="expense_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["statement", "statement_row"], name="uniq_expense_statement_row"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payee} {self.amount_krw:,}원"
