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
