"""Part of the national matching work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0010_campus_town"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContinuingNationalProject",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("plan_year", models.PositiveSmallIntegerField(verbose_name="plan year")),
                ("row_no", models.PositiveSmallIntegerField(verbose_name="row")),
                ("selection_year", models.PositiveSmallIntegerField(verbose_name="selection year")),
                ("ministry", models.CharField(max_length=100, verbose_name="national ministry")),
                (
                    "national_programme",
                    models.CharField(max_length=200, verbose_name="national programme"),
                ),
                ("starts_on", models.DateField(verbose_name="starts on")),
                (
                    "ends_on",
                    models.DateField(
                        blank=True, help_text="Empty: ongoing.", null=True, verbose_name="ends on"
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="programs.program",
                    ),
                ),
            ],
            options={
                "verbose_name": "continuing national-matching project",
                "verbose_name_plural": "continuing national-matching projects",
                "ordering": ["plan_year", "row_no"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("plan_year", "row_no"), name="uniq_continuing_row"
                    )
                ],
            },
        ),
    ]
