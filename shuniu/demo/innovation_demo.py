"""The demo county's 创新案例评比 and 科室讲堂 (issue 15): last quarter's contest scored by six judges and published,
this quarter's open for submissions, a month of lectures — dated from the day loaded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from shuniu.innovation import services
from shuniu.innovation.models import Call
from shuniu.org.models import Unit, User

CASES = [
    ("县发展和改革局", "项目审批“一窗受理、并联审批”", (9, 8, 8, 9)),
    ("县住房和城乡建设局", "老旧小区改造“居民议事会”", (8, 9, 8, 8)),
    ("湖滨镇", "“百姓夜话”议事协商机制", (9, 9, 9, 8)),
    ("督查室", "督查事项红黄绿灯动态管理", (8, 8, 7, 9)),
    ("信息科", "紧急信息“首报即时、续报到底”", (7, 8, 8, 8)),
]
JUDGES = ["director", "fuzhuren", "fuzhuren2", "kezhang", "mishu", "wenshu"]


def load(now: dt.datetime) -> int:
    today = timezone.localtime(now).date()
    users = {u.username: u for u in User.objects.filter(username__in=[*JUDGES, "renshi"]).select_related("unit")}
    if "director" not in users or Call.objects.exists():
        return 0
    director = users["director"]
    quarter = (today.month - 1) // 3 + 1
    last_year, last_q = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    last_end = dt.date(last_year, last_q * 3, 1) + dt.timedelta(days=31)
    deadline = last_end.replace(day=1) - dt.timedelta(days=10)
    judges = [users[n] for n in JUDGES if n in users]
    call = services.call_create(actor=director, year=last_year, quarter=last_q, deadline=deadline, judges=judges)
    units = {u.name: u for u in Unit.objects.filter(name__in=[c[0] for c in CASES])}
    for n, (unit_name, title, marks) in enumerate(CASES):
        unit = units.get(unit_name)
        if unit is None:
            continue
        case = services.case_submit(actor=director, call=call, unit=unit, title=title,
                                    summary=f"{unit_name}探索{title}，形成可复制经验。", today=deadline)  # fmt: skip
        for j, judge in enumerate(judges):
            if services.excluded(judge, case):
                continue
            values = {
                c.pk: Decimal(max(0, min(10, marks[i] + (j + n) % 3 - 1))) for i, c in enumerate(services.criteria())
            }
            services.score_submit(actor=judge, case=case, values=values, today=deadline + dt.timedelta(days=1))
    services.call_publish(actor=director, call=call)
    quarter_end = dt.date(today.year, quarter * 3, 28)
    services.call_create(actor=director, year=today.year, quarter=quarter, deadline=quarter_end, judges=judges)
    sections = list(Unit.objects.filter(kind=Unit.Kind.SECTION, parent__name="县委办公室").order_by("sort_order")[:4])
    speakers = [u for u in users.values() if u.unit in sections] or [director]
    topics = ["公文写作规范", "督查通报怎么写", "信息报送要点", "值班应急处置"]
    for i, section in enumerate(sections):
        services.lecture_add(actor=director, date=today - dt.timedelta(days=21 - 7 * i), unit=section,
                             speaker=speakers[i % len(speakers)], topic=topics[i])  # fmt: skip
    return call.cases.count()
