"""The demo county's 保密检查 (issue 15): this year's plan over every unit, about 60 % of the units inspected by
today, three findings in rectification as supervision tasks — dated from the day loaded."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from shuniu.inspections import services
from shuniu.inspections.models import Plan
from shuniu.org.models import User

FINDINGS = [
    ("一机两用", "一台内网计算机曾连接手机热点上网"),
    ("密码文件柜", "两份涉密文件存放在个人办公桌抽屉"),
    ("保密审查", "政务公众号一篇稿件发布前未履行保密审查"),
]


def load(now: dt.datetime) -> int:
    inspector = User.objects.filter(username="baomi").first()
    today = timezone.localtime(now).date()
    if inspector is None or Plan.objects.filter(year=today.year).exists():
        return 0
    plan = services.plan_create(actor=inspector, year=today.year, inspector=inspector)
    visits = list(plan.visits.select_related("unit").order_by("month", "id"))
    done = visits[: round(len(visits) * 0.6)]
    items = services.checklist()
    for i, visit in enumerate(done):
        day = today - dt.timedelta(days=3 + (len(done) - i) * 150 // max(len(done), 1))
        failing = {items[(i * 5) % len(items)].pk} if i % 4 == 0 else set()
        results = {it.pk: (it.pk not in failing, "存在问题，已当场指出" if it.pk in failing else "") for it in items}
        services.visit_record(
            actor=inspector, visit=visit, results=results, inspected_on=day, summary="进驻检查，逐项核对"
        )
    for n, (word, text) in enumerate(FINDINGS):
        visit = done[-1 - n * 2]
        item = next((it for it in items if word in it.text), None)
        services.finding_raise(actor=inspector, visit=visit, item=item, description=text,
                               deadline=(visit.inspected_on or today) + dt.timedelta(days=30))  # fmt: skip
    return len(done)
