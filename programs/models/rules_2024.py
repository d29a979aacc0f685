"""The 2024 rules (seed 001) and R15: Tech Partners, follow-on selection, forum records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSize(models.TextChoices):
    LARGE = "large", _("Large company")
    MID = "mid", _("Mid-sized company")


class MatchStatus(models.TextChoices):
    """Changes only through programs.domain.tech_partners.decide_match."""

    PROPOSED = "proposed", _("Proposed")
    PARTNER_ACCEPTED = "partner_accepted", _("Accepted by the partner")
    STARTUP_ACCEPTED = "startup_accepted", _("Accepted by the startup")
    ACCEPTED = "accepted", _("Accepted by both")
    DECLINED = "declined", _("Declined")


class OutcomeKind(models.TextChoices):
    PURCHASE = "purchase", _("Purchase")
    POC = "poc", _("Proof of concept (PoC)")


class TechPartner(models.Model):
    """A large or mid-sized company registered in Tech Partners (테크파트너스, seed 001)."""

    institution = models.OneToOneField(
        "accounts.Institution", on_delete=models.PROTECT, related_name="tech_partner",
        verbose_name=_("company"),
    )  # fmt: skip
    size = models.CharField(_("company size"), max_length=10, choices=PartnerSize.choices)
    purchase_intent = models.TextField(_("purchase intent"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Tech Partners company")
        verbose_name_plural = _("Tech Partners companies")

    def __str__(self) -> str:
        return self.institution.name


class TechNeed(models.Model):
    """A partner's technology need, in one of the technology fields (flow data "tech_fields")."""

    partner = models.ForeignKey(TechPartner, on_delete=models.CASCADE, related_name="needs")
    field = models.CharField(_("technology field"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    purchase_intent = models.BooleanField(_("intends to purchase"), default=True)
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class TechMatch(models.Model):
    """A proposed match of a Seoul R&D funded startup to a partner's need; both sides decide."""

    need = models.ForeignKey(TechNeed, on_delete=models.CASCADE, related_name="matches")
    startup = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="tech_matches",
        verbose_name=_("startup"),
    )  # fmt: skip
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Seoul R&D agreement"),
    )  # fmt: skip
    score = models.PositiveIntegerField(_("match score"), default=0)
    reason = models.CharField(_("why matched"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tech Partners match")
        verbose_name_plural = _("Tech Partners matches")
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "startup"], name="uniq_tech_match")]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.startup}"


class TechOutcome(models.Model):
    """A purchase or PoC that resulted from an accepted match."""

    match = models.ForeignKey(TechMatch, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=10, choices=OutcomeKind.choices)
    amount_krw = models.BigIntegerField(_("amount (KRW)"), default=0)
    dated_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tech Partners outcome")
        verbose_name_plural = _("Tech Partners outcomes")
        ordering = ["-dated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_krw:,}"


class FollowOnPurpose(models.TextChoices):
    OVERSEAS = "overseas", _("Overseas expansion")
    SPECIAL_LISTING = "special_listing", _("Technology-special listing")


class FollowOnSelection(models.Model):
    """Follow-on support (후속지원) for one of the best ≤ 30 % of a programme-year's projects."""

    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="follow_on"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    cohort_year = models.PositiveSmallIntegerField(_("cohort year"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=FollowOnPurpose.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    amount_krw = models.BigIntegerField(_("additional city grant (KRW)"))
    version_no = models.PositiveIntegerField(_("agreement version"), default=0)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    selected_at = models.DateTimeField(_("selected at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-on selection")
        verbose_name_plural = _("follow-on selections")
        ordering = ["program", "cohort_year", "-score"]

    def __str__(self) -> str:
        return f"{self.agreement} +{self.amount_krw:,}"


class ForumRecordKind(models.TextChoices):
    MOU = "mou", _("MOU with an association")
    EVENT = "event", _("Forum event")
    REPORT = "report", _("Research report")
    EXPENSE = "expense", _("Budget execution")


class ForumRecord(models.Model):
    """A record of a non-project programme (R15 재외한인과학자 학술포럼): MOU, event, report, spending."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=ForumRecordKind.choices)
    title = models.CharField(_("title"), max_length=200)
    counterpart = models.CharField(_("association or venue"), max_length=200, blank=True)
    dated_on = models.DateField(_("date"))
    amount_krw = models.BigIntegerField(_("amount executed (KRW)"), default=0)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum programme record")
        verbose_name_plural = _("forum programme records")
        ordering = ["-dated_on", "-pk"]

    def __str__(self) -> str:
        return self.title
