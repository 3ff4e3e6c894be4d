"""Full-text indexes on the title words (PostgreSQL only): `to_tsvector('simple', COALESCE(terms, ''))` is the
expression Django's SearchVector("terms", config="simple") writes, so the registries' word search uses it — an exact
word match, which (unlike a trigram match) needs no recheck and counts from the index."""

from django.db import migrations

TABLES = ("documents_outgoing", "documents_incoming")


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_terms_fts ON {table} "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(terms, ''::text)))"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_terms_trgm")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_terms_fts")


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_search_terms")]
    operations = [migrations.RunPython(forwards, backwards)]
