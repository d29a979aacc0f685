"""Part of the campus town work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_foreign_institutions_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExpertProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.CharField(blank=True, max_length=100, verbose_name="position")),
                (
                    "department",
                    models.CharField(blank=True, max_length=200, verbose_name="department"),
                ),
                (
                    "fields",
                    models.CharField(
                        blank=True,
                        help_text="Field codes between commas, e.g. ,ai,ict,",
                        max_length=200,
                        verbose_name="technical fields",
                    ),
                ),
                (
                    "keywords",
                    models.CharField(
                        blank=True,
                        help_text="Comma-separated.",
                        max_length=500,
                        verbose_name="keywords",
                    ),
                ),
                ("bio", models.TextField(blank=True, verbose_name="expertise")),
                (
                    "available",
                    models.BooleanField(default=True, verbose_name="available for matching"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "university",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="experts",
                        to="accounts.institution",
                        verbose_name="university",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="expert_profile",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="expert account",
                    ),
                ),
            ],
            options={
                "verbose_name": "expert profile",
                "verbose_name_plural": "expert pool",
                "ordering": ["user__last_name", "user__first_name", "pk"],
            },
        ),
    ]
