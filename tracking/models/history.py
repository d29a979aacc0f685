"""The city's printed R&D support record (seed 000) as rows per period, with the printed totals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryTable(models.TextChoices):
    SUPPORT = "support", _("Seoul R&D support")
    COMMERCIALISATION = "commercialisation", _("Commercialisation outcomes")
    RESEARCH = "research", _("Research outcomes")
    MATCHING = "matching", _("Matching funds for national R&D")


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


def _money(label):
    return models.BigIntegerField(label, null=True, blank=True)


class HistoryFigures(models.Model):
    """Figures of one row of a seed table; a table uses only its own columns (others stay null)."""

    table = models.CharField(_("table"), max_length=20, choices=HistoryTable.choices)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    # support and matching (projects: the row's printed total; amounts in million KRW)
    projects = _count(_("projects"))
    projects_new = _count(_("new projects"))
    projects_continuing = _count(_("continuing projects"))
    amount_million_krw = _money(_("amount (million KRW)"))
    amount_new_million_krw = _money(_("amount for new projects (million KRW)"))
    amount_continuing_million_krw = _money(_("amount for continuing projects (million KRW)"))
    # commercialisation
    sales_million_krw = _money(_("sales (million KRW)"))
    cost_savings_million_krw = _money(_("cost savings (million KRW)"))
    hires = _count(_("new hires"))
    hires_research = _count(_("research staff"))
    hires_production = _count(_("production staff"))
    hires_other = _count(_("other staff"))
    # research
    papers_general = _count(_("papers (general)"))
    papers_sci = _count(_("papers (SCI)"))
    talks = _count(_("conference talks"))
    patents_filed = _count(_("patents filed"))
    patents_registered = _count(_("patents registered"))
    transfers = _count(_("technology transfers"))
    transfer_value_million_krw = _money(_("transfer contract value (million KRW)"))
    awards_certifications = _count(_("awards and certifications"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["table", "first_year"]


class HistoryYear(HistoryFigures):
    """One year (or a block of early years, as printed) of one seed table."""

    class Meta(HistoryFigures.Meta):
        verbose_name = _("history row")
        verbose_name_plural = _("history rows")
        constraints = [
            models.UniqueConstraint(fields=["table", "first_year"], name="uniq_history_year"),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="history_year_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.first_year}-{self.last_year}"


class PrintedHistoryTotal(HistoryFigures):
    """The total row/column of a seed table as printed, kept to compare with the sum of its rows."""

    class Meta(HistoryFigures.Meta):
        verbose_name = _("printed history total")
        verbose_name_plural = _("printed history totals")
        constraints = [
            models.UniqueConstraint(fields=["table"], name="uniq_printed_history_total"),
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.first_year}-{self.last_year} (printed)"
