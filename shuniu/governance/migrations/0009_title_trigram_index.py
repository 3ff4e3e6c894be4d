"""The duplicate check's trigram index on recent request titles (PostgreSQL only; pg_trgm is a trusted extension,
so the database owner may create it). The index is partial and rolls forward monthly: see
shuniu.governance.smart.duplicate_index. On SQLite the check compares words in Python instead."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from shuniu.governance.smart.duplicate_index import refresh

    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    refresh(concurrently=False)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'governance_citizenrequest' "
            "AND indexname LIKE 'request_title_trgm_%%'"
        )
        for (name,) in cursor.fetchall():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("governance", "0008_lean_request_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
