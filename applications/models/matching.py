"""Matching before intake (접수 전 매칭) of the campus-town technology matching (R03).

A campus-town startup posts its technical problem (TechnicalProblem); a 1:1 match with one expert of
the pool is proposed (ExpertMatch) and both sides accept or decline with a reason
(applications.domain.matching.decide_match, the one transition function). An accepted match is
linked to the joint plan (match.application): the expert may then co-edit that draft.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models.expert import TechField


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Looking for an expert")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed: awaiting both sides")
    ACCEPTED = "accepted", _("Accepted by both sides")
    DECLINED = "declined", _("Declined")


class SideDecision(models.TextChoices):
    PENDING = "", _("Not decided yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class TechnicalProblem(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    startup = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="technical_problems",
        verbose_name=_("startup"),
    )  # fmt: skip
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="technical_problems"
    )
    title = models.CharField(_("title"), max_length=200)
    field = models.CharField(_("technical field"), max_length=20, choices=TechField.choices)
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Comma-separated.")
    )
    description = models.TextField(_("description of the technical problem"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("technical problem")
        verbose_name_plural = _("technical problems")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ExpertMatch(models.Model):
    problem = models.ForeignKey(TechnicalProblem, on_delete=models.CASCADE, related_name="matches")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_matches",
        verbose_name=_("expert"),
    )  # fmt: skip
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    startup_decision = models.CharField(
        _("startup's answer"), max_length=10, choices=SideDecision.choices, blank=True
    )
    startup_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    startup_decided_at = models.DateTimeField(null=True, blank=True)
    expert_decision = models.CharField(
        _("expert's answer"), max_length=10, choices=SideDecision.choices, blank=True
    )
    expert_decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    application = models.OneToOneField(
        "applications.Application", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="expert_match", verbose_name=_("joint plan"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("expert match")
        verbose_name_plural = _("expert matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # 1:1 matching: at most one live (proposed or accepted) match per problem.
            models.UniqueConstraint(
                fields=["problem"], condition=models.Q(status__in=["proposed", "accepted"]),
                name="uniq_live_match_per_problem",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.problem} ↔ {self.expert}"
