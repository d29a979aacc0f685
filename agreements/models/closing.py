"""Annual and final evaluation results of an agreement, settlement, bills and sanctions.

Shared skeleton: AnnualReview is read by the instalment gate "previous year's annual evaluation
passed". The evaluation/closing part extends this module.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.enums import AnnualVerdict


class AnnualReview(models.Model):
    """The decided annual evaluation (연차평가) of one agreement year."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="annual_reviews"
    )
    year_no = models.PositiveSmallIntegerField(_("evaluated agreement year"))
    verdict = models.CharField(_("verdict"), max_length=20, choices=AnnualVerdict.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("annual evaluation result")
        verbose_name_plural = _("annual evaluation results")
        ordering = ["agreement", "year_no"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year_no"], name="uniq_annual_review")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year_no}차년도 {self.get_verdict_display()}"
