from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from programs.enums import CallStatus, IntakeMode


class Call(models.Model):
    """A call for proposals (공고). Open is inclusive, close is exclusive (Asia/Seoul)."""

    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    programs = models.ManyToManyField("programs.Program", related_name="calls")
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Exclusive: a call closing at 16:00 refuses 16:00:00.")
    )
    intake_mode = models.CharField(
        _("intake mode"), max_length=10, choices=IntakeMode.choices, default=IntakeMode.FIXED
    )
    slots = models.PositiveIntegerField(_("number of projects to select"))
    budget_envelope_krw = models.BigIntegerField(_("budget envelope (KRW)"))
    required_documents = models.JSONField(
        _("required documents"), default=list, blank=True,
        help_text=_('List of {"code", "name_ko", "name_en", "required", "formats"}'),
    )  # fmt: skip
    flow = models.JSONField(
        _("call flow"), default=dict, blank=True,
        help_text=_('This call\'s values of the programme flow, e.g. {"tracks": [{"code", "slots", '
                    '"envelope_krw"}], "tiers": [...], "round": 1}'),
    )  # fmt: skip
    objection_days = models.PositiveSmallIntegerField(_("objection period (days)"), default=7)
    status = models.CharField(
        _("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_open",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if translation.get_language() == "en" and self.title_en:
            return self.title_en
        return self.title

    def is_open_at(self, moment=None) -> bool:
        """True when the call accepts applications at `moment` (open inclusive, close exclusive)."""
        moment = moment or timezone.now()
        return self.status == CallStatus.PUBLISHED and self.opens_at <= moment < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.is_open_at()
