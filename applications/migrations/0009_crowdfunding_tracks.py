"""Part of the crowdfunding tracks work: R01 crowdfunding campaigns (backers, deliveries, fraud flags)
and open-evaluation sessions (slots, registrations, consultation feedback)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0007_testbed"),
        ("programs", "0004_flows"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CrowdfundingCampaign",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("platform", models.CharField(max_length=30, verbose_name="platform")),
                ("url", models.URLField(max_length=500, verbose_name="campaign URL")),
                ("target_krw", models.BigIntegerField(verbose_name="funding target (KRW)")),
                ("raised_krw", models.BigIntegerField(verbose_name="amount raised (KRW)")),
                ("backers", models.PositiveIntegerField(verbose_name="number of backers")),
                ("ends_on", models.DateField(verbose_name="campaign end date")),
                ("succeeded", models.BooleanField(verbose_name="funding succeeded")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("recorded", "Recorded, awaiting verification"),
                            ("verified", "Verified by staff"),
                            ("rejected", "Rejected by staff"),
                        ],
                        default="recorded",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("status_reason", models.TextField(blank=True, verbose_name="reason")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="crowdfunding",
                        to="applications.application",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                "verbose_name": "crowdfunding campaign",
                "verbose_name_plural": "crowdfunding campaigns",
            },
        ),
        migrations.CreateModel(
            name="CampaignFlag",
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
                            ("concentration", "Few backers carry most of the amount"),
                            ("excessive_purchase", "Excessive purchase by one backer"),
                            ("self_purchase", "Purchase by the lead institution or its staff"),
                            ("delivery_unproven", "Delivery not proven for a sampled backer"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("subject", models.CharField(blank=True, max_length=100, verbose_name="subject")),
                ("detail", models.JSONField(default=dict, verbose_name="detail")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("investigating", "Under investigation"),
                            ("cleared", "Cleared"),
                            ("confirmed", "Fraud confirmed"),
                        ],
                        default="open",
                        max_length=14,
                        verbose_name="status",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="applications.crowdfundingcampaign",
                    ),
                ),
            ],
            options={
                "verbose_name": "campaign flag",
                "verbose_name_plural": "campaign flags",
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="CampaignBacker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "backer_ref",
                    models.CharField(max_length=100, verbose_name="backer ID on the platform"),
                ),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                ("email", models.CharField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "business_no",
                    models.CharField(
                        blank=True, max_length=10, verbose_name="business registration number"
                    ),
                ),
                ("amount_krw", models.BigIntegerField(verbose_name="contribution (KRW)")),
                ("shares", models.PositiveIntegerField(default=0, verbose_name="shares")),
                ("comments", models.PositiveIntegerField(default=0, verbose_name="comments")),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="backer_rows",
                        to="applications.crowdfundingcampaign",
                    ),
                ),
            ],
            options={
                "verbose_name": "campaign backer",
                "verbose_name_plural": "campaign backers",
                "ordering": ["-amount_krw", "backer_ref"],
            },
        ),
        migrations.CreateModel(
            name="DeliveryRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "backer_ref",
                    models.CharField(max_length=100, verbose_name="backer ID on the platform"),
                ),
                ("method", models.CharField(max_length=60, verbose_name="delivery method")),
                ("invoice_no", models.CharField(max_length=60, verbose_name="invoice number")),
                ("address", models.CharField(max_length=300, verbose_name="address")),
                ("sampled", models.BooleanField(default=False, verbose_name="in the sample")),
                (
                    "check_result",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not checked"),
                            ("proven", "Delivery proven"),
                            ("unproven", "Delivery not proven"),
                        ],
                        default="",
                        max_length=10,
                        verbose_name="check",
                    ),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="applications.crowdfundingcampaign",
                    ),
                ),
                (
                    "checked_by",
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
                "verbose_name": "delivery record",
                "verbose_name_plural": "delivery records",
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="OpenSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("track", models.CharField(blank=True, max_length=40, verbose_name="track")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("place", models.CharField(max_length=300, verbose_name="place")),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Agenda published")],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="open_sessions",
                        to="programs.call",
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
                    "panel",
                    models.ManyToManyField(
                        blank=True,
                        related_name="open_sessions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="expert panel",
                    ),
                ),
            ],
            options={
                "verbose_name": "open evaluation session",
                "verbose_name_plural": "open evaluation sessions",
                "ordering": ["starts_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="SessionRegistration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="registrations",
                        to="applications.opensession",
                    ),
                ),
            ],
            options={
                "verbose_name": "session registration",
                "verbose_name_plural": "session registrations",
            },
        ),
        migrations.CreateModel(
            name="SessionSlot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="presentation time")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="open_session_slots",
                        to="applications.application",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slots",
                        to="applications.opensession",
                    ),
                ),
            ],
            options={
                "verbose_name": "presentation slot",
                "verbose_name_plural": "presentation slots",
                "ordering": ["starts_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="ConsultationFeedback",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="consultation feedback")),
                ("submitted_at", models.DateTimeField(verbose_name="delivered at")),
                (
                    "evaluator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "slot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="feedback",
                        to="applications.sessionslot",
                    ),
                ),
            ],
            options={
                "verbose_name": "consultation feedback",
                "verbose_name_plural": "consultation feedback",
                "ordering": ["submitted_at", "id"],
            },
        ),
        migrations.AddConstraint(
            model_name="crowdfundingcampaign",
            constraint=models.CheckConstraint(
                condition=models.Q(("raised_krw__gte", 0), ("target_krw__gte", 0)),
                name="campaign_money_ge_0",
            ),
        ),
        migrations.AddConstraint(
            model_name="campaignflag",
            constraint=models.UniqueConstraint(
                fields=("campaign", "kind", "subject"), name="uniq_campaign_flag"
            ),
        ),
        migrations.AddConstraint(
            model_name="campaignbacker",
            constraint=models.UniqueConstraint(
                fields=("campaign", "backer_ref"), name="uniq_campaign_backer"
            ),
        ),
        migrations.AddConstraint(
            model_name="deliveryrecord",
            constraint=models.UniqueConstraint(
                fields=("campaign", "invoice_no"), name="uniq_delivery_invoice"
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionregistration",
            constraint=models.UniqueConstraint(
                fields=("session", "email"), name="uniq_session_registration"
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionslot",
            constraint=models.UniqueConstraint(
                fields=("session", "application"), name="uniq_session_application"
            ),
        ),
        migrations.AddConstraint(
            model_name="consultationfeedback",
            constraint=models.UniqueConstraint(
                fields=("slot", "evaluator"), name="uniq_slot_feedback"
            ),
        ),
    ]
