"""The office's default shifts: a night duty every day, a day duty on rest days and holidays (on working days,
including make-up workdays, the office is staffed)."""

from django.db import migrations


def seed(apps, schema_editor):
    from shuniu.duty.roster import seed_shifts

    seed_shifts(apps.get_model("duty", "Shift"))


class Migration(migrations.Migration):
    dependencies = [("duty", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
