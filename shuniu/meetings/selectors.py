"""Reads of 办会: meetings through their policy, the weekly schedule (一周工作安排) as rows, its .docx in the office
layout, and a leader's iCalendar feed (RFC 5545, written with the icalendar package)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.meetings import schedule
from shuniu.meetings.models import Activity, Meeting
from shuniu.meetings.policies import holds_role, meeting_policy

WEEKDAYS = "一二三四五六日"


def meetings_of(user: Any) -> QuerySet[Meeting]:
    return (
        meeting_policy.visible(user)
        .select_related("organiser", "venue")
        .annotate(breach_count=Count("breaches"))
        .order_by("-start", "-id")
    )


def awaiting(user: Any) -> list[Meeting]:
    """The applications whose next approval step is one of the user's roles."""
    pending = meetings_of(user).filter(status=Meeting.Status.PENDING)
    return [m for m in pending[:200] if m.next_role and holds_role(user, m.next_role)]  # the roles read once


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_rows(monday: dt.date, leaders: list[Any]) -> list[dict[str, Any]]:
    """Monday to Sunday: per day, each occurrence of every leader's activity, by time (one query)."""
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(monday, dt.time(), tz)
    hi = lo + dt.timedelta(days=7)
    days: list[dict[str, Any]] = [
        {"date": monday + dt.timedelta(days=i), "weekday": WEEKDAYS[i], "items": []} for i in range(7)
    ]
    for o in schedule.occurrences_of(lo, hi, leader__in=leaders):
        local = timezone.localtime(o["start"])
        days[(local.date() - monday).days]["items"].append(
            {
                "time": f"{local:%H:%M}–{timezone.localtime(o['end']):%H:%M}",
                "leader": o["leader"],
                "title": o["title"],
                "kind": o["kind_label"],
                "place": o["location"] or o["venue"] or "",
            }
        )
    return days


def week_docx(monday: dt.date, days: list[dict[str, Any]], issuer: str) -> bytes:
    doc = OfficialDocument()
    sunday = monday + dt.timedelta(days=6)
    doc.title("县领导一周工作安排")
    doc.subtitle(f"（{date_cn(monday)}—{date_cn(sunday)}）")
    rows = []
    for day in days:
        label = f"{day['date'].month}月{day['date'].day}日 周{day['weekday']}"
        if not day["items"]:
            rows.append([label, "", "", "", ""])
        for n, item in enumerate(day["items"]):
            rows.append([label if n == 0 else "", item["time"], item["title"], item["place"], item["leader"]])
    doc.table(["日期", "时间", "活动内容", "地点", "出席领导"], rows)
    doc.blank()
    doc.para(issuer, align_right=True)
    return doc.to_bytes()


def ical(leader: Any, lo: dt.datetime, hi: dt.datetime) -> bytes:
    """The leader's calendar from lo to hi as one VCALENDAR; a recurring activity is one VEVENT with its RRULE."""
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", "-//Shuniu//meetings//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("%(n)s的日程") % {"n": leader.real_name or leader.username})
    rows = Activity.objects.filter(leader=leader, start__lt=hi, series_end__gt=lo).select_related("venue")
    for a in rows.order_by("start", "id"):
        event = Event()
        event.add("uid", f"{a.code}@shuniu")
        event.add("summary", a.title)
        event.add("dtstart", timezone.localtime(a.start))
        event.add("dtend", timezone.localtime(a.end))
        event.add("dtstamp", a.created_at)
        event.add("categories", [a.get_kind_display()])
        if a.location or a.venue:
            event.add("location", a.location or a.venue.name)  # type: ignore[union-attr]
        if a.recurrence:
            event.add("rrule", vRecur.from_ical(a.recurrence))
        cal.add_component(event)
    return bytes(cal.to_ical())
