from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.enums import FinalResult, ProjectStatus


class Project(models.Model):
    """A funded project (과제), past or running. Screening and participation limits read these."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="projects"
    )
    application = models.OneToOneField(
        "applications.Application", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="project",
    )  # fmt: skip
    lead_institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="led_projects"
    )
    pi = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="led_projects", verbose_name=_("principal investigator"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    objectives = models.TextField(_("objectives"), blank=True)
    content = models.TextField(_("content"), blank=True)
    is_seoul_rnd = models.BooleanField(_("Seoul R&D project"), default=True)
    selected_on = models.DateField(_("selected on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    city_grant_krw = models.BigIntegerField(_("city grant (KRW)"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.RUNNING
    )
    final_result = models.CharField(
        _("final result"), max_length=12, choices=FinalResult.choices, blank=True
    )

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = ["-selected_on"]

    def __str__(self) -> str:
        return self.title


class ProjectParticipation(models.Model):
    """A researcher's participation rate (참여율 / 인건비계상률) in a funded project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    researcher = models.ForeignKey(
        "accounts.Researcher", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=30, default="researcher")
    rate_pct = models.PositiveSmallIntegerField(_("participation rate (%)"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("project participation")
        verbose_name_plural = _("project participations")
        constraints = [
            models.UniqueConstraint(fields=["project", "researcher"], name="uniq_participation")
        ]

    def __str__(self) -> str:
        return f"{self.researcher} {self.rate_pct}% @ {self.project}"
