"""Five-year outcome tracking (추적조사, seed 000 Ⅴ): one commercialisation report (사업화 현황
보고서) per year for each project whose final result is a success, its reminders and evidence."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    OVERDUE = "overdue", _("Overdue")


class ReminderKind(models.TextChoices):
    D30 = "d30", _("30 days before the due date")
    D7 = "d7", _("7 days before the due date")


# The seed's fields of the report (사업화 현황 보고서), in form order. Money in KRW (integer won).
FIGURE_FIELDS = (
    "sales_krw", "cost_savings_krw",
    "hires_research", "hires_production", "hires_other",
    "papers_general", "papers_sci", "talks",
    "patents_filed", "patents_registered",
    "transfers", "transfer_value_krw",
    "awards", "certifications",
    "investment_krw",
)  # fmt: skip


def _count(label):
    return models.PositiveIntegerField(label, default=0)


def _won(label):
    return models.BigIntegerField(label, default=0)


class TrackingReport(models.Model):
    """The report of one project for one calendar year of its five-year tracking window."""

    project = models.ForeignKey(
        "agreements.Project", on_delete=models.PROTECT, related_name="tracking_reports"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="tracking_reports"
    )
    report_year_no = models.PositiveSmallIntegerField(_("tracking year (1–5)"))
    covers_year = models.PositiveSmallIntegerField(_("calendar year covered"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    sales_krw = _won(_("sales (KRW)"))
    cost_savings_krw = _won(_("cost savings (KRW)"))
    hires_research = _count(_("new hires: research"))
    hires_production = _count(_("new hires: production"))
    hires_other = _count(_("new hires: other"))
    papers_general = _count(_("papers (general)"))
    papers_sci = _count(_("papers (SCI)"))
    talks = _count(_("conference talks"))
    patents_filed = _count(_("patents filed"))
    patents_registered = _count(_("patents registered"))
    transfers = _count(_("technology transfers"))
    transfer_value_krw = _won(_("technology transfer contract value (KRW)"))
    awards = _count(_("awards"))
    certifications = _count(_("certifications"))
    investment_krw = _won(_("investment attracted (KRW)"))
    jump_note = models.TextField(_("note on large changes"), blank=True)
    prefill = models.JSONField(_("what the portal knows"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    obligation = models.OneToOneField(
        "screening.Obligation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="tracking_report",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "report_year_no"], name="uniq_tracking_report_year"
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="tracking_report_due")]

    def __str__(self) -> str:
        return f"추적조사 {self.covers_year} ({self.report_year_no}/5) {self.project_id}"

    @property
    def code(self) -> str:
        return f"TR-{self.covers_year}-{self.pk:06d}"

    @property
    def hires_total(self) -> int:
        return self.hires_research + self.hires_production + self.hires_other


class TrackingReminder(models.Model):
    """A reminder claimed (and sent) once per report and kind; the unique row is the claim."""

    report = models.ForeignKey(TrackingReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="uniq_tracking_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class TrackingEvidence(models.Model):
    """An evidence file of a report, checked by content on upload (as applications' files)."""

    report = models.ForeignKey(TrackingReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="tracking/%Y/")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


FIGURE_FIELDS_SQL = FIGURE_FIELDS  # the column names (no db_column overrides)
