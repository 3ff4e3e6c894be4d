"""Trigram indexes for the registries' search (`icontains` compiles to UPPER(col) LIKE UPPER(%s)): PostgreSQL only."""

from django.db import migrations

COLUMNS = [
    ("documents_incoming", "title"),
    ("documents_incoming", "receipt_number"),
    ("documents_incoming", "source_doc_number"),
    ("documents_incoming", "source_org"),
    ("documents_outgoing", "title"),
    ("documents_outgoing", "doc_number"),
    ("documents_outgoing", "code"),
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
