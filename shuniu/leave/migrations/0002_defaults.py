"""The Shandong table and the default approval chain (SPEC §7), as data the personnel clerk may change."""

from django.db import migrations

from shuniu.leave.defaults import seed


def forwards(apps, schema_editor):
    seed(apps.get_model("leave", "LeaveType"), apps.get_model("leave", "LeaveVariant"), apps.get_model("leave", "ChainRule"))


class Migration(migrations.Migration):
    dependencies = [("leave", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
