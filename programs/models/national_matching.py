"""The 2021 table of continuing national-matching projects (seed 000 Ⅳ-⑯, 지원과제 목록)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContinuingNationalProject(models.Model):
    """One row of the plan's list of continuing projects matched by the city (loaded from data)."""

    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    row_no = models.PositiveSmallIntegerField(_("row"))
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    selection_year = models.PositiveSmallIntegerField(_("selection year"))
    ministry = models.CharField(_("national ministry"), max_length=100)
    national_programme = models.CharField(_("national programme"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Empty: ongoing."))

    class Meta:
        verbose_name = _("continuing national-matching project")
        verbose_name_plural = _("continuing national-matching projects")
        ordering = ["plan_year", "row_no"]
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "row_no"], name="uniq_continuing_row")
        ]

    def __str__(self) -> str:
        return f"{self.plan_year} #{self.row_no} {self.national_programme}"
