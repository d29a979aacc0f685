"""Challenges (R09, R10): teams and members, tier awards, citizens' votes, prizes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_post_award_stages"),
        ("accounts", "0006_foreign_institutions_roles"),
        ("applications", "0004_track"),
        ("programs", "0004_flows"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChallengeTeam",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="team name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sme", "Seoul SME"),
                            ("startup", "Startup"),
                            ("company", "Company"),
                            ("university", "University"),
                            ("institute", "Research institute"),
                            ("consortium", "Industry–academia consortium"),
                            ("pre_founder", "Individuals before founding (pre-founders)"),
                            ("foreign", "Foreign company or institution"),
                        ],
                        max_length=20,
                        verbose_name="kind of entrant",
                    ),
                ),
                (
                    "technologies",
                    models.JSONField(blank=True, default=list, verbose_name="technologies used"),
                ),
                (
                    "re_entry",
                    models.BooleanField(
                        default=False,
                        help_text="A team that failed in an earlier round asks to enter the final again (재도전).",
                        verbose_name="re-entry to the final",
                    ),
                ),
                (
                    "re_entry_reference",
                    models.CharField(blank=True, max_length=120, verbose_name="earlier entry"),
                ),
                (
                    "on_site_score",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=5,
                        null=True,
                        verbose_name="on-site performance score",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="challenge_team",
                        to="applications.application",
                        verbose_name="proposal",
                    ),
                ),
                (
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a team of pre-founders until it names the company it founded.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.institution",
                        verbose_name="the team's institution",
                    ),
                ),
                (
                    "re_entry_confirmed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "challenge team",
                "verbose_name_plural": "challenge teams",
                "ordering": ["name", "id"],
            },
        ),
        migrations.CreateModel(
            name="ChallengeTeamMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("leader", "Team leader"),
                            ("member", "Member"),
                            ("advisor", "Advisor"),
                        ],
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                (
                    "affiliation",
                    models.CharField(blank=True, max_length=120, verbose_name="affiliation"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "team",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="evaluation.challengeteam",
                    ),
                ),
            ],
            options={
                "verbose_name": "team member",
                "verbose_name_plural": "team members",
                "ordering": ["order", "id"],
            },
        ),
        migrations.CreateModel(
            name="CitizenVote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("cast_at", models.DateTimeField(auto_now_add=True)),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citizen_votes",
                        to="applications.application",
                    ),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="programs.call",
                    ),
                ),
                (
                    "voter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "citizens' vote",
                "verbose_name_plural": "citizens' votes",
                "indexes": [
                    models.Index(fields=["call", "application"], name="citizen_vote_count")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("call", "voter"), name="one_citizen_vote_per_account"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PrizeAward",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("category", models.CharField(max_length=30, verbose_name="prize category")),
                ("amount_krw", models.BigIntegerField(verbose_name="amount (KRW equivalent)")),
                (
                    "currency",
                    models.CharField(default="KRW", max_length=3, verbose_name="payout currency"),
                ),
                (
                    "amount_minor",
                    models.BigIntegerField(verbose_name="payout amount (minor units)"),
                ),
                (
                    "rate_krw",
                    models.DecimalField(
                        decimal_places=6,
                        default=1,
                        max_digits=14,
                        verbose_name="rate (KRW per currency unit)",
                    ),
                ),
                ("rate_on", models.DateField(verbose_name="rate date")),
                ("awarded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="prizes",
                        to="applications.application",
                    ),
                ),
                (
                    "awarded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="programs.call",
                    ),
                ),
            ],
            options={
                "verbose_name": "prize award",
                "verbose_name_plural": "prize awards",
                "ordering": ["call", "category", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("call", "category", "application"), name="uniq_prize_per_team"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount_krw__gte", 0), ("amount_minor__gte", 0)),
                        name="prize_amounts_nonneg",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TierAward",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tier_code", models.CharField(max_length=30, verbose_name="tier")),
                ("rank", models.PositiveIntegerField(verbose_name="rank")),
                ("amount_krw", models.BigIntegerField(verbose_name="amount (KRW)")),
                (
                    "final_score",
                    models.DecimalField(decimal_places=2, max_digits=7, verbose_name="final score"),
                ),
                (
                    "tie_break",
                    models.CharField(blank=True, max_length=60, verbose_name="tie-break used"),
                ),
                ("decided_at", models.DateTimeField(auto_now_add=True)),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tier_award",
                        to="applications.application",
                    ),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="programs.call",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "tier award",
                "verbose_name_plural": "tier awards",
                "ordering": ["call", "rank"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("call", "rank"), name="uniq_tier_rank_per_call"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount_krw__gte", 0)), name="tier_amount_nonneg"
                    ),
                ],
            },
        ),
    ]
