from django.db import migrations


def seed(apps, schema_editor):
    from shuniu.innovation.defaults import seed as seed_criteria

    seed_criteria(apps.get_model("innovation", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("innovation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
