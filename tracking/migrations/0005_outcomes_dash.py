"""Part of the outcomes dash work: OutcomeTally, the accepted outcome reports' sums per programme
and year that the outcomes dashboard reads (filled here from the reports already accepted)."""

import django.db.models.deletion
from django.db import migrations, models

FIELDS = (
    "sales_krw", "cost_savings_krw", "transfer_value_krw", "hires_research", "hires_production",
    "hires_other", "papers_general", "papers_sci", "talks", "patents_filed", "patents_registered",
    "transfers", "awards", "certifications",
)  # fmt: skip


def rebuild(apps, schema_editor):
    cols = ", ".join(FIELDS)
    sums = ", ".join(f"COALESCE(SUM({f}), 0)" for f in FIELDS)
    schema_editor.execute(
        f"INSERT INTO tracking_outcometally (program_id, covers_year, reports, {cols}) "
        f"SELECT program_id, covers_year, COUNT(*), {sums} FROM tracking_trackingreport "
        "WHERE status = 'accepted' GROUP BY program_id, covers_year"
    )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0003_reports"), ("programs", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="OutcomeTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "covers_year",
                    models.PositiveSmallIntegerField(verbose_name="calendar year covered"),
                ),
                (
                    "reports",
                    models.IntegerField(default=0, verbose_name="accepted reports"),
                ),
                ("sales_krw", models.BigIntegerField(default=0, verbose_name="sales (KRW)")),
                (
                    "cost_savings_krw",
                    models.BigIntegerField(default=0, verbose_name="cost savings (KRW)"),
                ),
                (
                    "transfer_value_krw",
                    models.BigIntegerField(
                        default=0, verbose_name="technology transfer contract value (KRW)"
                    ),
                ),
                (
                    "hires_research",
                    models.BigIntegerField(default=0, verbose_name="new hires: research"),
                ),
                (
                    "hires_production",
                    models.BigIntegerField(default=0, verbose_name="new hires: production"),
                ),
                ("hires_other", models.BigIntegerField(default=0, verbose_name="new hires: other")),
                (
                    "papers_general",
                    models.BigIntegerField(default=0, verbose_name="papers (general)"),
                ),
                ("papers_sci", models.BigIntegerField(default=0, verbose_name="papers (SCI)")),
                ("talks", models.BigIntegerField(default=0, verbose_name="conference talks")),
                ("patents_filed", models.BigIntegerField(default=0, verbose_name="patents filed")),
                (
                    "patents_registered",
                    models.BigIntegerField(default=0, verbose_name="patents registered"),
                ),
                (
                    "transfers",
                    models.BigIntegerField(default=0, verbose_name="technology transfers"),
                ),
                ("awards", models.BigIntegerField(default=0, verbose_name="awards")),
                (
                    "certifications",
                    models.BigIntegerField(default=0, verbose_name="certifications"),
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
                "verbose_name": "outcome tally",
                "verbose_name_plural": "outcome tallies",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("program", "covers_year"), name="uniq_outcome_tally"
                    )
                ],
            },
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
