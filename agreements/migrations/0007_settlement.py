# Evaluation and closing part (0007). Owner: the evaluation/settlement helper; append its ops here.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0006_expenses_changes'),
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
    ]
