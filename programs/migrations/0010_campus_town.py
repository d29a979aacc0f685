"""Part of the campus town work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_flows"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PolicyDesignation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "project_title",
                    models.CharField(max_length=300, verbose_name="designated project"),
                ),
                ("legal_basis", models.CharField(max_length=300, verbose_name="legal basis")),
                (
                    "decision_no",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="decision document number"
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="decision date")),
                ("reason", models.TextField(verbose_name="reason for the designation")),
                (
                    "status",
                    models.CharField(
                        choices=[("designated", "Designated"), ("revoked", "Revoked")],
                        default="designated",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "status_reason",
                    models.TextField(blank=True, verbose_name="reason of the last status change"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "designated_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="designated by",
                    ),
                ),
                (
                    "lead_institution",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="designations",
                        to="accounts.institution",
                        verbose_name="designated lead institution",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="designations",
                        to="programs.program",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "policy designation",
                "verbose_name_plural": "policy designations",
                "ordering": ["-year", "-decided_on", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "designated")),
                        fields=("program", "year"),
                        name="uniq_live_designation_per_program_year",
                    )
                ],
            },
        ),
    ]
