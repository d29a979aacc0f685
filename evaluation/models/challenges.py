"""Challenge entries (R09, R10): teams and members, tier awards, citizens' votes and prizes.

A team is the entrant of a challenge; its proposal is an ``Application`` so that the existing
screening, committees, score sheets and ranking work on it unchanged. A team of individuals before
founding (예비창업자) has no institution of its own: its application is filed under the call's host
institution (``programs.plugins.challenges.pre_founder_host``) and ``institution`` stays empty until
the team names the company it founded — which it must before any agreement.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamKind(models.TextChoices):
    SME = "sme", _("Seoul SME")
    STARTUP = "startup", _("Startup")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    CONSORTIUM = "consortium", _("Industry–academia consortium")
    PRE_FOUNDER = "pre_founder", _("Individuals before founding (pre-founders)")
    FOREIGN = "foreign", _("Foreign company or institution")


class Technology(models.TextChoices):
    DRONE = "drone", _("Drone")
    AI = "ai", _("AI (machine learning)")
    BLOCKCHAIN = "blockchain", _("Blockchain")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Team leader")
    MEMBER = "member", _("Member")
    ADVISOR = "advisor", _("Advisor")


class ChallengeTeam(models.Model):
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="challenge_team",
        verbose_name=_("proposal"),
    )  # fmt: skip
    name = models.CharField(_("team name"), max_length=120)
    kind = models.CharField(_("kind of entrant"), max_length=20, choices=TeamKind.choices)
    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("the team's institution"),
        help_text=_("Empty for a team of pre-founders until it names the company it founded."),
    )  # fmt: skip
    technologies = models.JSONField(_("technologies used"), default=list, blank=True)
    re_entry = models.BooleanField(
        _("re-entry to the final"), default=False,
        help_text=_("A team that failed in an earlier round asks to enter the final again (재도전)."),
    )  # fmt: skip
    re_entry_reference = models.CharField(_("earlier entry"), max_length=120, blank=True)
    re_entry_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_site_score = models.DecimalField(
        _("on-site performance score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("challenge team")
        verbose_name_plural = _("challenge teams")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ChallengeTeamMember(models.Model):
    """A member: name, role and affiliation only (no contact or identity data is kept)."""

    team = models.ForeignKey(ChallengeTeam, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=80)
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    affiliation = models.CharField(_("affiliation"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class TierAward(models.Model):
    """One team's tier after the final (R10), filled from the final ranking in tier order."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="tier_award"
    )
    tier_code = models.CharField(_("tier"), max_length=30)
    rank = models.PositiveIntegerField(_("rank"))
    amount_krw = models.BigIntegerField(_("amount (KRW)"))
    final_score = models.DecimalField(_("final score"), max_digits=7, decimal_places=2)
    tie_break = models.CharField(_("tie-break used"), max_length=60, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    agreement_year = models.OneToOneField(
        "agreements.AgreementYear", null=True, blank=True, on_delete=models.PROTECT,
        related_name="tier_award", verbose_name=_("agreement year of the tier"),
        help_text=_("The agreement year the tier's money became (set once)."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("tier award")
        verbose_name_plural = _("tier awards")
        ordering = ["call", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["call", "rank"], name="uniq_tier_rank_per_call"),
            models.CheckConstraint(condition=models.Q(amount_krw__gte=0), name="tier_amount_nonneg"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.tier_code} #{self.rank}"


class CitizenVote(models.Model):
    """One vote of one verified account in one call's citizens' evaluation (DB-unique)."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="citizen_votes"
    )
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citizens' vote")
        verbose_name_plural = _("citizens' votes")
        constraints = [
            models.UniqueConstraint(fields=["call", "voter"], name="one_citizen_vote_per_account"),
        ]
        indexes = [models.Index(fields=["call", "application"], name="citizen_vote_count")]

    def __str__(self) -> str:
        return f"vote {self.voter_id} → {self.application_id}"


class PrizeAward(models.Model):
    """A prize of the Global Challenge (R09): paid outside the project budget, no settlement.

    The prize is fixed in won (``amount_krw``, the won equivalent); a prize paid abroad records the
    payout currency, the amount in that currency's minor units and the rate (won per unit) used.
    """

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="prizes"
    )
    category = models.CharField(_("prize category"), max_length=30)
    amount_krw = models.BigIntegerField(_("amount (KRW equivalent)"))
    currency = models.CharField(_("payout currency"), max_length=3, default="KRW")
    amount_minor = models.BigIntegerField(_("payout amount (minor units)"))
    rate_krw = models.DecimalField(
        _("rate (KRW per currency unit)"), max_digits=14, decimal_places=6, default=1
    )
    rate_on = models.DateField(_("rate date"))
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("prize award")
        verbose_name_plural = _("prize awards")
        ordering = ["call", "category", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "category", "application"], name="uniq_prize_per_team"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_krw__gte=0) & models.Q(amount_minor__gte=0),
                name="prize_amounts_nonneg",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.category} {self.amount_krw:,}"
