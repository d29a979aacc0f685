from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchingRule(models.TextChoices):
    """How the private / institution share of the budget is checked."""

    PRIVATE_25_CASH_10_OF_CITY = (
        "private25_cash10city",
        # xgettext:no-python-format
        _("Private share ≥ 25 % of total, cash ≥ 10 % of the city grant (2021 plan)"),
    )
    CITY_75_INST_25_CASH_10_OF_INST = (
        "city75_inst25_cash10inst",
        # xgettext:no-python-format
        _(
            "City ≤ 75 % of total, institution ≥ 25 %, cash ≥ 10 % of the institution share (2023 call)"
        ),
    )
    COMPANY_PAYS_20 = (
        "company20",
        # xgettext:no-python-format
        _("Company pays ≥ 20 % of total (testbed)"),
    )
    NONE = "none", _("No matching required")


class IntakeMode(models.TextChoices):
    FIXED = "fixed", _("Fixed window")
    ROLLING = "rolling", _("Rolling intake")


class Aggregation(models.TextChoices):
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (drop one highest and one lowest)")
    MEAN = "mean", _("Mean")
    MEDIAN = "median", _("Median")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class BudgetLineKind(models.TextChoices):
    PROGRAMME = "programme", _("Unit programme")
    OPERATING = "operating", _("Project management / operating cost")
    JOINT_OPERATING = "joint_operating", _("Joint-cooperation operating cost")
    NATIONAL_MATCHING = "national_matching", _("National matching line")


class PrintedTotalScope(models.TextChoices):
    CITY_GRAND_TOTAL = "city_total", _("City-funded programmes, grand total")
    FIELD_SUBTOTAL = "field_subtotal", _("Field subtotal")
    NATIONAL_MATCHING_TOTAL = "national_total", _("National matching, total")
