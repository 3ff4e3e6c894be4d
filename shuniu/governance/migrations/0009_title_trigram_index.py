"""A trigram index on request titles, with the receipt time beside it, for the operator's duplicate check ("a similar
title within 30 days"): PostgreSQL only; pg_trgm and btree_gin are trusted extensions, so the database owner may
create them. On SQLite the check compares words in Python instead."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS request_title_trgm_idx ON governance_citizenrequest "
        "USING gin (title gin_trgm_ops, created_at)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS request_title_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("governance", "0008_lean_request_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
