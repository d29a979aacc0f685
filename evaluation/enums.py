"""Enumerations of the evaluation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StageCode(models.TextChoices):
    DOCUMENT = "document", _("Document evaluation")
    PRESENTATION = "presentation", _("Presentation evaluation")
    ANNUAL = "annual", _("Annual evaluation")
    FINAL = "final", _("Final evaluation")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXCLUDED = "excluded", _("Excluded (conflict of interest)")
    RECUSED = "recused", _("Recused by the evaluator")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted (locked)")
    REOPENED = "reopened", _("Reopened by staff")


class ConflictKind(models.TextChoices):
    AFFILIATION = (
        "affiliation",
        _("Belongs or belonged (3 years) to an institution of the application"),
    )
    COWORK = "cowork", _("Co-worked with the principal investigator")
    RELATIONSHIP = "relationship", _("Declared relationship")
    RECUSAL = "recusal", _("Recusal by the evaluator (회피)")
    APPLICANT_REQUEST = "applicant_request", _("Exclusion requested by the applicant (기피)")


class ConflictStatus(models.TextChoices):
    PENDING = "pending", _("Pending staff decision")
    UPHELD = "upheld", _("Excluded")
    REJECTED = "rejected", _("Request rejected")


class RelationshipKind(models.TextChoices):
    RELATIVE = "relative", _("Relative")
    TEACHER_STUDENT = "teacher_student", _("Teacher and student")
    COWORKER = "coworker", _("Co-worker")
    OTHER = "other", _("Other")


class SiteCheckResult(models.TextChoices):
    PASS = "pass", _("Adequate")
    CONDITIONAL = "conditional", _("Adequate with conditions")
    FAIL = "fail", _("Inadequate")


class ObjectionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


SCORED_STAGES = (StageCode.DOCUMENT, StageCode.PRESENTATION)
# Post-award stages scored by committees of an agreement's evaluation round (agreements.domain.rounds).
POST_AWARD_STAGES = (StageCode.ANNUAL, StageCode.FINAL)


class FlaggedDecision(models.TextChoices):
    """Staff decision on a flagged stage result (fallback used: fewer than 3 scores)."""

    CONFIRMED = "confirmed", _("Confirmed: ranks and may advance")
    REJECTED = "rejected", _("Not confirmed: does not advance")
