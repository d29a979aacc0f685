"""Open-evaluation type of R01 (공개평가형, seed 000 Ⅳ-①: "평가 청취가 자유로운 공개형 평가방식 활용,
기술·투자·유통·특허 등 분야별 전문가단의 컨설팅 제공 및 기업 간 쌍방향 피드백"): public evaluation
sessions scheduled by staff, with an agenda published on a public page, a simple audience
registration, and the panel's written consultation feedback delivered to each applicant's hub.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Agenda published")


class OpenSession(models.Model):
    call = models.ForeignKey(
        "programs.Call", on_delete=models.CASCADE, related_name="open_sessions"
    )
    track = models.CharField(_("track"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="open_sessions",
        blank=True,
        verbose_name=_("expert panel"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("open evaluation session")
        verbose_name_plural = _("open evaluation sessions")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class SessionSlot(models.Model):
    session = models.ForeignKey(OpenSession, on_delete=models.CASCADE, related_name="slots")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="open_session_slots"
    )
    starts_at = models.DateTimeField(_("presentation time"))

    class Meta:
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application"], name="uniq_session_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.application_id}"


class SessionRegistration(models.Model):
    """Someone who will attend (another applicant or the public): name and e-mail only."""

    session = models.ForeignKey(OpenSession, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session registration")
        verbose_name_plural = _("session registrations")
        constraints = [
            models.UniqueConstraint(fields=["session", "email"], name="uniq_session_registration")
        ]

    def __str__(self) -> str:
        return self.name


class ConsultationFeedback(models.Model):
    """One panel member's written consultation feedback to one applicant of a session."""

    slot = models.ForeignKey(SessionSlot, on_delete=models.CASCADE, related_name="feedback")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("consultation feedback"))
    submitted_at = models.DateTimeField(_("delivered at"))

    class Meta:
        verbose_name = _("consultation feedback")
        verbose_name_plural = _("consultation feedback")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "evaluator"], name="uniq_slot_feedback")
        ]

    def __str__(self) -> str:
        return f"feedback {self.slot_id}/{self.evaluator_id}"
