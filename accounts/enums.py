from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("SBA staff")
    APPLICANT = "applicant", _("Applicant (principal investigator)")
    EVALUATOR = "evaluator", _("Evaluator")
    OFFICIAL = "official", _("City official")
    OPERATOR = "operator", _("Operator (VC)")
    INTAKE_AGENCY = "intake_agency", _("Intake agency (Seoul Institute of Technology)")
    DEMO_SITE = "demo_site", _("Demonstration site")
    PARTNER = "partner", _("Partner company (Tech Partners)")
    EXPERT = "expert", _("University expert (campus-town matching)")
    DESIGNATOR = "designator", _("City designating official")


class InstitutionType(models.TextChoices):
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    HOSPITAL = "hospital", _("Hospital")
    INSTITUTE = "institute", _("Research institute")
    OTHER = "other", _("Other")


class HospitalGrade(models.TextChoices):
    NONE = "", _("Not a hospital")
    CLINIC = "clinic", _("Clinic / hospital")
    GENERAL = "general", _("General hospital (종합병원)")
    TERTIARY = "tertiary", _("Tertiary general hospital (상급종합병원)")


class SiteKind(models.TextChoices):
    HQ = "hq", _("Head office")
    BRANCH = "branch", _("Branch")


class Hub(models.TextChoices):
    SEOUL_BIO_HUB = "seoul_bio_hub", _("Seoul Bio Hub (Hongneung)")
    AI_YANGJAE_HUB = "ai_yangjae_hub", _("AI Yangjae Hub")
    SEOUL_FINTECH_LAB = "seoul_fintech_lab", _("Seoul Fintech Lab")
    BLOCKCHAIN_CENTRE = "blockchain_centre", _("Seoul Blockchain Support Centre")
    G_VALLEY = "g_valley", _("G-Valley")
    CAMPUS_TOWN = "campus_town", _("Campus Town")
    STARTUP_INCUBATOR = "startup_incubator", _("City startup incubator")


SEOUL_DISTRICTS = [
    "강남구", "강동구", "강북구", "강서구", "관악구", "광진구", "구로구", "금천구", "노원구",
    "도봉구", "동대문구", "동작구", "마포구", "서대문구", "서초구", "성동구", "성북구", "송파구",
    "양천구", "영등포구", "용산구", "은평구", "종로구", "중구", "중랑구",
]  # fmt: skip


class InstitutionStatus(models.TextChoices):
    """Registered by its own member: confirmed. Registered through an invitation: staff confirm."""

    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Awaiting confirmation")
    REJECTED = "rejected", _("Rejected")
