"""The demo county's 年度目标 (issue 15): this year's goals for the office's sections and some departments, the 年初
stage frozen, progress reported as the year has gone (the 年中 stage frozen once July has come) — dated from the day
loaded."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from shuniu.goals import services
from shuniu.goals.models import Goal
from shuniu.org.models import Unit, User

GOALS = [
    ("督查室", "重点工作督查办结率达到95%以上", "以督查台账销号为准", ["按月通报红黄灯事项", "开展专项督查12次"]),
    ("信息科", "全年向市委报送信息被采用80条以上", "以市委办公室采用通报为准", ["紧急信息首报零迟报"]),
    ("秘书科", "县委常委会会议议定事项全部立项督办", "会后3个工作日内立项", []),
    ("县发展和改革局", "全县重点项目投资完成120亿元", "以统计局月报为准", ["新开工项目30个", "竣工投产项目15个"]),
    ("县住房和城乡建设局", "完成老旧小区改造20个", "竣工验收为准", ["加装电梯50部"]),
]


def load(now: dt.datetime) -> int:
    today = timezone.localtime(now).date()
    office = User.objects.filter(username="duchayuan").first() or User.objects.filter(username="director").first()
    if office is None or Goal.objects.filter(year=today.year).exists():
        return 0
    units = {u.name: u for u in Unit.objects.filter(name__in=[g[0] for g in GOALS])}
    made: list[Goal] = []
    for n, (unit_name, title, measure, subs) in enumerate(GOALS):
        unit = units.get(unit_name)
        if unit is None:
            continue
        top = services.goal_create(actor=office, year=today.year, unit=unit, title=title, measure=measure, sort_order=n)
        made += [top] + [
            services.goal_create(actor=office, year=today.year, unit=unit, title=s, parent=top, sort_order=i)
            for i, s in enumerate(subs)
        ]
    services.stage_freeze(actor=office, year=today.year, stage="start")
    share = (today - dt.date(today.year, 1, 1)).days / 365
    for i, goal in enumerate(made):
        progress = min(100, round(share * 100 * (0.7 + 0.15 * (i % 4))))
        services.goal_report(
            actor=office, goal=goal, progress=progress, note=f"截至{today.month}月，已完成全年目标的{progress}%"
        )
    if today.month >= 7:
        services.stage_freeze(actor=office, year=today.year, stage="mid")
    return len(made)
