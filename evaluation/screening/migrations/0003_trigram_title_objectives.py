"""Trigram indexes on title + objectives only (see evaluation.screening.domain.duplicates)."""

from django.db import migrations

NEW = [
    ("screening_app_to_trgm", "applications_application", "(title_ko || ' ' || objectives)"),
    ("screening_project_to_trgm", "agreements_project", "(title || ' ' || objectives)"),
]
OLD = ["screening_app_doc_trgm", "screening_project_doc_trgm"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in OLD:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, table, expr in NEW:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expr} gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expr in NEW:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("screening", "0002_trigram_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
