from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from programs.enums import IntakeMode, MatchingRule


class Field(models.Model):
    """A field (분야) grouping unit programmes in the plan."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name_ko = models.CharField(_("Korean name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ko


class Program(models.Model):
    """A unit programme (단위사업). All of its rules are data, read by the rule engines."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="programs")
    department = models.CharField(_("department"), max_length=100)
    plan_year = models.PositiveSmallIntegerField(_("plan year"), default=2021)
    is_project_based = models.BooleanField(_("project-based"), default=True)
    max_grant_krw = models.BigIntegerField(
        _("max city grant per project (KRW)"), null=True, blank=True
    )
    max_period_months = models.PositiveSmallIntegerField(
        _("max period (months)"), null=True, blank=True
    )
    matching_rule = models.CharField(
        _("matching rule"), max_length=40, choices=MatchingRule.choices,
        default=MatchingRule.PRIVATE_25_CASH_10_OF_CITY,
    )  # fmt: skip
    min_trl = models.PositiveSmallIntegerField(_("minimum TRL"), null=True, blank=True)
    royalty_rate = models.DecimalField(
        _("royalty rate"), max_digits=5, decimal_places=4, default=0,
        help_text=_("Share of the city grant used, e.g. 0.1000 for 10 %."),
    )  # fmt: skip
    max_firm_age_years = models.PositiveSmallIntegerField(
        _("max firm age (years)"), null=True, blank=True
    )
    intake_mode = models.CharField(
        _("intake mode"), max_length=10, choices=IntakeMode.choices, default=IntakeMode.FIXED
    )
    consortium = models.JSONField(
        _("consortium requirements"), default=dict, blank=True,
        help_text=_('e.g. {"required": true, "partner_types": ["university", "hospital", "institute"], '
                    '"min_hospital_grade": "general", "lead_in_seoul": true, "companies_incorporated": true}'),
    )  # fmt: skip
    bonus_rules = models.JSONField(
        _("bonus-point rules"), default=list, blank=True,
        help_text=_('List of {"code", "points", "kind", ...}, e.g. {"code": "hub_tenant", '
                    '"kind": "hub_tenant", "hubs": ["ai_yangjae_hub"], "points": 2}'),
    )  # fmt: skip
    stages = models.JSONField(
        _("evaluation stages"), default=list, blank=True,
        help_text=_('List of {"code", "cutoff", "multiplier", "aggregation", "fallback", "criteria"}'),
    )  # fmt: skip
    eligibility = models.JSONField(
        _("eligibility rules"), default=list, blank=True,
        help_text=_('Rule codes with parameters applied at screening, e.g. {"code": "firm_age", "max_years": 7}'),
    )  # fmt: skip
    post_award = models.JSONField(
        _("post-award rules"), default=dict, blank=True,
        help_text=_('Agreement and money rules by key, each read by agreements with defaults marked as '
                    'defaults, e.g. {"instalment_gates": [...], "change_rules": {...}, '
                    '"grade_bands": [...], "royalty_rates": {...}, "max_years": 2}'),
    )  # fmt: skip
    flow = models.JSONField(
        _("programme flow"), default=dict, blank=True,
        help_text=_('How the programme runs when it is not a plain call, by key, read through '
                    'programs.domain.flows: {"tracks": [...], "tiers": [...], "plugins": {hook: [names]}, ...}'),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("seed source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ko

    def stage(self, code: str) -> dict | None:
        return next((s for s in self.stages if s.get("code") == code), None)


class Operator(models.Model):
    """A designated operator (운영사: VC/AC/tech-holding) of the investment-linked programme."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    business_no = models.CharField(_("business registration number"), max_length=10, blank=True)
    is_registered_vc = models.BooleanField(_("registered VC association member"), default=True)
    annual_quota = models.PositiveSmallIntegerField(_("annual allocation (companies)"), default=1)
    year = models.PositiveSmallIntegerField(_("designation year"), default=2023)

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operators")

    def __str__(self) -> str:
        return self.name
