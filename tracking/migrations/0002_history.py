# The city's printed R&D support record (seed 000): rows per period and the printed totals.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="HistoryYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "table",
                    models.CharField(
                        choices=[
                            ("support", "Seoul R&D support"),
                            ("commercialisation", "Commercialisation outcomes"),
                            ("research", "Research outcomes"),
                            ("matching", "Matching funds for national R&D"),
                        ],
                        max_length=20,
                        verbose_name="table",
                    ),
                ),
                ("first_year", models.PositiveSmallIntegerField(verbose_name="first year")),
                ("last_year", models.PositiveSmallIntegerField(verbose_name="last year")),
                (
                    "projects",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="projects"),
                ),
                (
                    "projects_new",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="new projects"),
                ),
                (
                    "projects_continuing",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="continuing projects"
                    ),
                ),
                (
                    "amount_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="amount (million KRW)"
                    ),
                ),
                (
                    "amount_new_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="amount for new projects (million KRW)"
                    ),
                ),
                (
                    "amount_continuing_million_krw",
                    models.BigIntegerField(
                        blank=True,
                        null=True,
                        verbose_name="amount for continuing projects (million KRW)",
                    ),
                ),
                (
                    "sales_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="sales (million KRW)"
                    ),
                ),
                (
                    "cost_savings_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="cost savings (million KRW)"
                    ),
                ),
                (
                    "hires",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="new hires"),
                ),
                (
                    "hires_research",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="research staff"
                    ),
                ),
                (
                    "hires_production",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="production staff"
                    ),
                ),
                (
                    "hires_other",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="other staff"),
                ),
                (
                    "papers_general",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="papers (general)"
                    ),
                ),
                (
                    "papers_sci",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="papers (SCI)"),
                ),
                (
                    "talks",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="conference talks"
                    ),
                ),
                (
                    "patents_filed",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="patents filed"
                    ),
                ),
                (
                    "patents_registered",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="patents registered"
                    ),
                ),
                (
                    "transfers",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="technology transfers"
                    ),
                ),
                (
                    "transfer_value_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="transfer contract value (million KRW)"
                    ),
                ),
                (
                    "awards_certifications",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="awards and certifications"
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="source")),
            ],
            options={
                "verbose_name": "history row",
                "verbose_name_plural": "history rows",
                "ordering": ["table", "first_year"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("table", "first_year"), name="uniq_history_year"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("last_year__gte", models.F("first_year"))),
                        name="history_year_period_ordered",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PrintedHistoryTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "table",
                    models.CharField(
                        choices=[
                            ("support", "Seoul R&D support"),
                            ("commercialisation", "Commercialisation outcomes"),
                            ("research", "Research outcomes"),
                            ("matching", "Matching funds for national R&D"),
                        ],
                        max_length=20,
                        verbose_name="table",
                    ),
                ),
                ("first_year", models.PositiveSmallIntegerField(verbose_name="first year")),
                ("last_year", models.PositiveSmallIntegerField(verbose_name="last year")),
                (
                    "projects",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="projects"),
                ),
                (
                    "projects_new",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="new projects"),
                ),
                (
                    "projects_continuing",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="continuing projects"
                    ),
                ),
                (
                    "amount_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="amount (million KRW)"
                    ),
                ),
                (
                    "amount_new_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="amount for new projects (million KRW)"
                    ),
                ),
                (
                    "amount_continuing_million_krw",
                    models.BigIntegerField(
                        blank=True,
                        null=True,
                        verbose_name="amount for continuing projects (million KRW)",
                    ),
                ),
                (
                    "sales_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="sales (million KRW)"
                    ),
                ),
                (
                    "cost_savings_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="cost savings (million KRW)"
                    ),
                ),
                (
                    "hires",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="new hires"),
                ),
                (
                    "hires_research",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="research staff"
                    ),
                ),
                (
                    "hires_production",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="production staff"
                    ),
                ),
                (
                    "hires_other",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="other staff"),
                ),
                (
                    "papers_general",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="papers (general)"
                    ),
                ),
                (
                    "papers_sci",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="papers (SCI)"),
                ),
                (
                    "talks",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="conference talks"
                    ),
                ),
                (
                    "patents_filed",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="patents filed"
                    ),
                ),
                (
                    "patents_registered",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="patents registered"
                    ),
                ),
                (
                    "transfers",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="technology transfers"
                    ),
                ),
                (
                    "transfer_value_million_krw",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="transfer contract value (million KRW)"
                    ),
                ),
                (
                    "awards_certifications",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="awards and certifications"
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="source")),
            ],
            options={
                "verbose_name": "printed history total",
                "verbose_name_plural": "printed history totals",
                "ordering": ["table", "first_year"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(fields=("table",), name="uniq_printed_history_total")
                ],
            },
        ),
    ]
