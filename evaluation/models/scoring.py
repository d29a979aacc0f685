"""Score sheets (one per assignment) and computed stage results."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluation.enums import FlaggedDecision, SheetStatus, StageCode


class ScoreSheet(models.Model):
    """An evaluator's score sheet; locked once submitted, reopened only by staff with a reason."""

    assignment = models.OneToOneField(
        "evaluation.Assignment", on_delete=models.CASCADE, related_name="sheet"
    )
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, default=0)
    comment = models.TextField(_("overall comment"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return f"sheet #{self.pk} ({self.status})"

    @property
    def is_locked(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class CriterionScore(models.Model):
    """Points given for one criterion (code from Program.stages[*]["criteria"])."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("criterion"), max_length=40)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="uniq_criterion_per_sheet")
        ]

    def __str__(self) -> str:
        return f"{self.code}={self.points}"


class StageResult(models.Model):
    """The computed score of an application at a stage, with everything needed to explain it."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="stage_results"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices)
    n_scores = models.PositiveSmallIntegerField(_("number of scores"), default=0)
    scores = models.JSONField(_("sheet totals"), default=list)
    aggregate = models.DecimalField(
        _("stage score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    method = models.CharField(_("method"), max_length=20)
    dropped = models.JSONField(_("dropped scores"), default=list, blank=True)
    flagged = models.BooleanField(_("flagged (fallback used)"), default=False)
    bonus = models.DecimalField(_("bonus points"), max_digits=5, decimal_places=2, default=0)
    bonus_detail = models.JSONField(_("bonus detail"), default=list, blank=True)
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    tie_break = models.CharField(_("tie-break used"), max_length=100, blank=True)
    advances = models.BooleanField(_("advances"), default=False)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        ordering = ["call_id", "stage", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="uniq_stage_result")
        ]

    def __str__(self) -> str:
        return f"{self.stage} #{self.application_id}: {self.total}"


class FlaggedResultReview(models.Model):
    """Staff's decision, with a reason, on a flagged stage result (the fallback was used because
    fewer than 3 evaluators scored). Until a decision for the same scores exists, the flagged
    result does not advance (``evaluation.domain.results.decide_flagged_result``). A decision
    holds only for the sheet totals it was taken on: changed scores need a new decision."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="flagged_reviews"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices)
    scores = models.JSONField(_("sheet totals decided on"), default=list)
    decision = models.CharField(_("decision"), max_length=20, choices=FlaggedDecision.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("flagged result review")
        verbose_name_plural = _("flagged result reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="uniq_flagged_review")
        ]

    def __str__(self) -> str:
        return f"{self.stage} #{self.application_id}: {self.decision}"
