from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.enums import BudgetLineKind, PrintedTotalScope


class BudgetLine(models.Model):
    """One line of the plan's budget table for one year (amounts in million KRW as printed)."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=BudgetLineKind.choices)
    program = models.ForeignKey(
        "programs.Program", null=True, blank=True, on_delete=models.CASCADE,
        related_name="budget_lines",
    )  # fmt: skip
    label = models.CharField(_("label"), max_length=200)
    continuing = models.PositiveIntegerField(_("continuing projects"), null=True, blank=True)
    new = models.PositiveIntegerField(_("new projects"), null=True, blank=True)
    amount_million_krw = models.PositiveIntegerField(_("city amount (million KRW)"), default=0)
    national_million_krw = models.PositiveIntegerField(
        _("national amount (million KRW)"), default=0
    )
    is_executed = models.BooleanField(_("executed (not planned)"), default=False)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "kind", "program__order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "label"], name="uniq_budget_line")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.label}: {self.amount_million_krw}"


class PrintedTotal(models.Model):
    """A total as printed in the seed, kept to compare with the sum of its lines."""

    year = models.PositiveSmallIntegerField(_("year"))
    scope = models.CharField(_("scope"), max_length=20, choices=PrintedTotalScope.choices)
    field = models.ForeignKey("programs.Field", null=True, blank=True, on_delete=models.CASCADE)
    continuing = models.PositiveIntegerField(_("continuing projects"), null=True, blank=True)
    new = models.PositiveIntegerField(_("new projects"), null=True, blank=True)
    amount_million_krw = models.PositiveIntegerField(_("city amount (million KRW)"), default=0)
    national_million_krw = models.PositiveIntegerField(
        _("national amount (million KRW)"), default=0
    )

    class Meta:
        verbose_name = _("printed total")
        verbose_name_plural = _("printed totals")
        constraints = [
            models.UniqueConstraint(fields=["year", "scope", "field"], name="uniq_printed_total"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.year} {self.get_scope_display()} {self.field or ''}: {self.amount_million_krw}"
        )
