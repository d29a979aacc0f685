from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SCREENED_OUT = "screened_out", _("Excluded at screening")
    IN_EVALUATION = "in_evaluation", _("In evaluation")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class InstitutionRole(models.TextChoices):
    LEAD = "lead", _("Lead institution (주관연구개발기관)")
    CO = "co", _("Co-institution (공동연구개발기관)")
    # 2024 free-call cooperation projects (자유 공모형 협력과제, seed 001): a private demonstration
    # site (shopping centre, factory) joins the consortium; allowed where the flow says so.
    DEMO_SITE = "demo_site", _("Private demonstration site (민간 실증기관)")


class ResearcherRole(models.TextChoices):
    PI = "pi", _("Principal investigator")
    CO_PI = "co_pi", _("Co-principal investigator")
    RESEARCHER = "researcher", _("Researcher")


class BudgetCategory(models.TextChoices):
    """Cost categories (비목) of the R&D budget."""

    PERSONNEL = "personnel", _("Personnel (인건비)")
    EQUIPMENT = "equipment", _("Equipment and facilities (연구시설·장비비)")
    MATERIALS = "materials", _("Materials (연구재료비)")
    ACTIVITY = "activity", _("Research activities (연구활동비)")
    OUTSOURCING = "outsourcing", _("Outsourced development (위탁연구개발비)")
    ALLOWANCE = "allowance", _("Research allowance (연구수당)")
    INDIRECT = "indirect", _("Indirect costs (간접비)")


class RndRecordKind(models.TextChoices):
    SEOUL = "seoul", _("Seoul R&D")
    NATIONAL = "national", _("National R&D")
    LOCAL = "local", _("Other local government R&D")
