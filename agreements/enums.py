from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class FinalResult(models.TextChoices):
    NONE = "", _("Not evaluated")
    EXCELLENT = "excellent", _("Success – excellent")
    NORMAL = "normal", _("Success – normal")
    FAILURE = "failure", _("Failure")


class AgreementStatus(models.TextChoices):
    """협약 상태. Changes only through agreements.domain.state.set_agreement_status."""

    DRAFTING = "drafting", _("Drafting")
    AWAITING_GUARANTEE = "awaiting_guarantee", _("Awaiting guarantee insurance")
    AWAITING_SIGNATURES = "awaiting_signatures", _("Awaiting signatures")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")
