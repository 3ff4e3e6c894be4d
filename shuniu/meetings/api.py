"""/api/v1/activities, /api/v1/meetings and /api/v1/leaders/{code}/activities (SPEC §5)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from shuniu.core.access import get_for_user
from shuniu.core.api import actor
from shuniu.meetings import bookings, month_sql, schedule, services
from shuniu.meetings.models import Activity, Meeting, PlanItem, Venue
from shuniu.meetings.policies import meeting_policy, schedule_policy
from shuniu.meetings.schedule import ScheduleConflictError
from shuniu.meetings.schemas import ActivityIn, ActivityOut, ConflictOut, MeetingIn, MeetingOut, Occurrence
from shuniu.meetings.transitions import MEETING_FLOW

router = Router(tags=["meetings"])
MAX_RANGE = dt.timedelta(days=366)


def _venue(code: str | None) -> Venue | None:
    if not code:
        return None
    venue = Venue.objects.filter(code=code).first()
    if venue is None:
        raise HttpError(400, _("没有编码为 %(code)s 的会议室。") % {"code": code[:30]})
    return venue


def _leader(code: UUID) -> Any:
    """The leader's account of that code (400 when there is none or it is not a leader's)."""
    found = get_user_model().objects.filter(code=code).order_by().first()
    if found is None:
        raise HttpError(400, _("没有编码为 %(code)s 的领导账号。") % {"code": code})
    return bookings.check_leader(found)  # a Chinese 400 naming the account; the services need not ask again


def _activity_out(a: Activity) -> ActivityOut:
    return ActivityOut(
        code=a.code,
        leader=(a.leader.real_name or a.leader.username) if a.leader else None,
        leader_code=a.leader.code if a.leader else None,
        venue=a.venue.name if a.venue else None,
        kind=a.kind,
        title=a.title,
        location=a.location,
        start=timezone.localtime(a.start),
        end=timezone.localtime(a.end),
        recurrence=a.recurrence,
    )


@router.post("/activities", response={201: ActivityOut, 409: ConflictOut})
def create_activity(request: HttpRequest, payload: ActivityIn) -> Status[Any]:
    """A leader's activity (optionally in a venue, optionally recurring by an RFC 5545 RRULE). 409 names what holds
    the slot in any occurrence."""
    user = actor(request)
    if not schedule_policy.can_manage(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    try:
        activity = bookings.activity_create(
            actor=user,
            leader=_leader(payload.leader_code),
            kind=payload.kind,
            title=payload.title,
            start=payload.start,
            end=payload.end,
            venue=_venue(payload.venue_code),
            recurrence=payload.recurrence or "",
            location=payload.location,
        )
    except ScheduleConflictError as conflict:
        return Status(409, {"error": "conflict", "detail": conflict.detail})
    return Status(201, _activity_out(activity))


class RangeIn(Schema):
    date_from: dt.date | None = Field(None, alias="from")
    date_to: dt.date | None = Field(None, alias="to")


@router.get("/leaders/{code}/activities", response=list[Occurrence])
def leader_activities(request: HttpRequest, code: UUID, span: Query[RangeIn]) -> HttpResponse:
    """A leader's activities from `from` to `to` (dates, inclusive; default this week, at most 366 days), every
    occurrence of a recurring one expanded."""
    leader = get_user_model().objects.filter(code=code, is_active=True).order_by().only("pk").first()
    if leader is None or not schedule_policy.can_view_leader(actor(request), leader):
        raise Http404
    today = timezone.localdate()
    first = span.date_from or today - dt.timedelta(days=today.weekday())
    last = span.date_to or first + dt.timedelta(days=6)
    for d in (first, last):
        if not dt.date(1990, 1, 1) <= d <= dt.date(2100, 12, 31):
            raise ValidationError(_("日期应在 1990–2100 年之间。"))
    if last < first or last - first > MAX_RANGE:
        raise ValidationError(_("查询区间应为 1–366 天，且结束不早于开始。"))
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(first, dt.time(), tz)
    hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tz)
    built = month_sql.month_json(leader.pk, lo, hi)
    if built is not None:
        return HttpResponse(built, content_type="application/json")
    rows = [
        {
            "code": o["code"],
            "title": o["title"],
            "kind": o["kind"],
            "start": o["start"].astimezone(tz).isoformat(),
            "end": o["end"].astimezone(tz).isoformat(),
            "venue": o["venue"],
            "location": o["location"],
            "recurring": bool(o["recurrence"]),
            "meeting": o["meeting"],
        }
        for o in schedule.occurrences_of(lo, hi, leader=leader)
    ]
    # plain JSON in the documented Occurrence shape: validating hundreds of schema objects costs more than the query
    return HttpResponse(json.dumps(rows, ensure_ascii=False), content_type="application/json")


def meeting_out(m: Meeting) -> MeetingOut:
    return MeetingOut(
        code=m.code,
        name=m.name,
        status=m.status,
        status_label=m.get_status_display(),
        next_role=m.next_role,
        start=timezone.localtime(m.start),
        end=timezone.localtime(m.end),
        venue=m.venue.name if m.venue else None,
        breaches=[
            {"rule": b.rule, "rule_text": b.rule_text, "detail": b.detail, "justification": b.justification}  # type: ignore[misc]
            for b in m.breaches.all()
        ],
    )


@router.post("/meetings", response={201: MeetingOut, 409: ConflictOut})
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[Any]:
    """会议申请. In the annual plan (`in_plan`: its number there) it is filed (报备), otherwise it goes to approval
    (报批). Every 精简 rule it breaks needs a written justification in `justifications` (400 lists the missing);
    the venue and the leaders are booked in the same transaction (409 names what holds a slot)."""
    user = actor(request)
    plan_item = None
    if payload.in_plan:
        plan_item = (
            PlanItem.objects.filter(plan__year=timezone.localtime(payload.start).year, number=payload.in_plan)
            .select_related("plan")
            .first()
        )
        if plan_item is None:
            raise ValidationError(_("年度会议计划中没有序号 %(n)s。") % {"n": payload.in_plan})
    try:
        meeting = services.meeting_apply(
            actor=user,
            name=payload.name,
            kind=payload.kind,
            necessity=payload.necessity,
            start=payload.start,
            end=payload.end,
            attendee_scope=payload.attendee_scope,
            attendee_count=payload.attendee_count,
            venue=_venue(payload.venue_code),
            form=payload.form,
            cost_class=payload.cost_class,
            comprehensive=payload.comprehensive,
            group_discussion=payload.group_discussion,
            agenda=payload.agenda,
            speech_minutes=payload.speech_minutes,
            budget=payload.budget,
            plan_item=plan_item,
            series=payload.series,
            leaders=[_leader(c) for c in payload.leader_codes],
            justifications=payload.justifications,
        )
    except ScheduleConflictError as conflict:
        return Status(409, {"error": "conflict", "detail": conflict.detail})
    return Status(201, meeting_out(meeting))


@router.get("/meetings/{code}", response=MeetingOut)
def get_meeting(request: HttpRequest, code: str) -> MeetingOut:
    return meeting_out(get_for_user(meeting_policy, actor(request), "view", queryset=_meetings(), code=code))


def _meetings() -> Any:
    return Meeting.objects.select_related("venue").prefetch_related("breaches")


class ReasonIn(Schema):
    reason: str = ""


@router.post("/meetings/{code}/{transition}", response=MeetingOut)
def transition(request: HttpRequest, code: str, transition: str, payload: ReasonIn | None = None) -> MeetingOut:
    """Any declared transition (shuniu/meetings/transitions.py): approve, return, refuse, resubmit, hold, cancel."""
    declared = MEETING_FLOW.by_slug(transition)
    if declared is None or not declared.api:
        raise Http404
    meeting = get_for_user(meeting_policy, actor(request), "view", queryset=_meetings(), code=code)
    MEETING_FLOW.perform(declared.name, actor=actor(request), obj=meeting, data=(payload or ReasonIn()).dict())
    return meeting_out(_meetings().get(pk=meeting.pk))
