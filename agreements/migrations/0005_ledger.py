# Ledger part (0005). Owner: the ledger/instalments helper; Instalment and PaymentBatch ops are appended here.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


GATES_TASK = "agreements: instalment gates (daily 06:20 KST)"


def schedule_gates_job(apps, schema_editor):
    """Daily re-check of the instalment gates (after the 06:10 bills sync); editable in the admin."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=GATES_TASK).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="20", hour="6", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Asia/Seoul",
    )
    PeriodicTask.objects.create(
        name=GATES_TASK, task="agreements.tasks.instalment_gates_daily", crontab=crontab,
        enabled=True, description="Instalments of active agreements: planned <-> payable by their gates",
    )


def unschedule_gates_job(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=GATES_TASK).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_announcement'),
        ('agreements', '0004_guarantee'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
        ('programs', '0003_post_award_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LedgerEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fiscal_year', models.PositiveSmallIntegerField(verbose_name='fiscal year')),
                ('year_no', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='agreement year')),
                ('kind', models.CharField(choices=[('instalment_paid', 'Instalment paid'), ('cash_deposited', 'Institution cash deposited'), ('expense_executed', 'Expense executed'), ('expense_disallowed', 'Expense disallowed'), ('unspent_returned', 'Unspent returned'), ('recovery_billed', 'Recovery billed'), ('recovery_paid', 'Recovery paid'), ('royalty_billed', 'Royalty billed'), ('royalty_paid', 'Royalty paid'), ('penalty', 'Penalty (제재부가금) billed'), ('penalty_paid', 'Penalty paid')], max_length=20, verbose_name='kind')),
                ('amount_krw', models.BigIntegerField(verbose_name='amount (KRW)')),
                ('category', models.CharField(blank=True, choices=[('personnel', 'Personnel (인건비)'), ('equipment', 'Equipment and facilities (연구시설·장비비)'), ('materials', 'Materials (연구재료비)'), ('activity', 'Research activities (연구활동비)'), ('outsourcing', 'Outsourced development (위탁연구개발비)'), ('allowance', 'Research allowance (연구수당)'), ('indirect', 'Indirect costs (간접비)')], max_length=20, verbose_name='budget category')),
                ('occurred_on', models.DateField(verbose_name='date')),
                ('reference', models.CharField(blank=True, max_length=100, verbose_name='reference')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ledger', to='agreements.agreement')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.institution')),
                ('program', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.program')),
            ],
            options={
                'verbose_name': 'ledger entry',
                'verbose_name_plural': 'ledger entries',
                'ordering': ['occurred_on', 'id'],
                'indexes': [models.Index(fields=['program', 'fiscal_year', 'kind'], name='ledger_program_year'), models.Index(fields=['agreement', 'kind'], name='ledger_agreement_kind')],
                'constraints': [models.CheckConstraint(condition=models.Q(('amount_krw__gt', 0)), name='ledger_amount_positive')],
            },
        ),
        migrations.CreateModel(
            name='PaymentBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Awaiting approval'), ('approved', 'Approved (transfer file ready)'), ('paid', 'Paid'), ('cancelled', 'Cancelled')], default='draft', max_length=20, verbose_name='status')),
                ('prepared_at', models.DateTimeField(verbose_name='prepared at')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                ('cancelled_reason', models.CharField(blank=True, max_length=300, verbose_name='reason of cancellation')),
                ('instalment_count', models.PositiveIntegerField(default=0, verbose_name='instalments')),
                ('total_krw', models.BigIntegerField(default=0, verbose_name='total (KRW)')),
                ('transfer_csv', models.BinaryField(blank=True, default=b'', verbose_name='transfer file (CSV)')),
                ('transfer_xlsx', models.BinaryField(blank=True, default=b'', verbose_name='transfer file (Excel)')),
                ('transfer_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 of the CSV transfer file')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('paid_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('prepared_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'payment batch',
                'verbose_name_plural': 'payment batches',
                'ordering': ['-prepared_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Instalment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year_no', models.PositiveSmallIntegerField(verbose_name='agreement year')),
                ('amount_krw', models.BigIntegerField(verbose_name='amount (KRW)')),
                ('status', models.CharField(choices=[('planned', 'Planned (gates not all green)'), ('payable', 'Payable'), ('in_batch', 'In a payment batch'), ('paid', 'Paid')], default='planned', max_length=20, verbose_name='status')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='instalments', to='agreements.agreement')),
                ('year', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='instalment', to='agreements.agreementyear')),
                ('batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='instalments', to='agreements.paymentbatch')),
            ],
            options={
                'verbose_name': 'instalment',
                'verbose_name_plural': 'instalments',
                'ordering': ['agreement', 'year_no'],
                'indexes': [models.Index(fields=['status'], name='instalment_status')],
                'constraints': [models.UniqueConstraint(fields=('agreement', 'year_no'), name='uniq_instalment_year'), models.CheckConstraint(condition=models.Q(('amount_krw__gt', 0)), name='instalment_amount_positive')],
            },
        ),
        migrations.RunPython(schedule_gates_job, unschedule_gates_job),
    ]
