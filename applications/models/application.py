from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.enums import ApplicationStatus


class Application(models.Model):
    """An R&D plan submitted to a call by a PI's personal account for a lead institution.

    Core fields other apps rely on (screening, evaluation, agreements). Totals are denormalised from
    the per-year budget rows so that list views and rules do not re-sum them.
    """

    call = models.ForeignKey("programs.Call", on_delete=models.PROTECT, related_name="applications")
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="applications"
    )
    lead_institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="applications",
        verbose_name=_("lead institution"),
    )  # fmt: skip
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications",
        verbose_name=_("principal investigator account"),
    )  # fmt: skip
    pi = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="pi_applications", verbose_name=_("principal investigator"),
    )  # fmt: skip
    track = models.CharField(
        _("track"), max_length=40, blank=True, db_index=True,
        help_text=_("Code of one of the programme's tracks (programs.domain.flows); empty when it has none."),
    )  # fmt: skip
    title_ko = models.CharField(_("title (Korean)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    content = models.TextField(_("content"), blank=True)
    expected_outcomes = models.TextField(_("expected outcomes"), blank=True)
    outcome_use = models.TextField(_("use of outcomes"), blank=True)
    tech_classification = models.CharField(
        _("technology classification"), max_length=100, blank=True
    )
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Comma-separated.")
    )
    current_trl = models.PositiveSmallIntegerField(_("current TRL"), null=True, blank=True)
    target_trl = models.PositiveSmallIntegerField(_("target TRL"), null=True, blank=True)
    period_months = models.PositiveSmallIntegerField(_("period (months)"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    schedule = models.JSONField(
        _("per-year schedule"), default=list, blank=True,
        help_text=_('List of {"year", "starts_on", "ends_on", "goals"}'),
    )  # fmt: skip
    city_grant_krw = models.BigIntegerField(_("city grant (KRW)"), default=0)
    institution_cash_krw = models.BigIntegerField(_("institution cash (KRW)"), default=0)
    institution_inkind_krw = models.BigIntegerField(_("institution in-kind (KRW)"), default=0)
    # Electronic forms (전자서식).
    eligibility_check = models.JSONField(
        _("eligibility self-check"), default=dict, blank=True,
        help_text=_("Answers of the self-check, {question_code: true/false}."),
    )  # fmt: skip
    privacy_consent = models.BooleanField(_("privacy consent"), default=False)
    privacy_consent_at = models.DateTimeField(_("privacy consent given at"), null=True, blank=True)
    export_record = models.BooleanField(
        _("export record in the last 3 years"), default=False,
        help_text=_("The lead institution exported in the 3 years before the call (수출실적); "
                    "some programmes give bonus points for it (e.g. G-Valley +2)."),
    )  # fmt: skip
    rnd_record = models.JSONField(
        _("R&D record of the last 3 years"), default=list, blank=True,
        help_text=_('List of {"year", "kind": "seoul"|"national"|"local", "title", "agency", '
                    '"amount_krw"}'),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT, db_index=True,
    )  # fmt: skip
    receipt_no = models.CharField(_("receipt number"), max_length=40, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key of the submit"), max_length=100, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Co-editing (campus-town joint plans): every save of the draft bumps edit_version and names
    # its author; a save based on an older version refuses when someone else saved in between
    # (applications.domain.drafts.check_edit_base).
    edit_version = models.PositiveIntegerField(_("edit version"), default=0)
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("last saved by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "receipt_no"], condition=~models.Q(receipt_no=""),
                name="uniq_receipt_per_call",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title_ko or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("applications:edit", args=[self.pk])

    @property
    def total_krw(self) -> int:
        return self.city_grant_krw + self.institution_cash_krw + self.institution_inkind_krw

    @property
    def institution_share_krw(self) -> int:
        return self.institution_cash_krw + self.institution_inkind_krw
