"""Parts of an application: institutions, researchers and budget rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.enums import BudgetCategory, InstitutionRole, ResearcherRole


class ApplicationInstitution(models.Model):
    """The lead (주관연구개발기관) or a co-institution (공동연구개발기관) of an application."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="institutions"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="application_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=InstitutionRole.choices)
    role_description = models.CharField(_("role in the project"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("application institution")
        verbose_name_plural = _("application institutions")
        ordering = ["role", "id"]  # "co" < "lead": lead last; views sort explicitly
        constraints = [
            models.UniqueConstraint(
                fields=["application", "institution"], name="uniq_application_institution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.get_role_display()})"


class ApplicationResearcher(models.Model):
    """A researcher on the plan with their role and participation rate (참여율) on this project."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="researchers"
    )
    researcher = models.ForeignKey(
        "accounts.Researcher", on_delete=models.PROTECT, related_name="application_roles"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=10, choices=ResearcherRole.choices)
    rate_pct = models.PositiveSmallIntegerField(_("participation rate (%)"))

    class Meta:
        verbose_name = _("application researcher")
        verbose_name_plural = _("application researchers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "researcher"], name="uniq_application_researcher"
            )
        ]

    def __str__(self) -> str:
        return f"{self.researcher} {self.rate_pct}%"


class BudgetItem(models.Model):
    """One budget row: year × institution × cost category, split by source (KRW, integers)."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="budget_items"
    )
    year = models.PositiveSmallIntegerField(_("project year"), help_text=_("1 for the first year."))
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("cost category"), max_length=20, choices=BudgetCategory.choices)
    city_krw = models.BigIntegerField(_("city grant (KRW)"), default=0)
    cash_krw = models.BigIntegerField(_("institution cash (KRW)"), default=0)
    inkind_krw = models.BigIntegerField(_("institution in-kind (KRW)"), default=0)

    class Meta:
        verbose_name = _("budget item")
        verbose_name_plural = _("budget items")
        ordering = ["year", "institution_id", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year", "institution", "category"], name="uniq_budget_row"
            ),
            models.CheckConstraint(
                condition=models.Q(city_krw__gte=0, cash_krw__gte=0, inkind_krw__gte=0),
                name="budget_item_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Y{self.year} {self.institution_id} {self.category}"

    @property
    def total_krw(self) -> int:
        return self.city_krw + self.cash_krw + self.inkind_krw
