"""Part of the rules 2024 work: facts an applicant claims with evidence (screening, bonus rules)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0010_campus_town"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApplicationClaim",
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
                        choices=[
                            ("institutional_investment", "Institutional investment attracted"),
                            ("private_investment_3y", "Private investment in the last 3 years"),
                            (
                                "purchase_intent_after_testbed",
                                "Purchase intent from a demand site after a domestic testbed",
                            ),
                            ("tech_transfer", "Technology transfer from a listed institute"),
                            (
                                "investment_or_purchase_commitment",
                                "Investment or purchase commitment",
                            ),
                        ],
                        max_length=40,
                        verbose_name="kind",
                    ),
                ),
                ("amount_krw", models.BigIntegerField(default=0, verbose_name="amount (KRW)")),
                (
                    "counterpart",
                    models.CharField(blank=True, max_length=200, verbose_name="counterpart"),
                ),
                ("dated_on", models.DateField(blank=True, null=True, verbose_name="date")),
                ("verified", models.BooleanField(default=False, verbose_name="verified by staff")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="claims",
                        to="applications.application",
                    ),
                ),
                (
                    "evidence",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="applications.attachment",
                        verbose_name="evidence",
                    ),
                ),
                (
                    "verified_by",
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
                "verbose_name": "claimed fact",
                "verbose_name_plural": "claimed facts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("application", "kind"), name="uniq_application_claim"
                    )
                ],
            },
        ),
        migrations.AlterField(
            model_name="applicationinstitution",
            name="role",
            field=models.CharField(
                choices=[
                    ("lead", "Lead institution (주관연구개발기관)"),
                    ("co", "Co-institution (공동연구개발기관)"),
                    ("demo_site", "Private demonstration site (민간 실증기관)"),
                ],
                max_length=10,
                verbose_name="role",
            ),
        ),
    ]
