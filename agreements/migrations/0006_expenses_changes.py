# Expenses (선집행 후청구) and plan changes (과제 변경). Owner: the expenses/changes helper.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0005_ledger'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ChangeRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(verbose_name='reason for the change')),
                ('submitted_at', models.DateTimeField()),
                ('status', models.CharField(choices=[('pending', 'Awaiting decisions'), ('closed', 'Decided')], default='pending', max_length=10, verbose_name='status')),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('version_from', models.PositiveIntegerField(blank=True, null=True, verbose_name='version before')),
                ('version_to', models.PositiveIntegerField(blank=True, null=True, verbose_name='version made')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='change_requests', to='agreements.agreement')),
                ('submitted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'change request',
                'verbose_name_plural': 'change requests',
                'ordering': ['-submitted_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ChangePart',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('period_extension', 'Period extension (기간 연장)'), ('budget_reallocation', 'Budget reallocation (비목 간 전용)'), ('researcher_change', 'Researcher change (참여연구원 변경)'), ('co_institution_change', 'Co-institution change (공동기관 변경)')], max_length=24, verbose_name='kind')),
                ('change_type', models.CharField(choices=[('notification', 'Notification (final on filing)'), ('approval', 'Approval (decided by SBA)')], max_length=12, verbose_name='type')),
                ('type_rule', models.CharField(blank=True, max_length=300, verbose_name='rule that set the type')),
                ('payload', models.JSONField(verbose_name='requested change')),
                ('decided_payload', models.JSONField(blank=True, null=True, verbose_name='change as accepted')),
                ('status', models.CharField(choices=[('pending', 'Awaiting decision'), ('decided', 'Decided')], default='pending', max_length=10, verbose_name='status')),
                ('decision', models.CharField(blank=True, choices=[('', 'Not decided'), ('accepted', 'Accepted'), ('accepted_with_changes', 'Accepted with changes'), ('refused', 'Refused')], max_length=24, verbose_name='decision')),
                ('reason', models.TextField(blank=True, verbose_name='reason of the decision')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parts', to='agreements.changerequest')),
            ],
            options={
                'verbose_name': 'change request part',
                'verbose_name_plural': 'change request parts',
                'ordering': ['request', 'id'],
            },
        ),
        migrations.CreateModel(
            name='StatementImport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                ('file', models.FileField(upload_to='agreements/statements/%Y/%m/', verbose_name='statement file')),
                ('sha256', models.CharField(max_length=64)),
                ('rows_total', models.PositiveIntegerField(default=0)),
                ('rows_imported', models.PositiveIntegerField(default=0)),
                ('bad_rows', models.JSONField(blank=True, default=list, verbose_name='rows not imported')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='statement_imports', to='agreements.agreement')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'statement import',
                'verbose_name_plural': 'statement imports',
                'ordering': ['-uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='Expense',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year_no', models.PositiveSmallIntegerField(verbose_name='agreement year')),
                ('category', models.CharField(blank=True, choices=[('personnel', 'Personnel (인건비)'), ('equipment', 'Equipment and facilities (연구시설·장비비)'), ('materials', 'Materials (연구재료비)'), ('activity', 'Research activities (연구활동비)'), ('outsourcing', 'Outsourced development (위탁연구개발비)'), ('allowance', 'Research allowance (연구수당)'), ('indirect', 'Indirect costs (간접비)')], max_length=20, verbose_name='budget category')),
                ('amount_krw', models.BigIntegerField(verbose_name='amount (KRW)')),
                ('spent_on', models.DateField(verbose_name='spent on')),
                ('payee', models.CharField(max_length=200, verbose_name='payee')),
                ('description', models.CharField(blank=True, max_length=300, verbose_name='description')),
                ('evidence', models.FileField(blank=True, upload_to='agreements/expenses/%Y/%m/', verbose_name='evidence (PDF)')),
                ('evidence_name', models.CharField(blank=True, max_length=255)),
                ('evidence_sha256', models.CharField(blank=True, max_length=64)),
                ('statement_row', models.PositiveIntegerField(blank=True, null=True, verbose_name='statement row')),
                ('statement_ref', models.CharField(blank=True, max_length=100, verbose_name='statement reference')),
                ('status', models.CharField(choices=[('draft', 'Draft (needs a category)'), ('recorded', 'Recorded (awaiting review)'), ('accepted', 'Accepted'), ('disallowed', 'Disallowed'), ('discarded', 'Discarded draft')], default='recorded', max_length=12, verbose_name='status')),
                ('flags', models.JSONField(blank=True, default=list, verbose_name='plan warnings at recording')),
                ('recorded_at', models.DateTimeField(blank=True, null=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('reason', models.TextField(blank=True, verbose_name='reason of the decision')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='expenses', to='agreements.agreement')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('disallowed_entry', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='disallowed_expense', to='agreements.ledgerentry')),
                ('executed_entry', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='executed_expense', to='agreements.ledgerentry')),
                ('institution', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.institution')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('statement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='expenses', to='agreements.statementimport')),
            ],
            options={
                'verbose_name': 'expense',
                'verbose_name_plural': 'expenses',
                'ordering': ['-spent_on', '-id'],
                'indexes': [models.Index(fields=['agreement', 'year_no', 'status'], name='expense_agreement_year')],
                'constraints': [models.CheckConstraint(condition=models.Q(('amount_krw__gt', 0)), name='expense_amount_positive'), models.UniqueConstraint(fields=('statement', 'statement_row'), name='uniq_expense_statement_row')],
            },
        ),
    ]
