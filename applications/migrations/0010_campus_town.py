"""Part of the campus town work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_crowdfunding_tracks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="edit_version",
            field=models.PositiveIntegerField(default=0, verbose_name="edit version"),
        ),
        migrations.AddField(
            model_name="application",
            name="last_editor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="last saved by",
            ),
        ),
        migrations.CreateModel(
            name="TechnicalProblem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "field",
                    models.CharField(
                        choices=[
                            ("ict", "ICT and software"),
                            ("ai", "Artificial intelligence and data"),
                            ("electronics", "Electrical and electronic engineering"),
                            ("mechanical", "Mechanical engineering and robotics"),
                            ("materials", "Materials and chemistry"),
                            ("bio", "Bio, medical and health"),
                            ("energy", "Energy and environment"),
                            ("design", "Design and content"),
                            ("food", "Food and living goods"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="technical field",
                    ),
                ),
                (
                    "keywords",
                    models.CharField(
                        blank=True,
                        help_text="Comma-separated.",
                        max_length=300,
                        verbose_name="keywords",
                    ),
                ),
                (
                    "description",
                    models.TextField(verbose_name="description of the technical problem"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Looking for an expert"),
                            ("matched", "Matched"),
                            ("closed", "Closed"),
                        ],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "posted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="technical_problems",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="programs.program",
                        verbose_name="programme",
                    ),
                ),
                (
                    "startup",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="technical_problems",
                        to="accounts.institution",
                        verbose_name="startup",
                    ),
                ),
            ],
            options={
                "verbose_name": "technical problem",
                "verbose_name_plural": "technical problems",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ExpertMatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed: awaiting both sides"),
                            ("accepted", "Accepted by both sides"),
                            ("declined", "Declined"),
                        ],
                        default="proposed",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "startup_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not decided yet"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                        ],
                        max_length=10,
                        verbose_name="startup's answer",
                    ),
                ),
                ("startup_decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "expert_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not decided yet"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                        ],
                        max_length=10,
                        verbose_name="expert's answer",
                    ),
                ),
                ("expert_decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "decline_reason",
                    models.TextField(blank=True, verbose_name="reason for declining"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "application",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="expert_match",
                        to="applications.application",
                        verbose_name="joint plan",
                    ),
                ),
                (
                    "expert",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="expert_matches",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="expert",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "startup_decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "problem",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="matches",
                        to="applications.technicalproblem",
                    ),
                ),
            ],
            options={
                "verbose_name": "expert match",
                "verbose_name_plural": "expert matches",
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status__in", ["proposed", "accepted"])),
                        fields=("problem",),
                        name="uniq_live_match_per_problem",
                    )
                ],
            },
        ),
    ]
