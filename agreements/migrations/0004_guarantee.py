# Payment-guarantee insurance (지급이행보증보험증권): policies, reminder claims, and the daily beat job.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import agreements.models.guarantee

TASK_NAME = "agreements: guarantee deadlines (daily 06:00 KST)"
TASK_PATH = "agreements.tasks.guarantee_deadlines_daily"


def schedule_daily_job(apps, schema_editor):
    """The beat schedule lives in django-celery-beat's tables (editable in the admin). Idempotent:
    an existing task of that name is left as staff edited it."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=TASK_NAME).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Asia/Seoul",
    )  # fmt: skip
    PeriodicTask.objects.create(
        name=TASK_NAME, task=TASK_PATH, crontab=crontab, enabled=True,
        description="D-14/D-7/D-1 reminders and suspension on day 31 (seed 002 §1)",
    )  # fmt: skip


def unschedule_daily_job(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0003_signing"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Guarantee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("insurer", models.CharField(max_length=100, verbose_name="insurer")),
                ("policy_no", models.CharField(max_length=60, verbose_name="policy number")),
                ("amount_krw", models.BigIntegerField(verbose_name="insured amount (KRW)")),
                ("starts_on", models.DateField(verbose_name="insurance starts on")),
                ("ends_on", models.DateField(verbose_name="insurance ends on")),
                (
                    "cost_krw",
                    models.BigIntegerField(
                        blank=True,
                        help_text="The issue cost may be charged to the R&D budget (seed 002).",
                        null=True,
                        verbose_name="premium paid (KRW)",
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        blank=True,
                        max_length=300,
                        upload_to=agreements.models.guarantee.guarantee_pdf_path,
                        verbose_name="policy PDF",
                    ),
                ),
                (
                    "pdf_name",
                    models.CharField(blank=True, max_length=255, verbose_name="file name"),
                ),
                ("pdf_sha256", models.CharField(blank=True, max_length=64, verbose_name="SHA-256")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted, awaiting verification"),
                            ("verified", "Verified"),
                            ("rejected", "Rejected"),
                        ],
                        default="submitted",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "verified_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "reject_reason",
                    models.TextField(blank=True, verbose_name="reason for rejection"),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="registered at"),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="guarantees",
                        to="agreements.agreement",
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
                    "verified_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="guarantees",
                        to="agreements.agreementyear",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment-guarantee insurance policy",
                "verbose_name_plural": "payment-guarantee insurance policies",
                "ordering": ["agreement", "year__year_no", "-created_at"],
            },
        ),
        migrations.CreateModel(
            name="GuaranteeReminder",
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
                            ("d14", "Reminder 14 days before the due date"),
                            ("d7", "Reminder 7 days before the due date"),
                            ("d1", "Reminder 1 day before the due date"),
                            ("suspension", "Agreement suspended for a missing guarantee"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("due_on", models.DateField(verbose_name="guarantee due on")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="guarantee_reminders",
                        to="agreements.agreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "guarantee reminder",
                "verbose_name_plural": "guarantee reminders",
            },
        ),
        migrations.AddIndex(
            model_name="guarantee",
            index=models.Index(fields=["year", "status"], name="guarantee_year_status"),
        ),
        migrations.AddConstraint(
            model_name="guarantee",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "rejected"), _negated=True),
                fields=("policy_no",),
                name="uniq_live_policy_no",
            ),
        ),
        migrations.AddConstraint(
            model_name="guarantee",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "submitted")),
                fields=("year",),
                name="uniq_pending_guarantee",
            ),
        ),
        migrations.AddConstraint(
            model_name="guarantee",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount_krw__gt", 0)), name="guarantee_amount_pos"
            ),
        ),
        migrations.AddConstraint(
            model_name="guarantee",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="guarantee_period_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="guaranteereminder",
            constraint=models.UniqueConstraint(
                fields=("agreement", "kind"), name="uniq_guarantee_reminder"
            ),
        ),
        migrations.RunPython(schedule_daily_job, unschedule_daily_job),
    ]
