from django.db import migrations


def seed(apps, schema_editor):
    from shuniu.reception.defaults import seed as seed_ranks

    seed_ranks(apps.get_model("reception", "RankStandard"))


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
