"""Matching funds for national R&D (R16, 정부지원 대응투자): commitment requests and the national years.

A Seoul institution applying to a national programme asks the city for a commitment letter
(확약서); SBA evaluates the request and the city issues the letter (a PDF with a verification
code). When the national selection comes, the city's matching becomes a multi-year agreement whose
yearly instalment follows each year's national annual evaluation result and national grant.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested (awaiting SBA evaluation)")
    APPROVED = "approved", _("Approved (commitment letter issued)")
    REFUSED = "refused", _("Refused")
    SELECTED = "selected", _("Selected by the national programme")
    NOT_SELECTED = "not_selected", _("Not selected by the national programme")


class NationalResult(models.TextChoices):
    """The national side's decision that opens a year (selection, then annual evaluations)."""

    SELECTED = "selected", _("Selected (first year)")
    CONTINUE = "continue", _("Passed the annual evaluation (continue)")
    REDUCED = "reduced", _("Continued with a reduced national grant")
    STOPPED = "stopped", _("Stopped by the annual evaluation")


class CommitmentRequest(models.Model):
    """A request for the city's commitment letter for one national programme application."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commitment_requests"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="commitment_requests"
    )
    call = models.ForeignKey("programs.Call", on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    ministry = models.CharField(_("national ministry"), max_length=100)
    national_programme = models.CharField(_("national programme"), max_length=200)
    title = models.CharField(_("project title"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    national_grants_krw = models.JSONField(
        _("national grant requested per year (KRW)"), default=list,
        help_text=_("One amount per project year, year 1 first."),
    )  # fmt: skip
    institution_share_krw = models.BigIntegerField(_("institution share (KRW)"), default=0)
    city_share_krw = models.BigIntegerField(_("city share (KRW)"), default=0)
    city_shares_krw = models.JSONField(_("city share per year (KRW)"), default=list)
    ratio = models.CharField(_("city ratio of the national grant"), max_length=12, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices,
        default=CommitmentStatus.REQUESTED,
    )  # fmt: skip
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    letter_code = models.CharField(_("verification code"), max_length=20, blank=True, db_index=True)
    letter_issued_at = models.DateTimeField(_("letter issued at"), null=True, blank=True)
    letter_pdf = models.BinaryField(_("commitment letter (PDF)"), blank=True, default=b"")
    letter_sha256 = models.CharField(_("SHA-256 of the letter PDF"), max_length=64, blank=True)
    agreement = models.OneToOneField(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="commitment_request",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commitment letter request")
        verbose_name_plural = _("commitment letter requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter_code"], condition=~models.Q(letter_code=""),
                name="uniq_commitment_letter_code",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="commitment_period_order",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.institution} – {self.title}"

    @property
    def national_total_krw(self) -> int:
        return sum(int(x) for x in self.national_grants_krw or [])


class NationalYear(models.Model):
    """One year of a nationally selected project: the national result and grant of that year, and
    the city instalment computed from them (ratio × that year's national grant, rounded down)."""

    request = models.ForeignKey(CommitmentRequest, on_delete=models.CASCADE, related_name="years")
    year_no = models.PositiveSmallIntegerField(_("project year"))
    result = models.CharField(_("national result"), max_length=20, choices=NationalResult.choices)
    national_grant_krw = models.BigIntegerField(_("national grant of the year (KRW)"))
    city_krw = models.BigIntegerField(_("city instalment of the year (KRW)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("national year result")
        verbose_name_plural = _("national year results")
        ordering = ["request", "year_no"]
        constraints = [
            models.UniqueConstraint(fields=["request", "year_no"], name="uniq_national_year"),
            models.CheckConstraint(
                condition=models.Q(national_grant_krw__gte=0, city_krw__gte=0),
                name="national_year_amounts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.year_no}: {self.get_result_display()}"
