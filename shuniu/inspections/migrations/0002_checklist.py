from django.db import migrations


def seed(apps, schema_editor):
    from shuniu.inspections.defaults import seed as seed_items

    seed_items(apps.get_model("inspections", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
