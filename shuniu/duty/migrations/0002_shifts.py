"""The office's default shifts: a night duty every day, a day duty on rest days and holidays (on working days,
including make-up workdays, the office is staffed)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    Shift = apps.get_model("duty", "Shift")
    if not Shift.objects.exists():
        Shift.objects.create(name="白班", start=dt.time(8, 30), end=dt.time(17, 30), days="rest", officers=1, sort_order=1)
        Shift.objects.create(name="夜班", start=dt.time(17, 30), end=dt.time(8, 30), days="all", officers=1, sort_order=2)


class Migration(migrations.Migration):
    dependencies = [("duty", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
