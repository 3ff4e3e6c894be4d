"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit log (the application's role included);
a DBA lifts it for one deliberate maintenance session with SET shuniu.allow_audit_rewrite = 'on'."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_refuse_rewrite() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('shuniu.allow_audit_rewrite', true), '') = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditrecord;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditrecord
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_rewrite();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditrecord;
DROP FUNCTION IF EXISTS audit_refuse_rewrite();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_leaner_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
