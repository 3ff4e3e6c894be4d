"""The 办会 demo, dated around the day it is loaded: an annual plan, two venues, four leaders with a month of
activities (weekly 常委会 and 常务会 series among them), applications in every state (breaches with their
justifications), one 外出报备 that clashes with its pair, a held meeting whose decisions became supervision tasks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from shuniu.core.workdays import is_workday
from shuniu.meetings import bookings, minutes, services
from shuniu.meetings.models import AbsencePair, Meeting, MeetingPlan, PlanItem, Venue
from shuniu.meetings.schedule import ScheduleConflictError
from shuniu.org.models import Unit, User


def _workday(day: dt.date, step: int = 1) -> dt.date:
    while not is_workday(day):
        day += dt.timedelta(days=step)
    return day


def _at(day: dt.date, hm: str) -> dt.datetime:
    hour, minute = (int(x) for x in hm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), timezone.get_current_timezone())


def _free_day(day: dt.date, step: int = 1) -> dt.date:
    """The nearest working day that is outside the month's 无会周 (so the demo's lean meetings break nothing)."""
    from shuniu.meetings.models import MeetingConfig
    from shuniu.meetings.rules import free_week

    n = MeetingConfig.current().meeting_free_week
    while True:
        day = _workday(day, step)
        week = free_week(day, n)
        if week is None or not week[0] <= day <= week[1]:
            return day
        day += dt.timedelta(days=step)


def load(now: dt.datetime) -> int:
    """Build the 办会 demo once; returns the number of meetings created."""
    if Meeting.objects.exists():
        return 0
    today = timezone.localtime(now).date()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "leader",
                "shuji",
                "xianzhang",
                "changwu",
                "director",
                "mishu",
                "fgj_liaison",
                "zjj_liaison",
                "kezhang",
                "duchayuan",
            ]
        )
    }
    units = {
        u.name: u
        for u in Unit.objects.filter(
            name__in=["县委办公室", "县发展和改革局", "县住房和城乡建设局", "县农业农村局", "县教育局"]
        )
    }
    director, secretary = users["director"], users["mishu"]
    leaders = [users["shuji"], users["xianzhang"], users["leader"], users["changwu"]]
    room = Venue.objects.create(code="xw-1", name="县委第一会议室", capacity=60, equipment="投影、视频会议终端、话筒")
    hall = Venue.objects.create(code="hall", name="县会议中心大礼堂", capacity=400, equipment="LED屏、同声传译、录播")
    AbsencePair.objects.create(principal=users["xianzhang"], deputy=users["changwu"])
    for year in sorted({today.year, (today + dt.timedelta(days=30)).year}):
        _plan(year, today, units, director)
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - dt.timedelta(weeks=2)
    with transaction.atomic():
        # the weekly series: 常委会 on Mondays (书记 and 副书记), 常务会 on Wednesdays (县长 and 常务副县长)
        for leader in leaders[0::2]:
            bookings.activity_create(
                actor=secretary,
                leader=leader,
                kind="meeting",
                title="县委常委会",
                start=_at(first, "08:30"),
                end=_at(first, "11:30"),
                recurrence="FREQ=WEEKLY;BYDAY=MO;COUNT=8",
                location="县委第一会议室",
            )
        for leader in leaders[1::2]:
            bookings.activity_create(
                actor=secretary,
                leader=leader,
                kind="meeting",
                title="县政府常务会",
                start=_at(first + dt.timedelta(days=2), "15:00"),
                end=_at(first + dt.timedelta(days=2), "17:30"),
                recurrence="FREQ=WEEKLY;BYDAY=WE;COUNT=8",
                location="县政府二楼会议室",
            )
        plans = [
            ("调研乡村振兴示范村", "research", "城关镇、湖滨镇", 1, "14:30", "17:30"),
            ("接待省农业农村厅调研组", "reception", "县委招待所", 3, "09:30", "11:30"),
            ("赴市参加全市重点项目观摩", "trip", "市区", 8, "08:00", "18:00"),
            ("信访接待日", "other", "县信访局", 11, "09:00", "12:00"),
            ("调研重点项目建设", "research", "县经济开发区", 15, "14:30", "17:00"),
            ("听取教育工作汇报", "meeting", "县委第二会议室", 17, "15:00", "16:30"),
        ]
        for i, leader in enumerate(leaders):
            for title, kind, place, offset, a, b in plans[i % 2 :: 1][:5]:
                day = first + dt.timedelta(days=offset + i)
                try:
                    bookings.activity_create(
                        actor=secretary,
                        leader=leader,
                        kind=kind,
                        title=title,
                        start=_at(day, a),
                        end=_at(day, b),
                        location=place,
                    )
                except ScheduleConflictError:
                    continue  # that afternoon is already the leader's series: the demo skips it as a secretary would
    made = _applications(today, units, users, leaders, room, hall)
    away = _free_day(today + dt.timedelta(days=3))
    bookings.absence_file(
        actor=secretary,
        leader=users["xianzhang"],
        start=away,
        end=away + dt.timedelta(days=2),
        destination="省城",
        reason="参加全省县域经济发展培训班",
        stand_in=users["changwu"],
        now=now,
    )
    bookings.absence_file(
        actor=secretary,
        leader=users["changwu"],
        start=away + dt.timedelta(days=2),
        end=away + dt.timedelta(days=3),
        destination="北京",
        reason="赴国家部委汇报项目",
        stand_in=users["leader"],
        now=now,
    )
    return made


def _plan(year: int, today: dt.date, units: dict[str, Unit], director: User) -> None:
    plan = MeetingPlan.objects.create(year=year, imported_by=director)
    rows = [
        ("全县经济工作会议", "县委办公室", 1, "county", 150),
        ("全县重点项目推进会", "县发展和改革局", today.month, "department", 60),
        ("全县城市更新工作会", "县住房和城乡建设局", today.month, "department", 70),
        ("全县教育工作会议", "县教育局", 9, "county", 120),
    ]
    for n, (name, unit, month, kind, people) in enumerate(rows, 1):
        PlanItem.objects.create(
            plan=plan,
            number=n,
            name=name,
            kind=kind,
            organiser=units.get(unit) or units["县委办公室"],
            month=month,
            attendees=people,
            days=Decimal("0.5"),
            comprehensive=n == 1,
        )


def _in_plan(number: int, day: dt.date) -> PlanItem:
    return PlanItem.objects.get(plan__year=day.year, number=number)


def _applications(
    today: dt.date, units: dict[str, Unit], users: dict[str, User], leaders: list[User], room: Venue, hall: Venue
) -> int:
    director, office = users["director"], units["县委办公室"]

    def apply(actor: User, name: str, day: dt.date, a: str, b: str, count: int, **kw: Any) -> Meeting:
        return services.meeting_apply(
            actor=actor,
            name=name,
            kind=kw.pop("kind", "department"),
            start=_at(day, a),
            end=_at(day, b),
            attendee_count=count,
            necessity="贯彻落实上级部署，推动重点工作落地见效。",
            attendee_scope="各乡镇、县直有关单位分管负责人",
            **kw,
        )

    held_day = _free_day(today - dt.timedelta(days=6), -1)
    held = apply(
        director,
        "县委常委会（扩大）会议",
        held_day,
        "15:00",
        "17:00",
        40,
        organiser=office,
        kind="county",
        venue=room,
        series="县委常委会（扩大）会议",
    )
    for step in held.approval_chain:
        approver = director if step == "office_director" else users["shuji"]
        services.meeting_approve(actor=approver, meeting=held, reason="同意")
    minutes.invite(
        actor=director, meeting=held, users=[users["fgj_liaison"], users["zjj_liaison"], users["kezhang"], *leaders]
    )
    for inv in held.invitations.select_related("user"):
        answer = (
            "absent" if inv.user.username == "kezhang" else "deputy" if inv.user.username == "zjj_liaison" else "attend"
        )
        minutes.reply(
            actor=inv.user,
            invitation=inv,
            answer=answer,
            deputy_name="马副局长" if answer == "deputy" else "",
            reason="同时段参加省厅视频会" if answer == "absent" else "",
        )
        if answer != "absent":
            minutes.sign_in(actor=director, meeting=held, user=inv.user, now=held.start - dt.timedelta(minutes=10))
    minutes.outcome_add(actor=director, meeting=held, kind="information", text="通报全县1—11月经济运行情况。")
    decisions = [
        ("县住建局牵头，年底前完成城区12个老旧小区改造验收。", "县住房和城乡建设局", 15),
        ("县发改局牵头，10个工作日内拿出明年重点项目清单。", "县发展和改革局", 10),
        ("县农业农村局牵头，做好冬春农田水利建设。", "县农业农村局", 30),
    ]
    for text, unit, days in decisions:
        outcome = minutes.outcome_add(
            actor=director,
            meeting=held,
            kind="decision",
            text=text,
            lead_unit=units.get(unit) or office,
            due_workdays=days,
        )
        if days < 30:  # the third stays a decision, listed on the next meeting's agenda
            minutes.outcome_to_task(actor=director, outcome=outcome, today=held_day)
    services.meeting_hold(actor=director, meeting=held)
    nxt = _free_day(today + dt.timedelta(days=7))
    apply(
        director,
        "县委常委会（扩大）会议",
        nxt,
        "15:00",
        "17:00",
        40,
        organiser=office,
        kind="county",
        venue=room,
        series="县委常委会（扩大）会议",
    )
    fgj, zjj = users["fgj_liaison"], users["zjj_liaison"]
    day = _free_day(today + dt.timedelta(days=4))
    apply(
        fgj,
        "全县重点项目推进会",
        day,
        "09:00",
        "11:30",
        55,
        venue=room,
        plan_item=_in_plan(2, day),
        leaders=[users["changwu"]],
    )
    big = apply(
        zjj,
        "全县城乡建设领域安全生产专题会",
        _free_day(today + dt.timedelta(days=5)),
        "09:00",
        "15:00",
        95,
        venue=hall,
        speech_minutes=75,
        justifications={
            "attendees": "涉及全县在建工地，须各施工企业负责人参会。",
            "duration": "上午会议、下午现场观摩，不再另行召开。",
            "speech": "需传达省安委会专题会议精神。",
        },
    )
    services.meeting_approve(actor=director, meeting=big, reason="规模偏大，原则同意，请压缩议程")
    services.meeting_approve(actor=users["shuji"], meeting=big, reason="同意")
    returned = apply(
        fgj,
        "全县价格监测工作培训会",
        _free_day(today + dt.timedelta(days=9)),
        "09:00",
        "11:00",
        40,
        budget=Decimal("30000"),
        justifications={"quota": "含外请专家授课费用。"},
    )
    services.meeting_return(actor=director, meeting=returned, reason="请按定额压缩经费，专家授课费另行报批")
    refused = apply(zjj, "住建系统年终总结会", _free_day(today + dt.timedelta(days=10)), "14:30", "16:30", 60)
    services.meeting_refuse(actor=director, meeting=refused, reason="可与全县城市更新工作会合并召开")
    cancelled = apply(fgj, "全县物价工作座谈会", _free_day(today + dt.timedelta(days=12)), "09:30", "11:00", 30)
    services.meeting_cancel(actor=fgj, meeting=cancelled, reason="上级会议时间调整，本次取消")
    day = _free_day(today + dt.timedelta(days=13))
    apply(zjj, "全县城市更新工作会", day, "09:00", "11:30", 70, plan_item=_in_plan(3, day))
    return Meeting.objects.count()
