"""Screening runs, per-application results (with every rule's outcome) and duplicate flags."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from evaluation.screening.enums import Outcome, RunStatus


class ScreeningRun(models.Model):
    """One screening pass over the submitted applications of a call."""

    call = models.ForeignKey(
        "programs.Call", on_delete=models.CASCADE, related_name="screening_runs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("applications"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    duplicate_threshold = models.FloatField(_("duplicate similarity threshold"), default=0.5)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duplicates_done_at = models.DateTimeField(
        _("duplicate check done at"), null=True, blank=True,
        help_text=_("Set when the duplicate phase has written its pairs; a resumed run skips it."),
    )  # fmt: skip
    error = models.TextField(blank=True)
    released_at = models.DateTimeField(_("results released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.call} ({self.status})"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == RunStatus.DONE else 0
        return min(100, int(self.processed * 100 / self.total))


class ScreeningResult(models.Model):
    """The screening outcome of one application in one run, with every rule's outcome and reason.

    ``rules`` is a list of {"code", "outcome", "reason_ko", "reason_en", "clause"}.
    """

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="results")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="screening_results"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    rules = models.JSONField(_("rule outcomes"), default=list)
    override_outcome = models.CharField(
        _("overridden outcome"), max_length=12, choices=Outcome.choices, blank=True
    )
    override_reason = models.TextField(_("override reason"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")
        ordering = ["run", "application_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "application"], name="uniq_result_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.final_outcome}"

    @property
    def final_outcome(self) -> str:
        return self.override_outcome or self.outcome

    def get_final_outcome_display(self) -> str:
        return Outcome(self.final_outcome).label

    def rule_rows(self) -> list[dict]:
        """Rule outcomes with the reason in the active language."""
        en = translation.get_language() == "en"
        return [
            {**r, "reason": r.get("reason_en") if en else r.get("reason_ko")} for r in self.rules
        ]


class DuplicateFlag(models.Model):
    """A pair of texts above the similarity threshold: an application and an earlier one or a project."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="duplicates")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    other_application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    other_project = models.ForeignKey(
        "agreements.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    other_key = models.CharField(max_length=30, help_text="a:<application id> or p:<project id>")
    similarity = models.FloatField(_("similarity"))
    method = models.CharField(_("method"), max_length=20)

    class Meta:
        verbose_name = _("duplicate pair")
        verbose_name_plural = _("duplicate pairs")
        ordering = ["run", "-similarity"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "application", "other_key"], name="uniq_duplicate_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} ~ {self.other_application_id or self.other_project_id}"
