"""Committees per call and stage, their members, assignments and conflict records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluation.enums import AssignmentStatus, ConflictKind, ConflictStatus, StageCode


class Committee(models.Model):
    """An evaluation committee of a call's stage for one technical field (~7 external experts)."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="committees")
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices)
    technical_field = models.CharField(_("technical field"), max_length=50, blank=True)
    name = models.CharField(_("name"), max_length=200)
    evaluators_per_application = models.PositiveSmallIntegerField(
        _("evaluators per application"), default=7
    )
    year = models.PositiveSmallIntegerField(
        _("evaluation year"), null=True, blank=True,
        help_text=_("Annual and final evaluation committees sit per call and year."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["call_id", "stage", "name"]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    """An evaluator sitting on a committee; must sign the COI pledge before scoring."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_seats"
    )
    pledge_signed_at = models.DateTimeField(_("COI pledge signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "evaluator"], name="uniq_committee_member")
        ]

    def __str__(self) -> str:
        return f"{self.committee} – {self.evaluator}"


class Assignment(models.Model):
    """One evaluator scoring one application in one committee. call/stage copied from committee."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="assignments")
    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    opened_at = models.DateTimeField(
        _("content first opened at"), null=True, blank=True,
        help_text=_("Recusal is possible only before the evaluator opens the application."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["application_id", "id"]
        constraints = [
            # Selection stages: one assignment per stage, application and evaluator. Annual and
            # final evaluations repeat per agreement year, in committees per call and year.
            models.UniqueConstraint(
                fields=["stage", "application", "evaluator"],
                name="uniq_assignment",
                condition=models.Q(stage__in=["document", "presentation"]),
            ),
            models.UniqueConstraint(
                fields=["committee", "application", "evaluator"], name="uniq_assignment_committee"
            ),
        ]
        indexes = [models.Index(fields=["call", "stage", "application"])]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} #{self.application_id} – {self.evaluator}"


class ConflictRecord(models.Model):
    """Every exclusion (제척·기피·회피) and its reason, automatic or requested, with the decision."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices, blank=True)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="conflicts"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
        related_name="conflicts",
    )  # fmt: skip
    named_person = models.CharField(
        _("person named by the applicant"), max_length=200, blank=True,
        help_text=_("Applicants do not see evaluators' identities; they name the person they object to."),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=ConflictStatus.choices, default=ConflictStatus.UPHELD
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("decision reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest record")
        verbose_name_plural = _("conflict of interest records")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.application_id} – {self.evaluator}"
