"""The 精简会议 rules (SPEC §5), every limit read from `MeetingConfig`: each rule a meeting application breaks is a
`Finding` with the rule's text, shown to the approver beside the applicant's written justification."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.workdays import day_info
from shuniu.meetings.models import Kind, Meeting, MeetingConfig

RULES = ("attendees", "duration", "speech", "comprehensive", "free_week", "quota", "holiday")


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str  # the rule, with the county's figure
    detail: str  # how this application breaks it


@dataclass
class Application:
    """What the rules read of an application (a Meeting not yet saved, or the form's data)."""

    kind: str
    organiser_id: int
    start: dt.datetime
    end: dt.datetime
    attendee_count: int
    speech_minutes: int
    budget: Decimal
    cost_class: str
    comprehensive: bool = False
    group_discussion: bool = False
    pk: int | None = None


def half_days(start: dt.datetime, end: dt.datetime) -> int:
    """Half-day blocks the meeting touches (morning before 12:00, afternoon after), in local time."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    blocks, day = 0, start.date()
    while day <= end.date():
        noon = dt.datetime.combine(day, dt.time(12), start.tzinfo)
        morning = (dt.datetime.combine(day, dt.time(0), start.tzinfo), noon)
        afternoon = (noon, noon + dt.timedelta(hours=12))
        blocks += sum(1 for a, b in (morning, afternoon) if start < b and end > a)
        day += dt.timedelta(days=1)
    return blocks


def free_week(month_day: dt.date, n: int) -> tuple[dt.date, dt.date] | None:
    """The 无会周 of the month of `month_day`: the week (Monday–Sunday) starting on its n-th Monday."""
    if not n:
        return None
    first = month_day.replace(day=1)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7) + dt.timedelta(weeks=n - 1)
    if monday.month != first.month:
        return None
    return monday, monday + dt.timedelta(days=6)


def quota(config: MeetingConfig, cost_class: str) -> int:
    return int({"1": config.quota_class1, "2": config.quota_class2}.get(cost_class, config.quota_class3))


def check(app: Application, config: MeetingConfig | None = None) -> list[Finding]:
    """Every rule `app` breaks, in the order of RULES."""
    config = config or MeetingConfig.current()
    found: list[Finding] = []
    limit = {Kind.COUNTY: config.max_county_wide, Kind.DEPARTMENT: config.max_department}.get(Kind(app.kind))
    if limit is not None and app.attendee_count > limit:
        text = _("%(kind)s参会人数不超过%(n)s人") % {"kind": Kind(app.kind).label, "n": limit}
        found.append(Finding("attendees", text, _("申报%(n)s人") % {"n": app.attendee_count}))
    blocks = half_days(app.start, app.end)
    hours = (app.end - app.start).total_seconds() / 3600
    if app.group_discussion:
        if blocks / 2 > float(config.max_group_days):
            text = _("安排分组讨论的会议会期不超过%(d)s天") % {"d": config.max_group_days}
            found.append(Finding("duration", text, _("会期%(d)s天") % {"d": blocks / 2}))
    elif hours > float(config.max_hours):
        text = _("会期不超过%(h)s小时（半天）") % {"h": config.max_hours}
        found.append(Finding("duration", text, _("会期%(h).1f小时") % {"h": hours}))
    if app.speech_minutes > config.max_speech_minutes:
        text = _("主报告时长不超过%(m)s分钟") % {"m": config.max_speech_minutes}
        found.append(Finding("speech", text, _("主报告%(m)s分钟") % {"m": app.speech_minutes}))
    if app.comprehensive:
        year = timezone.localtime(app.start).year
        held = (
            Meeting.objects.filter(organiser_id=app.organiser_id, comprehensive=True, start__year=year)
            .exclude(status__in=[Meeting.Status.REFUSED, Meeting.Status.CANCELLED])
            .exclude(pk=app.pk or 0)
            .count()
        )
        if held >= config.max_comprehensive_per_year:
            text = _("每个单位每年召开综合性工作会议不超过%(n)s次") % {"n": config.max_comprehensive_per_year}
            found.append(Finding("comprehensive", text, _("本年度已有%(n)s次") % {"n": held}))
    week = free_week(timezone.localtime(app.start).date(), config.meeting_free_week)
    if week is not None and week[0] <= timezone.localtime(app.start).date() <= week[1]:
        text = _("每月第%(n)s周为无会周") % {"n": config.meeting_free_week}
        found.append(Finding("free_week", text, _("%(a)s至%(b)s为无会周") % {"a": week[0], "b": week[1]}))
    days = max(1, math.ceil(blocks / 2))
    ceiling = quota(config, app.cost_class) * app.attendee_count * days
    if app.budget > ceiling:
        text = _("会议费不超过定额（%(q)s元/人·天）") % {"q": quota(config, app.cost_class)}
        detail = _("预算%(b)s元，定额上限%(c)s元（%(n)s人×%(d)s天）") % {
            "b": app.budget,
            "c": ceiling,
            "n": app.attendee_count,
            "d": days,
        }
        found.append(Finding("quota", text, detail))
    off = [d for d in _dates(app.start, app.end) if not day_info(d).is_workday]
    if off:
        reasons = "、".join(f"{d:%m月%d日}（{day_info(d).reason}）" for d in off[:3])
        found.append(Finding("holiday", _("不在法定节假日和双休日（调休上班日除外）召开会议"), reasons))
    return found


def _dates(start: dt.datetime, end: dt.datetime) -> list[dt.date]:
    a, b = timezone.localtime(start).date(), timezone.localtime(end - dt.timedelta(seconds=1)).date()
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def of_meeting(meeting: Any) -> Application:
    return Application(
        kind=meeting.kind,
        organiser_id=meeting.organiser_id,
        start=meeting.start,
        end=meeting.end,
        attendee_count=meeting.attendee_count,
        speech_minutes=meeting.speech_minutes,
        budget=Decimal(meeting.budget),
        cost_class=meeting.cost_class,
        comprehensive=meeting.comprehensive,
        group_discussion=meeting.group_discussion,
        pk=meeting.pk,
    )
