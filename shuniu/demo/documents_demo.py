"""The 办文 demo, dated over the year up to the day it is loaded: three 发文字号 prefixes, outgoing documents in every
state (numbered in date order, two numbers voided with their reasons and approver), incoming documents in every
state from the city, the province and the county's own units, and leaders' 批示 that became supervision tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from shuniu.documents import incoming as ins
from shuniu.documents import numbers
from shuniu.documents import outgoing as outs
from shuniu.documents.archive import outgoing_archive
from shuniu.documents.instructions import TaskAsk, incoming_instruct
from shuniu.documents.models import DocPrefix, Incoming, Opinion, Outgoing, OutgoingVersion, Step
from shuniu.org.models import Unit, User

OUTGOING = [
    ("关于做好岁末年初安全生产工作的通知", "notice", "down", "jiaji"),
    ("关于进一步精简会议文件改进会风文风的通知", "notice", "down", ""),
    ("关于印发《示范县2026年度重点工作任务分解方案》的通知", "notice", "down", ""),
    ("关于2026年第三季度督查工作情况的通报", "circular", "down", ""),
    ("关于申请城区老旧小区改造专项资金的请示", "request", "up", "jiaji"),
    ("关于示范县2026年上半年工作情况的报告", "report", "up", ""),
    ("关于加强和改进信息报送工作的意见", "opinion", "down", ""),
    ("关于商请协助开展跨县河道联合巡查的函", "letter", "level", ""),
    ("县委常委会会议纪要", "minutes", "down", ""),
    ("关于做好防汛防台风工作的紧急通知", "notice", "down", "teji"),
    ("关于表彰2025年度信息工作先进单位的决定", "decision", "down", ""),
    ("关于开展机关作风建设专项整治的通知", "notice", "down", ""),
]
BODY = (
    "各乡镇党委、政府，县直各部门：\n为深入贯彻落实上级有关部署要求，推动全县各项工作落地见效，经县委同意，现就有关事项通知如下。\n"
    "一、统一思想认识\n（一）提高政治站位。各单位要充分认识做好此项工作的重要意义，切实把思想和行动统一到县委决策部署上来。\n"
    "二、明确工作任务\n（一）细化责任分工。各牵头单位要制定具体方案，明确时间表、路线图，责任到岗、任务到人。\n"
    "（二）强化督促落实。县委督查室将适时开展督查，对工作推进不力的单位予以通报。\n"
    "三、工作要求\n请各单位于每月25日前将工作进展情况报县委办公室。"
)
INCOMING = [
    ("关于做好冬季消防安全检查的通知", "市委办公室", "市委办发〔{y}〕{n}号", "teji"),
    ("关于报送2026年度工作总结的通知", "市委办公室", "市委办字〔{y}〕{n}号", ""),
    ("关于开展营商环境专项督查的通知", "市政府办公室", "市政办发〔{y}〕{n}号", "jiaji"),
    ("关于加强耕地保护工作的意见", "市委农办", "市农办发〔{y}〕{n}号", ""),
    ("关于做好重要节假日期间值班值守工作的通知", "省委办公厅", "省委办明电〔{y}〕{n}号", "teji"),
    ("关于印发《全市信访工作要点》的通知", "市信访局", "市信发〔{y}〕{n}号", ""),
    ("关于申请拨付乡村道路维修经费的请示", "湖滨镇党委", "湖党发〔{y}〕{n}号", ""),
    ("关于城区供水管网改造进展情况的报告", "县住房和城乡建设局", "示建发〔{y}〕{n}号", ""),
    ("关于开展安全生产大检查的紧急通知", "市应急管理局", "市应急发〔{y}〕{n}号", "teji"),
    ("关于做好高校毕业生就业工作的通知", "市人社局", "市人社发〔{y}〕{n}号", ""),
]
# (leader username, 批示, task title, lead unit, co-unit): the documents still being handled, in turn
INSTRUCTIONS = [
    (
        "shuji",
        "请县发改局牵头、住建局配合，对照市里要求逐项整改，月底前报结果。",
        "营商环境专项督查问题整改",
        "县发展和改革局",
        "县住房和城乡建设局",
    ),
    (
        "xianzhang",
        "请应急局牵头抓好落实，重点行业领域要全覆盖，发现隐患立即整改。",
        "安全生产大检查隐患整改",
        "县应急管理局",
        "县住房和城乡建设局",
    ),
    ("leader", "请农业农村局研究提出我县落实意见，报县委常委会审议。", "耕地保护落实意见", "县农业农村局", ""),
]


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), timezone.get_current_timezone())


def _redate(document: Outgoing, day: dt.date) -> None:
    """Move a document's own dates to the demo day (the services stamp today)."""
    moment = _at(day)
    Outgoing.objects.filter(pk=document.pk).update(created_at=moment, updated_at=moment)
    OutgoingVersion.objects.filter(outgoing=document).update(created_at=moment)
    Opinion.objects.filter(outgoing=document).update(at=moment)
    if document.signed_on:
        Outgoing.objects.filter(pk=document.pk).update(signed_on=day, issued_on=day)
        document.signed_on = document.issued_on = day


def _prefixes(users: dict[str, User], units: dict[str, Unit]) -> dict[str, DocPrefix]:
    office, county = units["县委办公室"], units["中共示范县委员会"]
    rows = [
        ("示委办发", "中共示范县委办公室", "中共示范县委办公室文件", office, users["director"]),
        ("示委办函", "中共示范县委办公室", "中共示范县委办公室", office, users["director"]),
        ("示委发", "中共示范县委员会", "中共示范县委员会文件", county, users["shuji"]),
    ]
    return {p: DocPrefix.objects.create(prefix=p, issuer=i, mark=m, unit=u, principal=who) for p, i, m, u, who in rows}


# how far each outgoing document went, oldest first: most are archived, the recent ones still on their way
IN_PROGRESS = ["distributed", "distributed", "numbered", "numbered", "sealed", "signed", "signing", "office_review"]
STATES = ["archived"] * 5 + ["withdrawn"] + ["archived"] * 16 + IN_PROGRESS + ["dept_review", "draft"]
LAST_DISTRIBUTED = max(i for i, state in enumerate(STATES) if state == "distributed")


def _outgoing(today: dt.date, users: dict[str, User], units: dict[str, Unit], prefixes: dict[str, DocPrefix]) -> int:
    clerk, director, drafter = users["wenshu"], users["director"], users["kezhang"]
    recipients = [units[n] for n in ("县发展和改革局", "县住房和城乡建设局")]
    made = 0
    for i, state in enumerate(STATES):
        title, doc_type, direction, urgency = OUTGOING[i % len(OUTGOING)]
        day = today - dt.timedelta(days=(len(STATES) - i) * 12)
        prefix = prefixes["示委办函"] if doc_type == "letter" else prefixes["示委办发"]
        document = outs.outgoing_create(
            actor=drafter,
            title=title,
            doc_type=doc_type,
            direction=direction,
            urgency=urgency,
            prefix=prefix,
            body=BODY,
            main_recipients="县委" if direction == "up" else "各乡镇党委、政府，县直各部门",
            cc="县人大常委会办公室，县政府办公室，县政协办公室",
            copies=60,
            recipients=recipients,
            important=doc_type == "decision",
        )
        made += 1
        if state == "draft":
            _redate(document, day)
            continue
        outs.outgoing_edit(actor=drafter, outgoing=document, body=BODY.replace("每月25日", "每月20日"))
        document.refresh_from_db()
        outs.outgoing_submit(actor=drafter, outgoing=document)
        if state != "dept_review":
            outs.outgoing_dept_approve(actor=drafter, outgoing=document, reason="同意，请办公室核稿")
        if state not in ("dept_review", "office_review"):
            outs.outgoing_office_approve(actor=clerk, outgoing=document, reason="已核，文字规范")
        if state == "withdrawn":
            outs.outgoing_withdraw(actor=drafter, outgoing=document, reason="工作已合并到年度方案，不再单独发文")
        elif state not in ("dept_review", "office_review", "signing"):
            outs.outgoing_sign(actor=director, outgoing=document, reason="同意印发")
        _redate(document, day)
        if state in ("numbered", "sealed", "distributed", "archived"):
            outs.outgoing_number(actor=clerk, outgoing=document)
        if state in ("sealed", "distributed", "archived"):
            outs.outgoing_seal(actor=clerk, outgoing=document)
        if state in ("distributed", "archived"):
            outs.outgoing_distribute(actor=clerk, outgoing=document)
            _signed_for(document, day, users, pending=i == LAST_DISTRIBUTED)
        if state == "archived":
            outgoing_archive(actor=clerk, outgoing=document)
    _voids(today, users, prefixes)
    return made


def _signed_for(document: Outgoing, day: dt.date, users: dict[str, User], *, pending: bool) -> None:
    """The receiving units sign for, read and close what reached them; the latest delivery still waits (待签收)."""
    for delivered in Incoming.objects.filter(source_outgoing=document).select_related("unit"):
        if not pending:
            liaison = users["fgj_liaison" if delivered.unit.name == "县发展和改革局" else "zjj_liaison"]
            ins.incoming_sign(actor=liaison, incoming=delivered)
            ins.incoming_register(actor=liaison, incoming=delivered)
            ins.incoming_distribute(actor=liaison, incoming=delivered, readers=[liaison])
            ins.incoming_read(actor=liaison, incoming=delivered, reason="已阅，按要求落实")
            ins.incoming_close(actor=liaison, incoming=delivered, reason="已传达并落实")
        Incoming.objects.filter(pk=delivered.pk).update(created_at=_at(day, 15))


def _voids(today: dt.date, users: dict[str, User], prefixes: dict[str, DocPrefix]) -> None:
    """Two numbers voided with their reasons: a misprint caught before 分发 (the document got the next number) and
    a number taken for a document the leader then withdrew."""
    numbered = Outgoing.objects.filter(status="numbered").order_by("created_at")
    reasons = ["文号与正文版本不符，重新印制（原件已销毁）", "拟发文件经领导同意暂缓印发，原编文号作废"]
    for document, reason in zip(numbered, reasons, strict=False):
        number = document.number
        if number is None:
            continue
        numbers.number_void(
            actor=users["wenshu"], prefix=number.prefix.prefix, year=number.year, seq=number.seq, reason=reason
        )
        numbers.number_void_decide(actor=users["director"], number=number, approve=True)
        document.refresh_from_db()
        if reason.startswith("文号"):
            outs.outgoing_number(actor=users["wenshu"], outgoing=document)


INCOMING_STATES = ["archived", "closed", "archived", "archived", "returned"] * 6 + [
    "closed", "handling", "archived", "handling", "handling", "reading", "closed", "proposed", "reading",
    "registered", "received", "proposed", "received",
]  # fmt: skip


def _incoming(today: dt.date, users: dict[str, User], units: dict[str, Unit]) -> int:
    clerk, director = users["wenshu"], users["director"]
    readers = [users[u] for u in ("director", "leader", "kezhang")]
    leaders = {u: users[u] for u in ("shuji", "xianzhang", "leader")}
    asks = iter(INSTRUCTIONS)
    made = 0
    for i, state in enumerate(INCOMING_STATES):
        title, source, number, urgency = INCOMING[i % len(INCOMING)]
        day = today - dt.timedelta(days=(len(INCOMING_STATES) - i) * 8 + 1)
        if state in ("received", "registered", "proposed", "reading", "handling"):
            day = today - dt.timedelta(days=len(INCOMING_STATES) - i)  # the open ones are recent
        document = ins.incoming_receive(
            actor=clerk,
            title=title,
            source_org=source,
            source_doc_number=number.format(y=day.year, n=10 + i * 3),
            urgency=urgency,
            copies=2,
            received_at=_at(day, 9),
            now=_at(today, 16),
        )
        made += 1
        if state != "received":
            ins.incoming_register(actor=clerk, incoming=document)
        if state == "returned":
            ins.incoming_return(actor=clerk, incoming=document, reason="来文缺少附件，请补齐后重新报送")
            if i < 20:
                ins.incoming_archive(actor=clerk, incoming=document)
        elif state in ("reading",) or (state in ("closed", "archived") and i % 2 == 0):
            ins.incoming_distribute(actor=clerk, incoming=document, readers=readers)
            if state != "reading":
                for reader in readers:
                    ins.incoming_read(actor=reader, incoming=document, reason="已阅")
            else:
                ins.incoming_read(actor=director, incoming=document, reason="已阅，请综合科跟进")
        elif state in ("proposed", "handling", "closed", "archived"):
            ask = next(asks, None) if state == "handling" else None
            leader_name, text, task_title, lead, co = ask or ("leader", "请相关单位研究办理。", "", "县委办公室", "")
            leader = leaders[leader_name]
            ins.incoming_propose(
                actor=clerk, incoming=document, proposal=f"拟请{leader.real_name}同志阅示。", leader=leader
            )
            if state != "proposed":
                co_units = [units[co]] if co in units else []
                tasks = [TaskAsk(title=task_title, lead_unit=units[lead], co_units=co_units)] if task_title else []
                incoming_instruct(
                    actor=leader,
                    incoming=document,
                    text=text,
                    lead_unit=units[lead],
                    handling_units=co_units,
                    tasks=tasks,
                )
        if state in ("closed", "archived"):
            ins.incoming_close(actor=clerk, incoming=document, reason="已按要求办理并回复来文单位")
        if state == "archived":
            ins.incoming_archive(actor=clerk, incoming=document)
        moment = _at(day, 9)
        Incoming.objects.filter(pk=document.pk).update(created_at=moment)
        Step.objects.filter(incoming=document, started_at__gt=moment).update(started_at=moment + dt.timedelta(hours=1))
        Step.objects.filter(incoming=document, ended_at__isnull=False).update(ended_at=moment + dt.timedelta(hours=2))
    return made


def load(now: dt.datetime) -> int:
    """Build the 办文 demo once; returns the number of documents created."""
    if DocPrefix.objects.exists():
        return 0
    today = timezone.localtime(now).date()
    names = ["wenshu", "director", "kezhang", "shuji", "xianzhang", "leader", "fgj_liaison", "zjj_liaison"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    wanted = [
        "县委办公室",
        "中共示范县委员会",
        "县发展和改革局",
        "县住房和城乡建设局",
        "湖滨镇",
        "县应急管理局",
        "县农业农村局",
    ]
    units = {u.name: u for u in Unit.objects.filter(name__in=wanted)}
    with transaction.atomic():
        prefixes = _prefixes(users, units)
        return _outgoing(today, users, units, prefixes) + _incoming(today, users, units)


__all__: list[Any] = ["load"]
