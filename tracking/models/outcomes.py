"""Running totals of the accepted outcome reports per programme and covered year (the outcomes
dashboard reads these ~200 rows instead of aggregating every report on each request).

Kept by tracking/outcome_signals.py: a report that becomes accepted (the state function saves it)
adds its figures once, a change or deletion of an accepted report applies the difference, in the
same transaction. `tracking.domain.outcome_tallies.rebuild_outcome_tallies()` recomputes them
from the reports (the migration and `manage.py rebuild_outcome_tallies` call it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The summed report columns (money in won, counts), as in TrackingReport.
TALLY_FIELDS = (
    "sales_krw", "cost_savings_krw", "transfer_value_krw", "hires_research", "hires_production",
    "hires_other", "papers_general", "papers_sci", "talks", "patents_filed", "patents_registered",
    "transfers", "awards", "certifications",
)  # fmt: skip


def _sum(label):
    return models.BigIntegerField(label, default=0)


class OutcomeTally(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    covers_year = models.PositiveSmallIntegerField(_("calendar year covered"))
    reports = models.IntegerField(_("accepted reports"), default=0)  # no CHECK: see add_to_tally
    sales_krw = _sum(_("sales (KRW)"))
    cost_savings_krw = _sum(_("cost savings (KRW)"))
    transfer_value_krw = _sum(_("technology transfer contract value (KRW)"))
    hires_research = _sum(_("new hires: research"))
    hires_production = _sum(_("new hires: production"))
    hires_other = _sum(_("new hires: other"))
    papers_general = _sum(_("papers (general)"))
    papers_sci = _sum(_("papers (SCI)"))
    talks = _sum(_("conference talks"))
    patents_filed = _sum(_("patents filed"))
    patents_registered = _sum(_("patents registered"))
    transfers = _sum(_("technology transfers"))
    awards = _sum(_("awards"))
    certifications = _sum(_("certifications"))

    class Meta:
        verbose_name = _("outcome tally")
        verbose_name_plural = _("outcome tallies")
        constraints = [
            models.UniqueConstraint(fields=["program", "covers_year"], name="uniq_outcome_tally")
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.covers_year}: {self.reports}"


# The receivers that keep the tallies in step with the reports (connected on import).
from tracking import outcome_signals  # noqa: E402, F401
