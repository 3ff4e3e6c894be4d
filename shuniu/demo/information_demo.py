"""The demo county's 信息报送: a year of items from the 20 departments and 12 towns in every state, adoptions at every
level and a few leaders' 批示, two commissions, two issued periodicals and a draft, and three urgent events (one
reported on time, one late, one still open with its next 续报 slot). Every date is relative to the load moment."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from shuniu.core.workdays import add_workdays
from shuniu.demo.county import DEPARTMENTS, GIVEN, SURNAMES, TOWNS
from shuniu.information import commissions, periodicals, services, tallies, urgent
from shuniu.information.models import (
    Adoption,
    InfoItem,
    InfoVersion,
    Instruction,
    MustReportType,
    Periodical,
    UrgentEvent,
)
from shuniu.org.models import Unit, User
from shuniu.org.roles import ROLE_BY_SLUG

DAYS = 365
ITEMS = 260
# (category, must-report type or "", title, body) — {u} the unit, {t} a town, {n}/{m} numbers
TEMPLATES = [
    (
        "experience",
        "重大决策部署落实",
        "{u}推行“一窗受理、集成服务”，办事时限压缩{n}%",
        "今年以来，{u}围绕优化营商环境，推行“一窗受理、集成服务”改革，梳理高频事项{m}项，实行前台综合受理、后台分类审批。"
        "截至目前，平均办理时限由原来的5个工作日压缩至2个工作日，压缩{n}%，群众满意率明显提升。",
    ),
    (
        "news",
        "经济指标和重点项目进展",
        "{t}{m}个重点项目集中开工，总投资{n}亿元",
        "近日，{t}举行重点项目集中开工仪式，{m}个项目集中开工，总投资{n}亿元，涵盖新材料、现代农业、文旅康养等领域。"
        "{t}实行“一个项目、一名领导、一个专班”包联机制，确保项目早落地、早投产。",
    ),
    (
        "problem",
        "群众关心的热点难点",
        "{t}部分老旧小区加装电梯推进难，群众期盼较高",
        "据{t}反映，辖区{m}个老旧小区共有{n}个单元有加装电梯意愿，但因低层住户意见不一、资金分摊难以协商、管线迁改费用较高等原因，"
        "目前仅完成3部。建议县住建部门出台资金分摊指导意见，简化审批流程。",
    ),
    (
        "opinion",
        "涉本地网络舆情",
        "网民反映{t}某路段夜间施工噪音扰民，{u}已现场处置",
        "{m}日晚，有网民在本地论坛发帖反映{t}某路段夜间施工噪音扰民，帖子阅读量约{n}00次。{u}接报后即派员赶赴现场，"
        "责令施工单位停止夜间作业，并在网上作出回应。目前舆情平稳。",
    ),
    (
        "news",
        "重要会议精神落实",
        "{u}专题学习传达县委全会精神",
        "{m}日，{u}召开党组（扩大）会议，专题学习传达县委全会精神，研究部署贯彻落实举措。会议要求，要把全会精神转化为推动工作的具体行动，"
        "聚焦年度目标任务，倒排工期、挂图作战，确保各项任务落地见效。",
    ),
    (
        "experience",
        "",
        "{t}探索“网格+积分”基层治理模式",
        "{t}将辖区划分为{m}个网格，配齐专兼职网格员{n}名，推行“网格+积分”管理，群众参与环境整治、矛盾调解、志愿服务可获积分，"
        "积分可兑换生活用品。今年以来，共化解矛盾纠纷{m}起，办理群众诉求{n}件。",
    ),
    (
        "problem",
        "重要社会动态和苗头性问题",
        "{t}部分村组农村饮水工程管护不到位",
        "调研发现，{t}部分村组农村饮水工程建成后管护主体不明确，{m}处供水设施存在管网老化、水压不足问题，涉及群众约{n}00人。"
        "建议县水利部门明确管护责任，建立长效管护机制。",
    ),
    (
        "news",
        "领导批示落实",
        "{u}落实县领导批示要求，开展安全隐患大排查",
        "按照县领导批示要求，{u}组织{m}个检查组，对辖区重点企业开展安全隐患大排查，共排查企业{n}家，发现隐患{m}处，已整改到位{m}处，"
        "对2家存在重大隐患的企业依法责令停产整改。",
    ),
    (
        "experience",
        "",
        "{u}“周末不打烊”服务赢得群众点赞",
        "为方便上班族办事，{u}推出“周末不打烊”服务，每周六上午安排专人值守，受理社保、医保等{m}类高频事项。开展以来，"
        "累计接待群众{n}0余人次，收到表扬信{m}封。",
    ),
    (
        "news",
        "经济指标和重点项目进展",
        "前三季度{u}主要指标稳中有进",
        "前三季度，{u}牵头负责的{m}项主要经济指标中，有{n}项增速高于全市平均水平。其中，规模以上工业增加值同比增长{m}.{n}%，"
        "固定资产投资同比增长{n}.{m}%。",
    ),
    (
        "problem",
        "",
        "{t}秋冬季秸秆禁烧压力较大",
        "进入秋收季节，{t}秸秆产生量约{n}万吨，部分群众仍有焚烧习惯，禁烧压力较大。{t}已组织巡查队{m}支，建议县农业农村部门"
        "加大秸秆还田机械补贴力度。",
    ),
    (
        "news",
        "",
        "{t}开展“敬老月”系列活动",
        "“敬老月”期间，{t}组织开展走访慰问、健康义诊、文艺演出等系列活动{m}场次，走访慰问高龄、困难老人{n}人，"
        "发放慰问金及物资折合{m}万元。",
    ),
]
# Sentences of a county's own work, two of which close each item so that no two items read alike.
DETAILS = [
    "下一步，将建立周调度、月通报制度，确保年底前全面完成。",
    "针对群众反映集中的停车难问题，已新增临时停车位{n}个。",
    "工作中还存在专业人员不足、资金保障压力大等困难。",
    "为此，专门抽调{m}名业务骨干组成工作专班，实行挂图作战。",
    "据统计，惠及群众{n}00余户，群众获得感明显增强。",
    "同时建立问题清单、责任清单、整改清单，实行销号管理。",
    "活动现场发放宣传资料{n}00余份，解答群众咨询{m}0余人次。",
    "各村（社区）党组织书记带头入户走访，逐户登记、逐项核实。",
    "该做法已在{t}的{m}个村推开，得到群众普遍认可。",
    "县里已拨付专项资金{m}0万元，用于设施改造和设备更新。",
    "截至目前，已完成年度计划的{n}%，高于序时进度。",
    "下步将加强与县直部门的沟通协调，争取政策和项目支持。",
    "部分企业反映用工难、融资难，希望县里搭建对接平台。",
    "在推进过程中，注重听取群众意见，先后召开议事会{m}次。",
    "对排查出的问题，能当场整改的立即整改，不能当场整改的限期整改。",
    "组织党员志愿者{m}0余人开展清扫保洁、交通疏导等志愿服务。",
    "相关经验做法已被市里有关部门转发推广。",
    "通过线上线下相结合的方式，群众办事“最多跑一次”。",
    "目前，相关设备已安装调试完毕，即将投入使用。",
    "由于连续降雨，部分工程进度受到一定影响，正在抢抓晴好天气施工。",
    "建议县财政在下年度预算中统筹安排相关经费。",
    "镇村两级累计投入资金{n}万元，改造提升道路{m}公里。",
    "来自{m}家企业的代表参加座谈，提出意见建议{n}条。",
    "对发现的{m}起苗头性问题，已第一时间化解在萌芽状态。",
    "县纪委监委派员全程监督，确保公开公平公正。",
    "今冬明春将重点抓好取暖、用电、用气等安全防范。",
    "全镇共有适龄儿童{n}00余人，入学率保持100%。",
    "同步开展“回头看”，防止问题反弹回潮。",
    "群众代表纷纷表示，这件事办到了大家心坎上。",
    "近期还将组织第二批次集中行动，扩大覆盖面。",
]
PERIODICAL_NAMES = {
    "county": "信息快报",
    "city": "市委办《每日要情》",
    "province": "省委办《快报》",
    "central": "中办《信息》",
}


def _officers(units: dict[str, Unit], rng: random.Random) -> dict[str, User]:
    """One information officer for each department and town (no password: demo data, not logins)."""
    group = Group.objects.get(name=ROLE_BY_SLUG["info_officer"].name)
    officers = {}
    for n, name in enumerate([*DEPARTMENTS, *TOWNS]):
        user, created = User.objects.get_or_create(
            username=f"xinxi{n + 1:02d}",
            defaults={"real_name": rng.choice(SURNAMES) + rng.choice(GIVEN), "unit": units[name]},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
        officers[name] = user
    return officers


def _text(rng: random.Random, unit: str, town: str) -> tuple[str, str, str, str]:
    category, kind, title, body = rng.choice(TEMPLATES)
    values = {"u": unit, "t": town, "n": rng.randint(12, 68), "m": rng.randint(3, 19)}
    details = "".join(rng.sample(DETAILS, 3)).format(**values)
    return category, kind, title.format(**values), body.format(**values) + details


def _redate(item: InfoItem, moment: dt.datetime) -> None:
    """Move an item's history to `moment` (its creation), keeping the order of its steps."""
    shift = moment - item.created_at
    InfoItem.objects.filter(pk=item.pk).update(
        created_at=moment, submitted_at=F("submitted_at") + shift if item.submitted_at else None
    )
    InfoVersion.objects.filter(item=item).update(created_at=F("created_at") + shift)
    Adoption.objects.filter(item=item).update(adopted_at=F("adopted_at") + shift + dt.timedelta(days=2))
    Instruction.objects.filter(item=item).update(created_at=F("created_at") + shift + dt.timedelta(days=4))


def load(now: dt.datetime) -> int:
    """Build the 信息报送 demo once; returns the number of items created."""
    if InfoItem.objects.exists():
        return 0
    rng = random.Random(20261201)  # noqa: S311 (demo data)
    units = {u.name: u for u in Unit.objects.all()}
    editor = User.objects.get(username="xinxiyuan")
    officers = _officers(units, rng)
    types = {t.name: t for t in MustReportType.objects.all()}
    towns = list(TOWNS)
    made: list[tuple[InfoItem, dt.datetime]] = []
    for n in range(ITEMS):
        age = DAYS * (ITEMS - n) / ITEMS  # oldest first, so that the guard compares with earlier items
        moment = now - dt.timedelta(days=age, hours=rng.randint(0, 8))
        source = rng.choice([*DEPARTMENTS, *towns])
        town = source if source in TOWNS else rng.choice(towns)
        category, kind, title, body = _text(rng, source, town)
        author = officers[source]
        item = services.item_create(
            actor=author,
            title=title,
            body=body,
            category=category,
            must_report_type=types.get(kind),
            event_time=moment - dt.timedelta(days=1),
        )
        if age < 1 and n % 3 == 0:
            made.append((item, moment))
            continue  # a few fresh drafts
        services.item_submit(actor=author, item=item)
        roll = rng.random()
        if age < 4 and roll < 0.5:
            pass  # waiting in the inbox
        elif roll < 0.10:
            services.item_return(actor=editor, item=item, reason="要素不全：请补充具体数据和下一步打算。")
        elif roll < 0.38:
            services.item_archive(actor=editor, item=item, reason="内容一般，存档备查。")
        elif roll < 0.45:
            services.item_edit(actor=editor, item=item, title=item.title, body=item.body + "\n（信息科编辑中）")
        else:
            services.item_edit(actor=editor, item=item, title=item.title, body=item.body.replace("目前", "当前"))
            services.item_adopt(actor=editor, item=item, level="county", periodical="信息快报")
            level = "central" if n in (57, 190) else "province" if roll > 0.93 else "city" if roll > 0.75 else ""
            if level:
                services.item_adopt(actor=editor, item=item, level=level, periodical=PERIODICAL_NAMES[level])
            if roll > 0.9:
                services.item_instruct(
                    actor=editor,
                    item=item,
                    level="county" if roll < 0.97 else "city",
                    leader="陈志远",
                    text="此项工作做法好，请总结经验，在全县推广。",
                )
        made.append((item, moment))
    for n in range(14):  # the last three days: the inbox and a few drafts
        moment = now - dt.timedelta(hours=2 + 5 * n)
        source = rng.choice([*DEPARTMENTS, *towns])
        category, kind, title, body = _text(rng, source, source if source in TOWNS else rng.choice(towns))
        item = services.item_create(
            actor=officers[source],
            title=title,
            body=body,
            category="urgent" if n == 4 else category,
            must_report_type=types.get(kind),
        )
        if n % 5 != 3:
            services.item_submit(actor=officers[source], item=item)
        made.append((item, moment))
    for item, moment in made:
        item.refresh_from_db(fields=["created_at", "submitted_at"])
        _redate(item, moment)
    tallies.rebuild()  # the items were moved back in time after they were counted
    _commissions(now, units, officers, editor)
    _periodicals(now, editor)
    _urgent(now, units)
    return len(made)


def _commissions(now: dt.datetime, units: dict[str, Unit], officers: dict[str, User], editor: User) -> None:
    today = timezone.localdate(now)
    open_one = commissions.commission_create(
        actor=editor,
        topic="冬季安全生产和民生保障工作亮点",
        due_date=add_workdays(today, 3),
        units=[units["县应急管理局"], units["县民政局"], units["湖滨镇"]],
        today=today,
        description="请围绕隐患排查、困难群众过冬保障等方面报送，每篇不超过800字。",
    )
    services.item_create(
        actor=officers["县民政局"], title="县民政局提前发放冬季救助物资", body="……", commission=open_one
    )
    late = commissions.commission_create(
        actor=editor,
        topic="前三季度重点项目推进情况",
        due_date=add_workdays(today, 1),
        units=[units["县发展和改革局"], units["县工业和信息化局"], units["锦秋街道"]],
        today=today,
    )
    from shuniu.information.models import Commission

    Commission.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=6))
    reply = services.item_create(
        actor=officers["县发展和改革局"],
        title="县发改局：前三季度重点项目完成投资超序时进度",
        body="……",
        commission=late,
    )
    services.item_submit(actor=officers["县发展和改革局"], item=reply)
    for item in InfoItem.objects.filter(commission__isnull=False):
        _redate(item, now - dt.timedelta(days=1))


def _periodicals(now: dt.datetime, editor: User) -> None:
    quick = Periodical.objects.get(name="信息快报")
    adopted = list(
        InfoItem.objects.filter(status=InfoItem.Status.ADOPTED, submitted_at__gte=now - dt.timedelta(days=40))
        .order_by("submitted_at")
        .values_list("code", flat=True)
    )
    for days_ago, chunk in ((12, adopted[:6]), (5, adopted[6:12])):
        if chunk:
            issue = periodicals.issue_compile(actor=editor, periodical=quick, codes=chunk)
            periodicals.issue_publish(actor=editor, issue=issue, now=now - dt.timedelta(days=days_ago))
    if adopted[12:16]:
        periodicals.issue_compile(
            actor=editor, periodical=Periodical.objects.get(name="每日要情"), codes=adopted[12:16]
        )


FULL = "\n".join(
    f"{e}：{v}"
    for e, v in zip(
        urgent.REQUIRED_ELEMENTS,
        [
            "见标题",
            "见标题",
            "镇政府值班室报告",
            "初步判断为意外",
            "接报后立即处置",
            "无人员死亡",
            "局部",
            "可控",
            "已处置",
            "持续监测",
            "张副镇长 138****2201",
        ],
        strict=True,
    )
)


def _urgent(now: dt.datetime, units: dict[str, Unit]) -> None:
    duty = User.objects.filter(groups__role__slug="duty_officer").first() or User.objects.get(username="xinxiyuan")
    reporter: Any = duty
    reporter_unit = units["湖滨镇"]

    def event(title: str, level: str, occurred: dt.datetime, place: str) -> UrgentEvent:
        return urgent.event_create(
            actor=reporter,
            title=title,
            level=level,
            occurred_at=occurred,
            place=place,
            summary=f"{place}发生{title}，现场已得到控制。",
            unit=reporter_unit,
            check_clocks=False,
            now=now,
        )

    def report(e: UrgentEvent, kind: str, channel: str, at: dt.datetime) -> None:
        urgent.report_add(
            actor=reporter,
            event=e,
            kind=kind,
            channel=channel,
            sent_at=at,
            text=FULL if channel == "written" else "电话报告县委办值班室。",
            now=now,
        )

    day = timezone.localtime(now).replace(hour=9, minute=10, second=0, microsecond=0)
    on_time = event("仓库火灾", "major", day - dt.timedelta(days=20), "湖滨镇工业园")
    o = on_time.occurred_at
    report(on_time, "initial", "phone", o + dt.timedelta(minutes=20))
    report(on_time, "initial", "written", o + dt.timedelta(minutes=50))
    report(on_time, "follow_up", "written", o.replace(hour=16, minute=30))
    report(on_time, "follow_up", "written", (o + dt.timedelta(days=1)).replace(hour=7, minute=40))
    report(on_time, "final", "written", (o + dt.timedelta(days=1)).replace(hour=15, minute=0))
    late = event("道路交通事故", "large", (day - dt.timedelta(days=6)).replace(hour=21, minute=40), "石桥镇G235国道")
    o = late.occurred_at
    report(late, "initial", "phone", o + dt.timedelta(minutes=50))
    report(late, "initial", "written", o + dt.timedelta(hours=3))  # the written limit is 2 hours: late
    report(late, "follow_up", "written", (o + dt.timedelta(days=1)).replace(hour=7, minute=30))
    report(late, "final", "written", (o + dt.timedelta(days=1)).replace(hour=11, minute=0))
    current = event("山体滑坡阻断村道", "large", now - dt.timedelta(hours=5), "云溪乡溪口村")
    o = current.occurred_at
    report(current, "initial", "phone", o + dt.timedelta(minutes=35))
    report(current, "initial", "written", o + dt.timedelta(minutes=100))
    for slot in current.deadlines.filter(kind="follow_up", due_at__lt=now).order_by("due_at"):
        report(current, "follow_up", "written", slot.due_at - dt.timedelta(minutes=20))
    urgent.mark_late(now=now)
