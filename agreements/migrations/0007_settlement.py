# Evaluation and closing part (0007). Owner: the evaluation/settlement helper; append its ops here.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


OBLIGATIONS_TASK = "agreements: bills to screening obligations (daily 06:10 KST)"


def schedule_obligations_job(apps, schema_editor):
    """Daily sync of bills (overdue flags) into the screening obligations; editable in the admin."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=OBLIGATIONS_TASK).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="10", hour="6", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Asia/Seoul",
    )
    PeriodicTask.objects.create(
        name=OBLIGATIONS_TASK, task="agreements.tasks.closing_obligations_daily", crontab=crontab,
        enabled=True, description="Unpaid recovery/royalty/penalty bills → screening obligations",
    )


def unschedule_obligations_job(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=OBLIGATIONS_TASK).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_notice_event_link'),
        ('agreements', '0006_expenses_changes'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
        ('evaluation', '0003_post_award_stages'),
        ('screening', '0005_financialstatement_lender'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AnnualReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year_no', models.PositiveSmallIntegerField(verbose_name='evaluated agreement year')),
                ('verdict', models.CharField(choices=[('continue', 'Continue'), ('continue_changes', 'Continue with changes'), ('stop', 'Stop')], max_length=20, verbose_name='verdict')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='score')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('decided_at', models.DateTimeField(verbose_name='decided at')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='annual_reviews', to='agreements.agreement')),
                ('decided_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'annual evaluation result',
                'verbose_name_plural': 'annual evaluation results',
                'ordering': ['agreement', 'year_no'],
                'constraints': [models.UniqueConstraint(fields=('agreement', 'year_no'), name='uniq_annual_review')],
            },
        ),
        migrations.AlterField(
            model_name='agreement',
            name='final_result',
            field=models.CharField(blank=True, choices=[('', 'Not evaluated'), ('excellent', 'Success – excellent'), ('normal', 'Success – normal'), ('poor', 'Success – poor'), ('failure', 'Failure')], max_length=12, verbose_name='final result'),
        ),
        migrations.AlterField(
            model_name='ledgerentry',
            name='kind',
            field=models.CharField(choices=[('instalment_paid', 'Instalment paid'), ('cash_deposited', 'Institution cash deposited'), ('expense_executed', 'Expense executed'), ('expense_disallowed', 'Expense disallowed'), ('unspent_returned', 'Unspent returned'), ('recovery_billed', 'Recovery billed'), ('recovery_paid', 'Recovery paid'), ('royalty_billed', 'Royalty billed'), ('royalty_paid', 'Royalty paid'), ('penalty', 'Penalty (제재부가금) billed'), ('penalty_paid', 'Penalty paid'), ('recovery_cancelled', 'Recovery bill cancelled (settlement reopened)')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='project',
            name='final_result',
            field=models.CharField(blank=True, choices=[('', 'Not evaluated'), ('excellent', 'Success – excellent'), ('normal', 'Success – normal'), ('poor', 'Success – poor'), ('failure', 'Failure')], max_length=12, verbose_name='final result'),
        ),
        migrations.CreateModel(
            name='Bill',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=30, unique=True, verbose_name='bill number')),
                ('kind', models.CharField(choices=[('recovery', 'Recovery (환수금)'), ('royalty', 'Royalty (기술료)'), ('penalty', 'Penalty surcharge (제재부가금)')], max_length=10, verbose_name='kind')),
                ('amount_krw', models.BigIntegerField(verbose_name='amount (KRW)')),
                ('paid_krw', models.BigIntegerField(default=0, verbose_name='paid (KRW)')),
                ('issued_on', models.DateField(verbose_name='issued on')),
                ('due_on', models.DateField(verbose_name='due on')),
                ('instalments', models.JSONField(blank=True, default=list, verbose_name='instalment plan')),
                ('status', models.CharField(choices=[('open', 'Unpaid'), ('overdue', 'Overdue'), ('paid', 'Paid'), ('cancelled', 'Cancelled')], default='open', max_length=10, verbose_name='status')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='fully paid on')),
                ('basis', models.JSONField(blank=True, default=dict, verbose_name='how the amount was computed')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bills', to='agreements.agreement')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bills', to='accounts.institution')),
                ('obligation', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='bill', to='screening.obligation')),
            ],
            options={
                'verbose_name': 'bill',
                'verbose_name_plural': 'bills',
                'ordering': ['-issued_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='EvaluationRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('document', 'Document evaluation'), ('presentation', 'Presentation evaluation'), ('annual', 'Annual evaluation'), ('final', 'Final evaluation')], max_length=20, verbose_name='stage')),
                ('year_no', models.PositiveSmallIntegerField(verbose_name='evaluated agreement year')),
                ('status', models.CharField(choices=[('open', 'Open (evaluators scoring)'), ('decided', 'Decided')], default='open', max_length=10, verbose_name='status')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='score')),
                ('score_detail', models.JSONField(blank=True, default=dict, verbose_name='how the score was computed')),
                ('decision', models.CharField(blank=True, max_length=20, verbose_name='decision')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('opened_at', models.DateTimeField(auto_now_add=True, verbose_name='opened at')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation_rounds', to='agreements.agreement')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agreement_rounds', to='evaluation.committee')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('opened_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'evaluation round',
                'verbose_name_plural': 'evaluation rounds',
                'ordering': ['agreement', 'stage', 'year_no'],
            },
        ),
        migrations.CreateModel(
            name='SanctionDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('giving_up', 'Giving up after selection without force majeure'), ('false_documents', 'False or forged documents'), ('misuse', 'Misuse of research funds')], max_length=20, verbose_name='kind')),
                ('starts_on', models.DateField(verbose_name='restricted from')),
                ('ends_on', models.DateField(verbose_name='restricted until')),
                ('reason', models.TextField(verbose_name='reason')),
                ('decided_at', models.DateTimeField(auto_now_add=True, verbose_name='decided at')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sanction_decisions', to='agreements.agreement')),
                ('decided_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sanction_decisions', to='accounts.institution')),
                ('penalty_bill', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='agreements.bill')),
                ('recovery_bill', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='agreements.bill')),
                ('researcher', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.researcher')),
                ('researcher_restriction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='screening.sanction')),
                ('restriction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='screening.sanction')),
            ],
            options={
                'verbose_name': 'sanction decision',
                'verbose_name_plural': 'sanction decisions',
                'ordering': ['-decided_at'],
            },
        ),
        migrations.CreateModel(
            name='Settlement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('settled', 'Settled'), ('reopened', 'Reopened')], default='settled', max_length=10, verbose_name='status')),
                ('paid_krw', models.BigIntegerField(verbose_name='instalments paid (KRW)')),
                ('used_krw', models.BigIntegerField(verbose_name='accepted expenses (KRW)')),
                ('disallowed_krw', models.BigIntegerField(verbose_name='disallowed expenses (KRW)')),
                ('returned_krw', models.BigIntegerField(default=0, verbose_name='unspent already returned (KRW)')),
                ('unspent_krw', models.BigIntegerField(verbose_name='unspent (KRW)')),
                ('recovery_krw', models.BigIntegerField(verbose_name='recovery billed (KRW)')),
                ('settled_on', models.DateField(verbose_name='settled on')),
                ('times_settled', models.PositiveSmallIntegerField(default=1, verbose_name='times settled')),
                ('reopen_reason', models.TextField(blank=True, verbose_name='reason of the last reopening')),
                ('agreement', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='settlement', to='agreements.agreement')),
                ('recovery_bill', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='agreements.bill')),
                ('settled_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'settlement',
                'verbose_name_plural': 'settlements',
            },
        ),
        migrations.AddConstraint(
            model_name='bill',
            constraint=models.CheckConstraint(condition=models.Q(('amount_krw__gt', 0)), name='bill_amount_positive'),
        ),
        migrations.AddConstraint(
            model_name='bill',
            constraint=models.CheckConstraint(condition=models.Q(('paid_krw__gte', 0), ('paid_krw__lte', models.F('amount_krw'))), name='bill_paid_within_amount'),
        ),
        migrations.AddConstraint(
            model_name='evaluationround',
            constraint=models.UniqueConstraint(fields=('agreement', 'stage', 'year_no'), name='uniq_evaluation_round'),
        ),
        migrations.AddConstraint(
            model_name='sanctiondecision',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='sanction_period_order'),
        ),
        migrations.RunPython(schedule_obligations_job, unschedule_obligations_job),
    ]
