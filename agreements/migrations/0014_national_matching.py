"""Part of the national matching work (placeholder in a fixed chain; empty if unused)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0013_campus_town"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CommitmentRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("ministry", models.CharField(max_length=100, verbose_name="national ministry")),
                (
                    "national_programme",
                    models.CharField(max_length=200, verbose_name="national programme"),
                ),
                ("title", models.CharField(max_length=300, verbose_name="project title")),
                ("starts_on", models.DateField(verbose_name="starts on")),
                ("ends_on", models.DateField(verbose_name="ends on")),
                (
                    "national_grants_krw",
                    models.JSONField(
                        default=list,
                        help_text="One amount per project year, year 1 first.",
                        verbose_name="national grant requested per year (KRW)",
                    ),
                ),
                (
                    "institution_share_krw",
                    models.BigIntegerField(default=0, verbose_name="institution share (KRW)"),
                ),
                (
                    "city_share_krw",
                    models.BigIntegerField(default=0, verbose_name="city share (KRW)"),
                ),
                (
                    "city_shares_krw",
                    models.JSONField(default=list, verbose_name="city share per year (KRW)"),
                ),
                (
                    "ratio",
                    models.CharField(
                        blank=True, max_length=12, verbose_name="city ratio of the national grant"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested (awaiting SBA evaluation)"),
                            ("approved", "Approved (commitment letter issued)"),
                            ("refused", "Refused"),
                            ("selected", "Selected by the national programme"),
                            ("not_selected", "Not selected by the national programme"),
                        ],
                        default="requested",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "decision_reason",
                    models.TextField(blank=True, verbose_name="reasons of the decision"),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "letter_code",
                    models.CharField(
                        blank=True, db_index=True, max_length=20, verbose_name="verification code"
                    ),
                ),
                (
                    "letter_issued_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="letter issued at"),
                ),
                (
                    "letter_pdf",
                    models.BinaryField(
                        blank=True, default=b"", verbose_name="commitment letter (PDF)"
                    ),
                ),
                (
                    "letter_sha256",
                    models.CharField(
                        blank=True, max_length=64, verbose_name="SHA-256 of the letter PDF"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "agreement",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="commitment_request",
                        to="agreements.agreement",
                    ),
                ),
                (
                    "applicant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitment_requests",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "institution",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitment_requests",
                        to="accounts.institution",
                    ),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="programs.call",
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
            ],
            options={
                "verbose_name": "commitment letter request",
                "verbose_name_plural": "commitment letter requests",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="NationalYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year_no", models.PositiveSmallIntegerField(verbose_name="project year")),
                (
                    "result",
                    models.CharField(
                        choices=[
                            ("selected", "Selected (first year)"),
                            ("continue", "Passed the annual evaluation (continue)"),
                            ("reduced", "Continued with a reduced national grant"),
                            ("stopped", "Stopped by the annual evaluation"),
                        ],
                        max_length=20,
                        verbose_name="national result",
                    ),
                ),
                (
                    "national_grant_krw",
                    models.BigIntegerField(verbose_name="national grant of the year (KRW)"),
                ),
                (
                    "city_krw",
                    models.BigIntegerField(verbose_name="city instalment of the year (KRW)"),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="years",
                        to="agreements.commitmentrequest",
                    ),
                ),
            ],
            options={
                "verbose_name": "national year result",
                "verbose_name_plural": "national year results",
                "ordering": ["request", "year_no"],
            },
        ),
        migrations.AddConstraint(
            model_name="commitmentrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("letter_code", ""), _negated=True),
                fields=("letter_code",),
                name="uniq_commitment_letter_code",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitmentrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="commitment_period_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="nationalyear",
            constraint=models.UniqueConstraint(
                fields=("request", "year_no"), name="uniq_national_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="nationalyear",
            constraint=models.CheckConstraint(
                condition=models.Q(("city_krw__gte", 0), ("national_grant_krw__gte", 0)),
                name="national_year_amounts",
            ),
        ),
    ]
