"""The duplicate check runs once per run (TF-IDF, evaluation.screening.domain.duplicates).

Adds ScreeningRun.duplicates_done_at (a resumed run does not redo the phase) and drops the pg_trgm
GIN indexes of migration 0003: nothing queries them any more, and every application save paid for
their upkeep. The pg_trgm extension itself is left in place (harmless, other code may use it).
"""

from django.db import migrations, models

TRIGRAM_INDEXES = [
    ("screening_app_to_trgm", "applications_application", "(title_ko || ' ' || objectives)"),
    ("screening_project_to_trgm", "agreements_project", "(title || ' ' || objectives)"),
]


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expr in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def recreate_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expr in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expr} gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0003_trigram_title_objectives"),
    ]

    operations = [
        migrations.AddField(
            model_name="screeningrun",
            name="duplicates_done_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when the duplicate phase has written its pairs; a resumed run skips it.",
                null=True,
                verbose_name="duplicate check done at",
            ),
        ),
        migrations.RunPython(drop_indexes, recreate_indexes),
    ]
