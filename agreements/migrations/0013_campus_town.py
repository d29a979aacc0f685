"""Part of the campus town work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0011_challenges"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("accounts", "0012_campus_town"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainedAgreement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("amount_krw", models.BigIntegerField(verbose_name="amount (KRW)")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("drafting", "Being drafted"),
                            ("concluded", "Concluded"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="drafting",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "concluded_on",
                    models.DateField(blank=True, null=True, verbose_name="concluded on"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "counterparty",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.institution",
                        verbose_name="counterparty (university)",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "expert",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="expert",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chained_agreements",
                        to="agreements.agreement",
                        verbose_name="parent agreement (SBA ↔ lead)",
                    ),
                ),
                (
                    "principal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.institution",
                        verbose_name="principal (designated lead)",
                    ),
                ),
            ],
            options={
                "verbose_name": "chained agreement",
                "verbose_name_plural": "chained agreements",
                "ordering": ["parent_id", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount_krw__gt", 0)),
                        name="chained_agreement_amount_positive",
                    )
                ],
            },
        ),
    ]
