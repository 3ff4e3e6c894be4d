"""SPEC §4's defaults: the nine 必报 types, the two periodicals and the urgent-information limits by level."""

from django.db import migrations

MUST_REPORT = [
    "重大决策部署落实",
    "领导批示落实",
    "重要会议精神落实",
    "经济指标和重点项目进展",
    "群众关心的热点难点",
    "涉本地网络舆情",
    "重要社会动态和苗头性问题",
    "突发事件",
    "约稿",
]
LIMITS = [("especially_major", 30, 60), ("major", 30, 60), ("large", 60, 120), ("general", None, 360)]


def seed(apps, schema_editor):
    MustReportType = apps.get_model("information", "MustReportType")
    Periodical = apps.get_model("information", "Periodical")
    UrgentLimit = apps.get_model("information", "UrgentLimit")
    for n, name in enumerate(MUST_REPORT):
        MustReportType.objects.get_or_create(name=name, defaults={"sort_order": n})
    for name in ("信息快报", "每日要情"):
        Periodical.objects.get_or_create(name=name)
    for level, phone, written in LIMITS:
        UrgentLimit.objects.get_or_create(level=level, defaults={"phone_minutes": phone, "written_minutes": written})


class Migration(migrations.Migration):
    dependencies = [("information", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
