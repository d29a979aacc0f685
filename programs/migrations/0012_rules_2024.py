"""Part of the rules 2024 work: Tech Partners, follow-on selections, forum (R15) records."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0011_national_matching"),
        ("agreements", "0002_agreement"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TechNeed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("field", models.CharField(max_length=40, verbose_name="technology field")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("keywords", models.CharField(blank=True, max_length=300, verbose_name="keywords")),
                (
                    "purchase_intent",
                    models.BooleanField(default=True, verbose_name="intends to purchase"),
                ),
                ("is_open", models.BooleanField(default=True, verbose_name="open")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "verbose_name": "technology need",
                "verbose_name_plural": "technology needs",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="FollowOnSelection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("cohort_year", models.PositiveSmallIntegerField(verbose_name="cohort year")),
                (
                    "purpose",
                    models.CharField(
                        choices=[
                            ("overseas", "Overseas expansion"),
                            ("special_listing", "Technology-special listing"),
                        ],
                        max_length=20,
                        verbose_name="purpose",
                    ),
                ),
                (
                    "score",
                    models.DecimalField(decimal_places=2, max_digits=6, verbose_name="score"),
                ),
                ("amount_krw", models.BigIntegerField(verbose_name="additional city grant (KRW)")),
                (
                    "version_no",
                    models.PositiveIntegerField(default=0, verbose_name="agreement version"),
                ),
                (
                    "selected_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="selected at"),
                ),
                (
                    "agreement",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="follow_on",
                        to="agreements.agreement",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="programs.program",
                    ),
                ),
                (
                    "selected_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "follow-on selection",
                "verbose_name_plural": "follow-on selections",
                "ordering": ["program", "cohort_year", "-score"],
            },
        ),
        migrations.CreateModel(
            name="ForumRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("mou", "MOU with an association"),
                            ("event", "Forum event"),
                            ("report", "Research report"),
                            ("expense", "Budget execution"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "counterpart",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="association or venue"
                    ),
                ),
                ("dated_on", models.DateField(verbose_name="date")),
                (
                    "amount_krw",
                    models.BigIntegerField(default=0, verbose_name="amount executed (KRW)"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="programs.program",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "forum programme record",
                "verbose_name_plural": "forum programme records",
                "ordering": ["-dated_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TechMatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("score", models.PositiveIntegerField(default=0, verbose_name="match score")),
                (
                    "reason",
                    models.CharField(blank=True, max_length=300, verbose_name="why matched"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("partner_accepted", "Accepted by the partner"),
                            ("startup_accepted", "Accepted by the startup"),
                            ("accepted", "Accepted by both"),
                            ("declined", "Declined"),
                        ],
                        default="proposed",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="agreements.agreement",
                        verbose_name="Seoul R&D agreement",
                    ),
                ),
                (
                    "startup",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tech_matches",
                        to="accounts.institution",
                        verbose_name="startup",
                    ),
                ),
                (
                    "need",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="matches",
                        to="programs.techneed",
                    ),
                ),
            ],
            options={
                "verbose_name": "Tech Partners match",
                "verbose_name_plural": "Tech Partners matches",
                "ordering": ["-score", "pk"],
            },
        ),
        migrations.CreateModel(
            name="TechOutcome",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("purchase", "Purchase"), ("poc", "Proof of concept (PoC)")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("amount_krw", models.BigIntegerField(default=0, verbose_name="amount (KRW)")),
                ("dated_on", models.DateField(verbose_name="date")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "match",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outcomes",
                        to="programs.techmatch",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Tech Partners outcome",
                "verbose_name_plural": "Tech Partners outcomes",
                "ordering": ["-dated_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TechPartner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "size",
                    models.CharField(
                        choices=[("large", "Large company"), ("mid", "Mid-sized company")],
                        max_length=10,
                        verbose_name="company size",
                    ),
                ),
                ("purchase_intent", models.TextField(blank=True, verbose_name="purchase intent")),
                (
                    "registered_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="registered at"),
                ),
                (
                    "institution",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tech_partner",
                        to="accounts.institution",
                        verbose_name="company",
                    ),
                ),
                (
                    "registered_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Tech Partners company",
                "verbose_name_plural": "Tech Partners companies",
            },
        ),
        migrations.AddField(
            model_name="techneed",
            name="partner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="needs",
                to="programs.techpartner",
            ),
        ),
        migrations.AddConstraint(
            model_name="techmatch",
            constraint=models.UniqueConstraint(fields=("need", "startup"), name="uniq_tech_match"),
        ),
    ]
