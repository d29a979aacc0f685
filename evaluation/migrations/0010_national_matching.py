"""Part of the national matching work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0007_challenges"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AdequacyCommittee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "call",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adequacy_committee",
                        to="programs.call",
                    ),
                ),
            ],
            options={
                "verbose_name": "investment adequacy committee",
                "verbose_name_plural": "investment adequacy committees",
            },
        ),
        migrations.CreateModel(
            name="AdequacyDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "result",
                    models.CharField(
                        choices=[("adequate", "Adequate"), ("not_adequate", "Not adequate")],
                        max_length=20,
                        verbose_name="decision",
                    ),
                ),
                ("reasons", models.TextField(verbose_name="reasons")),
                ("decided_at", models.DateTimeField(verbose_name="decided at")),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adequacy_decision",
                        to="applications.application",
                    ),
                ),
                (
                    "committee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="evaluation.adequacycommittee",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "adequacy decision",
                "verbose_name_plural": "adequacy decisions",
                "ordering": ["application_id"],
            },
        ),
        migrations.CreateModel(
            name="AdequacyMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "pledge_signed_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="COI pledge signed at"
                    ),
                ),
                (
                    "committee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="evaluation.adequacycommittee",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="adequacy_seats",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "adequacy committee member",
                "verbose_name_plural": "adequacy committee members",
            },
        ),
        migrations.CreateModel(
            name="AdequacyOpinion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "result",
                    models.CharField(
                        choices=[("adequate", "Adequate"), ("not_adequate", "Not adequate")],
                        max_length=20,
                        verbose_name="opinion",
                    ),
                ),
                ("reasons", models.TextField(verbose_name="reasons")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adequacy_opinions",
                        to="applications.application",
                    ),
                ),
                (
                    "seat",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opinions",
                        to="evaluation.adequacymember",
                    ),
                ),
            ],
            options={
                "verbose_name": "adequacy opinion",
                "verbose_name_plural": "adequacy opinions",
            },
        ),
        migrations.AddConstraint(
            model_name="adequacymember",
            constraint=models.UniqueConstraint(
                fields=("committee", "member"), name="uniq_adequacy_member"
            ),
        ),
        migrations.AddConstraint(
            model_name="adequacyopinion",
            constraint=models.UniqueConstraint(
                fields=("seat", "application"), name="uniq_adequacy_opinion"
            ),
        ),
    ]
