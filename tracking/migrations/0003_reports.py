# Outcome reports (추적조사): the tracking-reports helper's models, and the daily beat job.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TASK_NAME = "tracking: outcome report obligations (daily 06:20 KST)"


def schedule_job(apps, schema_editor):
    """Daily job opening yearly reports, reminding and marking overdue; editable in the admin."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=TASK_NAME).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="20",
        hour="6",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Seoul",
    )
    PeriodicTask.objects.create(
        name=TASK_NAME,
        task="tracking.tasks.report_obligations_daily",
        crontab=crontab,
        enabled=True,
        description="Open yearly outcome reports, remind D-30/D-7, mark overdue",
    )


def unschedule_job(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0002_history"),
        ("accounts", "0005_institution_status_invitation"),
        ("agreements", "0007_settlement"),
        ("programs", "0003_post_award_rules"),
        ("screening", "0005_financialstatement_lender"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TrackingReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "report_year_no",
                    models.PositiveSmallIntegerField(verbose_name="tracking year (1–5)"),
                ),
                (
                    "covers_year",
                    models.PositiveSmallIntegerField(verbose_name="calendar year covered"),
                ),
                ("due_on", models.DateField(verbose_name="due on")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("submitted", "Submitted"),
                            ("accepted", "Accepted"),
                            ("changes_requested", "Changes requested"),
                            ("overdue", "Overdue"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("sales_krw", models.BigIntegerField(default=0, verbose_name="sales (KRW)")),
                (
                    "cost_savings_krw",
                    models.BigIntegerField(default=0, verbose_name="cost savings (KRW)"),
                ),
                (
                    "hires_research",
                    models.PositiveIntegerField(default=0, verbose_name="new hires: research"),
                ),
                (
                    "hires_production",
                    models.PositiveIntegerField(default=0, verbose_name="new hires: production"),
                ),
                (
                    "hires_other",
                    models.PositiveIntegerField(default=0, verbose_name="new hires: other"),
                ),
                (
                    "papers_general",
                    models.PositiveIntegerField(default=0, verbose_name="papers (general)"),
                ),
                ("papers_sci", models.PositiveIntegerField(default=0, verbose_name="papers (SCI)")),
                ("talks", models.PositiveIntegerField(default=0, verbose_name="conference talks")),
                (
                    "patents_filed",
                    models.PositiveIntegerField(default=0, verbose_name="patents filed"),
                ),
                (
                    "patents_registered",
                    models.PositiveIntegerField(default=0, verbose_name="patents registered"),
                ),
                (
                    "transfers",
                    models.PositiveIntegerField(default=0, verbose_name="technology transfers"),
                ),
                (
                    "transfer_value_krw",
                    models.BigIntegerField(
                        default=0, verbose_name="technology transfer contract value (KRW)"
                    ),
                ),
                ("awards", models.PositiveIntegerField(default=0, verbose_name="awards")),
                (
                    "certifications",
                    models.PositiveIntegerField(default=0, verbose_name="certifications"),
                ),
                (
                    "investment_krw",
                    models.BigIntegerField(default=0, verbose_name="investment attracted (KRW)"),
                ),
                ("jump_note", models.TextField(blank=True, verbose_name="note on large changes")),
                (
                    "prefill",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="what the portal knows"
                    ),
                ),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                ("review_note", models.TextField(blank=True, verbose_name="review note")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "institution",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tracking_reports",
                        to="accounts.institution",
                    ),
                ),
                (
                    "obligation",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="tracking_report",
                        to="screening.obligation",
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
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tracking_reports",
                        to="agreements.project",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "submitted_by",
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
                "verbose_name": "outcome report",
                "verbose_name_plural": "outcome reports",
                "ordering": ["due_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="TrackingReminder",
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
                            ("d30", "30 days before the due date"),
                            ("d7", "7 days before the due date"),
                        ],
                        max_length=8,
                    ),
                ),
                ("due_on", models.DateField()),
                ("sent_at", models.DateTimeField()),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="tracking.trackingreport",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="TrackingEvidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file", models.FileField(upload_to="tracking/%Y/")),
                ("name", models.CharField(max_length=255)),
                ("kind", models.CharField(max_length=20)),
                ("sha256", models.CharField(max_length=64)),
                ("size", models.PositiveBigIntegerField()),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="tracking.trackingreport",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="trackingreport",
            index=models.Index(fields=["status", "due_on"], name="tracking_report_due"),
        ),
        migrations.AddConstraint(
            model_name="trackingreport",
            constraint=models.UniqueConstraint(
                fields=("project", "report_year_no"), name="uniq_tracking_report_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="trackingreminder",
            constraint=models.UniqueConstraint(
                fields=("report", "kind"), name="uniq_tracking_reminder"
            ),
        ),
        migrations.RunPython(schedule_job, unschedule_job),
    ]
