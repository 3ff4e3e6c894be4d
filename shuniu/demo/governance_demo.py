"""Citizen-request demo data: 2,000 requests made from the 1,000 labelled ones in data/requests_dev.jsonl
(written as citizens speak; each appears twice, as repeated problems do), received over the six months before the
demo is loaded and in every state, so that the inbox, the rates, hot topics and dispatch suggestions mean
something on any date. Rows are bulk-inserted (seed data,
with one audit record for the whole load), not replayed through the services."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from django.utils import timezone

from shuniu.core.crypto import blind_index, encrypt, mask_phone
from shuniu.core.sequences import next_number, next_value
from shuniu.core.workdays import add_workdays
from shuniu.demo import requests_demo
from shuniu.governance.models import Category, CitizenRequest, Dispatch
from shuniu.governance.requests.deadlines import all_limits
from shuniu.org.models import Unit, User

DATA = Path(__file__).resolve().parent / "data" / "requests_dev.jsonl"
TYPES = {"咨询": "consult", "求助": "help", "投诉": "complaint", "建议": "suggestion", "举报": "report"}
CHANNELS = {
    "热线电话": "hotline",
    "网站": "web",
    "移动端": "mobile",
    "民主议政日": "deliberation",
    "百姓夜话": "evening_talk",
    "来访": "visit",
}
# (category, keywords, department)
CATEGORIES = [
    ("物业管理", "物业 电梯 物业费 小区", "县住房和城乡建设局"),
    ("供暖燃气", "供暖 暖气 燃气", "县住房和城乡建设局"),
    ("建筑施工", "工地 施工 夜间施工", "县住房和城乡建设局"),
    ("占道经营", "占道 摆摊 流动摊贩", "县综合行政执法局"),
    ("市容环卫", "垃圾 路灯 违建 渣土", "县综合行政执法局"),
    ("劳动保障", "欠薪 工资 拖欠 农民工", "县人力资源和社会保障局"),
    ("社会保险", "养老金 社保 医保 认证", "县人力资源和社会保障局"),
    ("环境污染", "污染 排污 异味 噪声", "县生态环境分局"),
    ("食品药品", "食品 过期 餐馆", "县市场监督管理局"),
    ("价格质量", "价格 质量 缺斤短两", "县市场监督管理局"),
    ("道路交通", "公交 道路 出租车", "县交通运输局"),
    ("教育教学", "学校 幼儿园 入学 校车", "县教育和体育局"),
    ("医疗卫生", "医院 疫苗 卫生院", "县卫生健康局"),
    ("养老救助", "低保 养老 救助 殡葬", "县民政局"),
    ("户籍证件", "户口 身份证 户籍", "县公安局"),
    ("治安秩序", "治安 盗窃 诈骗 违停", "县公安局"),
    ("水务水利", "停水 饮水 河道 灌溉", "县水利局"),
    ("农业农村", "种植 养殖 农机 合作社", "县农业农村局"),
    ("土地规划", "土地 宅基地 耕地 房产证", "县自然资源和规划局"),
    ("安全生产", "安全隐患 危化品 消防", "县应急管理局"),
    ("通信网络", "信号 宽带 基站", "县工业和信息化局"),
    ("文化旅游", "景区 旅游 网吧", "县文化和旅游局"),
    ("惠民补贴", "补贴 一卡通", "县财政局"),
    ("法律服务", "法律援助 调解", "县司法局"),
    ("商贸流通", "市场 超市 消费券", "县商务局"),
    ("价格能源", "物价 电价 能源", "县发展和改革局"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"


def _categories(units: dict[str, Unit]) -> dict[str, Category]:
    by_department: dict[str, Category] = {}
    for name, keywords, department in CATEGORIES:
        category, _created = Category.objects.get_or_create(
            name=name, defaults={"keywords": keywords, "default_unit": units.get(department)}
        )
        by_department.setdefault(department, category)
    return by_department


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"


def _build(
    row: dict[str, Any],
    n: int,
    position: float,
    now: dt.datetime,
    units: dict[str, Unit],
    categories: dict[str, Category],
    limits: dict[tuple[str, str], int],
    rng: random.Random,
) -> tuple[CitizenRequest, Unit | None, requests_demo.Timeline]:
    request_type = TYPES[row["type"]]
    urgency = "urgent" if row["urgency"] == "紧急" else "normal"
    unit = units.get(row["department"])
    t = requests_demo.timeline(
        requests_demo.received_at(position, now, rng), now, request_type, limits[(request_type, urgency)], rng
    )
    if position >= requests_demo.FRESH:  # the last calls of the day: received minutes ago, not yet dispatched
        t = requests_demo.Timeline("received", now - dt.timedelta(minutes=10 + n % 30))
    day = timezone.localdate(t.received)
    phone = _phone(rng)
    anonymous = rng.random() < 0.05
    req = CitizenRequest(
        code=f"SQ-{day.year}-{next_number(f'SQ-{day.year}'):06d}",
        tracking_code=f"DEMO{n:06d}",
        channel=CHANNELS.get(row["channel"], "hotline"),
        request_type=request_type,
        urgency=urgency,
        category=categories.get(row["department"]),
        title=row["title"],
        content=row["content"],
        citizen_name="" if anonymous else f"{SURNAMES[n % len(SURNAMES)]}{'先生' if n % 2 else '女士'}",
        anonymous=anonymous,
        phone_encrypted="" if anonymous else encrypt(phone),
        phone_index="" if anonymous else blind_index(phone, purpose="phone"),
        phone_last4="" if anonymous else phone[-4:],
        phone_masked="" if anonymous else mask_phone(phone),
        town=units.get(row["town"]),
        status=t.status,
    )
    if t.status == "rejected":
        req.status_reason = "该事项属于司法诉讼范围，不属于行政机关受理事项。"
        req.redirect_advice = "请向县人民法院起诉，或到县司法局公共法律服务中心咨询。"
    if t.dispatched is None:
        return req, None, t
    req.handling_unit, req.dispatched_at = unit, t.dispatched
    req.due_date = add_workdays(timezone.localdate(t.dispatched), limits[(request_type, urgency)])
    if t.status == "returned":
        req.status_reason = "经核实不属于本单位职责，请重新派单。"
    if t.accepted is not None:
        req.accepted_at = t.accepted
        req.accepted_in_time = timezone.localdate(t.accepted) <= add_workdays(timezone.localdate(t.dispatched), 1)
    if t.replied is not None:
        _reply(req, t.replied, row, rng)
    if t.called_back is not None:
        req.satisfaction = rng.choices(["satisfied", "basic", "unsatisfied"], weights=[72, 19, 9])[0]
        req.resolution = rng.choices(["resolved", "partly", "not"], weights=[76, 15, 9])[0]
        req.unsatisfied_count = int(req.satisfaction == "unsatisfied")
        req.called_back_at = t.called_back
    req.closed_at = t.closed
    return req, unit, t


def _reply(req: CitizenRequest, replied: dt.datetime, row: dict[str, Any], rng: random.Random) -> None:
    req.replied_at = replied
    req.reply = requests_demo.reply_text(
        req.request_type, req.title, row["department"], row["town"], timezone.localdate(replied), rng
    )
    req.reply_published = rng.random() < 0.3


def _a_few_stuck(built: list[tuple[CitizenRequest, Unit | None, Any]], today: dt.date) -> None:
    """Leave MAX_STUCK requests of two to four weeks ago unanswered (past the escalation grace: the first jobs run
    escalates them), three just past their deadline (red in the unit's inbox), and one twice unsatisfied."""
    stuck = overdue = 0
    for req, _unit, t in built:
        if req.accepted_at is None or req.reply == "" or req.due_date is None:
            continue
        age = (today - timezone.localdate(t.received)).days
        if not 10 <= age <= 28:
            continue
        past_grace = today > add_workdays(req.due_date, 3)
        if past_grace and stuck < requests_demo.MAX_STUCK:
            stuck += 1
        elif req.due_date < today and not past_grace and overdue < 3:
            overdue += 1
        else:
            continue
        req.status = "accepted"
        req.replied_at = req.called_back_at = req.closed_at = None
        req.reply, req.reply_published, req.satisfaction, req.resolution, req.unsatisfied_count = "", False, "", "", 0
    for req, _unit, _t in reversed(built):
        if req.status == "called_back" and req.satisfaction == "unsatisfied":
            req.unsatisfied_count, req.reopen_count = 2, 1
            break


def load(now: dt.datetime | None = None) -> int:
    """Load the demo requests once, dated back from `now`; returns how many were created (0 when requests exist)."""
    if CitizenRequest.objects.exists() or not DATA.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(2026)  # noqa: S311 (demo data, not security)
    units = {u.name: u for u in Unit.objects.all()}
    categories = _categories(units)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Each labelled request twice: citizens raise the same problems again (duplicates and surges are real). The
    # labelled months keep their order, spread over the six months before `now`.
    rows = rows + [{**row, "town": rows[(i * 7) % len(rows)]["town"]} for i, row in enumerate(rows)]
    rows.sort(key=lambda r: r["month"])
    total, limits = len(rows), all_limits()
    built = [
        _build(row, n, (n - 1 + rng.random()) / total, now, units, categories, limits, rng)
        for n, row in enumerate(rows, start=1)
    ]
    _a_few_stuck(built, timezone.localdate(now))
    CitizenRequest.objects.bulk_create([req for req, _u, _t in built], batch_size=500)
    saved = dict(CitizenRequest.objects.filter(code__in=[req.code for req, _u, _t in built]).values_list("code", "pk"))
    Dispatch.objects.bulk_create(
        [
            Dispatch(request_id=saved[req.code], unit=unit, returned=req.status == "returned")
            for req, unit, _t in built
            if unit
        ],
        batch_size=500,
    )
    # created_at is the moment the request was received (auto_now_add set it to now): one bulk update.
    dated = [
        CitizenRequest(pk=saved[req.code], created_at=t.received, updated_at=t.closed or t.received)
        for req, _u, t in built
    ]
    CitizenRequest.objects.bulk_update(dated, ["created_at", "updated_at"], batch_size=500)
    return len(built)


def load_community(today: dt.date | None = None) -> None:
    """Events, legal-service workers, a mediation case and volunteer activities for the demo (once)."""
    from shuniu.governance.models import (
        EventItem,
        LegalWorker,
        MediationCase,
        ParticipationEvent,
        VolunteerActivity,
    )

    if ParticipationEvent.objects.exists():
        return
    today = today or timezone.localdate()
    units = {u.name: u for u in Unit.objects.all()}
    office = User.objects.filter(username="huawu").first() or User.objects.first()
    if office is None:
        return
    past = ParticipationEvent.objects.create(
        kind="evening_talk",
        title="老旧小区改造大家谈",
        held_on=today - dt.timedelta(days=12),
        town=units.get("锦秋街道"),
        place="锦秋社区党群服务中心",
        hosts="宋立强",
        participants="居民代表32人、县住建局、街道党工委",
        minutes="围绕加装电梯、停车难、管网改造等问题充分讨论。",
        published=True,
        created_by=office,
    )
    EventItem.objects.create(
        event=past,
        content="3号楼加装电梯的补贴怎么申请",
        raised_by="王大爷",
        outcome="县住建局已上门讲解政策，5户签署加装意向书。",
    )
    EventItem.objects.create(event=past, content="小区晚上停车太乱，消防通道被占", raised_by="李阿姨")
    ParticipationEvent.objects.create(
        kind="deliberation",
        title="农村人居环境整治议政会",
        held_on=today + dt.timedelta(days=6),
        town=units.get("湖滨镇"),
        place="湖滨镇政府三楼会议室",
        hosts="湖滨镇党委",
        created_by=office,
    )
    for name, role, village in (
        ("许正平", "mediator", "锦秋社区"),
        ("周律师", "adviser", "锦秋社区"),
        ("韩律师", "adviser", "湖滨村"),
        ("王秀梅", "literate", "桃源村"),
        ("赵长青", "leader", "石桥村"),
    ):
        if village in units:
            # The demo 调解员 logs in as `tiaojie`: linked, he sees and works his community's cases.
            account = User.objects.filter(username="tiaojie").first() if role == "mediator" else None
            LegalWorker.objects.create(name=name, role=role, village=units[village], user=account)
    mediator = LegalWorker.objects.filter(role="mediator").first()
    if mediator is not None:
        MediationCase.objects.create(
            code=f"TJ-{today.year}-{next_value(f'TJ-{today.year}'):04d}",
            applicant="王某",
            respondent="李某",
            dispute_type="neighbour",
            facts="李某在院内加盖房屋，影响王某家采光，双方多次争吵。",
            mediator=mediator,
            village=mediator.village,
            opened_on=today - dt.timedelta(days=40),
        )
    VolunteerActivity.objects.create(
        title="敬老院义务理发",
        held_on=today + dt.timedelta(days=4),
        place="县敬老院",
        capacity=15,
        description="为老人理发、量血压，需懂理发或护理者优先。",
        created_by=office,
    )
    VolunteerActivity.objects.create(
        title="湖滨河道清洁日",
        held_on=today + dt.timedelta(days=9),
        place="湖滨镇柳桥段",
        capacity=40,
        description="清理河道垃圾，提供手套和工具。",
        created_by=office,
    )
