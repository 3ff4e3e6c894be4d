"""A trigram index on request titles for the operator's duplicate check (PostgreSQL only; pg_trgm is a trusted
extension, so the database owner may create it). On SQLite the check compares words in Python instead."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS request_title_trgm_idx ON governance_citizenrequest USING gin (title gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS request_title_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("governance", "0008_lean_request_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
