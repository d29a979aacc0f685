"""One ledger for the whole life of a project's money (integer KRW)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.enums import LedgerKind
from applications.enums import BudgetCategory


class LedgerEntry(models.Model):
    """One movement of money. Balances and totals (project, programme-year, city) are sums of these
    rows; rows are never edited or deleted — a correction is a new row with a reason.

    Every row names its agreement, except a prize (``prize_paid``): a prize is paid outside the
    project budget and has no settlement, so a winner without an agreement (e.g. an academic
    contest's paper) still gets a row, naming the call, the application and the institution
    instead (DB check ``ledger_agreement_or_prize``). ``call`` is set on every row (the call of the
    agreement's application), so the money dashboard groups a programme's rows by call directly."""

    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.PROTECT,
        related_name="ledger",
    )  # fmt: skip
    call = models.ForeignKey(
        "programs.Call", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    year_no = models.PositiveSmallIntegerField(_("agreement year"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=LedgerKind.choices)
    amount_krw = models.BigIntegerField(_("amount (KRW)"))
    category = models.CharField(
        _("budget category"), max_length=20, choices=BudgetCategory.choices, blank=True
    )
    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["program", "fiscal_year", "kind"], name="ledger_program_year"),
            models.Index(fields=["agreement", "kind"], name="ledger_agreement_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_krw__gt=0), name="ledger_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(agreement__isnull=False)
                | models.Q(
                    kind=LedgerKind.PRIZE_PAID, call__isnull=False, application__isnull=False
                ),
                name="ledger_agreement_or_prize",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_krw:,}원"
