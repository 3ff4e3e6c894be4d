from django.db import migrations


def seed(apps, schema_editor):
    from shuniu.united_front.defaults import seed as seed_categories

    seed_categories(apps.get_model("united_front", "Category"))


class Migration(migrations.Migration):
    dependencies = [("united_front", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
