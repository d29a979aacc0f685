"""pg_trgm and GIN trigram indexes for the duplicate-proposal check (PostgreSQL only).

The indexed expressions are exactly those of evaluation.screening.domain.duplicates.doc_sql, so the
planner can use them for the `%` similarity operator. On SQLite nothing is created (difflib fallback).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("screening_app_doc_trgm", "applications_application",
     "(title_ko || ' ' || objectives || ' ' || left(content, 1000))"),
    ("screening_project_doc_trgm", "agreements_project",
     "(title || ' ' || objectives || ' ' || left(content, 1000))"),
]  # fmt: skip


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expr in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expr} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expr in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
