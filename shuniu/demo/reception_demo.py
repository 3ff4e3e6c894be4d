"""The demo office's 公务接待 (issue 15): a reception that kept every rule, one whose 接待清单 broke two and strayed
from its 公函, one approved and under way, one waiting for the director — dated from the day loaded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from shuniu.org.models import Unit, User
from shuniu.reception import services
from shuniu.reception.models import RankStandard, Reception


def load(now: dt.datetime) -> int:
    if Reception.objects.exists():
        return 0
    today = timezone.localtime(now).date()
    users = {u.username: u for u in User.objects.filter(username__in=["jiedai", "director"])}
    if len(users) < 2:
        return 0
    officer, director = users["jiedai"], users["director"]
    office = Unit.objects.get(name="县委办公室")
    ranks = {r.rank: r for r in RankStandard.objects.all()}

    def reception(days_ago: int, sending: str, number: str, people: list[tuple[str, str, str]], activities: str,
                  purpose: str, accompanying: int) -> Reception:  # fmt: skip
        start = today - dt.timedelta(days=days_ago)
        return services.reception_request(
            actor=officer,
            letter={
                "sending_unit": sending, "doc_number": number, "guest_count": len(people),
                "guests": "\n".join(f"{n} {p}" for n, p, _r in people), "start_date": start,
                "end_date": start + dt.timedelta(days=1), "activities": activities,
            },
            host_unit=office, purpose=purpose, planned_guests=len(people), planned_accompanying=accompanying,
            planned_meals=1, budget=Decimal(150 * len(people) + 400 * len(people)),
        )  # fmt: skip

    def fill(r: Reception, people: list[tuple[str, str, str]], items: list[dict[str, object]]) -> None:
        services.reception_approve(actor=director, reception=r, reason="同意，严格按标准接待")
        for name, position, rank in people:
            services.guest_add(actor=officer, reception=r, name=name, unit=r.letter.sending_unit, position=position,
                               rank=ranks.get(rank))  # fmt: skip
        for item in items:
            services.item_add(actor=officer, reception=r, **item)  # type: ignore[arg-type]

    linyi = [("张明", "副主任", "县处级及以下"), ("李华", "科长", "县处级及以下"), ("王强", "科员", "县处级及以下")]
    good = reception(40, "临沂市委办公室", "临委办函〔2026〕15号", linyi, "考察调研基层治理“百姓夜话”工作，座谈交流",
                     "接待临沂市委办公室考察组", 2)  # fmt: skip
    day = good.letter.start_date
    fill(good, linyi, [
        _it("activity", day, "湖滨镇", "考察调研百姓夜话", 3, payment="none"),
        _it("meal", day, "县委机关食堂", "工作餐", 3, accompanying=2, cost=400),
        _it("room", day, "县委招待所", "标准间", 3, nights=1, cost=1050),
    ])  # fmt: skip
    services.reception_complete(actor=officer, reception=good)

    province = [("赵国庆", "处长", "厅局级"), ("孙悦", "副处长", "县处级及以下"), ("周平", "主任科员", "县处级及以下"),
                ("吴迪", "科员", "县处级及以下")]  # fmt: skip
    flawed = reception(12, "省委政策研究室", "鲁委研函〔2026〕8号", province[:3], "专题调研县域经济高质量发展",
                       "接待省委政研室调研组", 3)  # fmt: skip
    day = flawed.letter.start_date
    fill(flawed, province, [
        _it("activity", day, "县经济开发区", "专题调研县域经济", 4, payment="none"),
        _it("meal", day, "县委机关食堂", "工作餐", 4, accompanying=5, cost=1080),
        _it("activity", day + dt.timedelta(days=2), "南山景区", "参观景区", 4, payment="none"),
    ])  # fmt: skip
    services.reception_complete(actor=officer, reception=flawed)

    city = [("钱进", "副局长", "县处级及以下"), ("郑欣", "科长", "县处级及以下")]
    under_way = reception(
        0, "市发展和改革委员会", "市发改函〔2026〕31号", city, "督导重点项目建设", "接待市发改委督导组", 1
    )
    services.reception_approve(actor=director, reception=under_way, reason="同意")
    reception(-5, "邻县县委办公室", "", [("冯立", "副主任", "县处级及以下")], "交流学习督查督办工作",
              "接待邻县县委办交流", 1)  # fmt: skip
    return Reception.objects.count()


def _it(kind: str, day: dt.date, place: str, content: str, guests: int, **more: object) -> dict[str, object]:
    return {"kind": kind, "date": day, "place": place, "content": content, "guests": guests, **more}
