"""Writes of the calendars: leaders' activities and room bookings (checked against every occurrence, all or
nothing), absences from the county with the pairs who are not away together, and the personal iCalendar feeds."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.choices import check_choice
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.core.workdays import check_date
from shuniu.meetings import schedule
from shuniu.meetings.models import Absence, AbsencePair, Activity, CalendarFeed, Occurrence, Venue
from shuniu.meetings.policies import schedule_policy
from shuniu.meetings.schedule import Slot

WHERE = "meetings.activity"


def check_leader(user: Any) -> Any:
    """A leader's account (县领导 or 办公室主任), or a Chinese 400."""
    from shuniu.org.selectors import is_leader

    if user is not None and getattr(user, "_checked_leader", False):
        return user
    if user is None or not is_leader(user):
        raise ValidationError(_("%(u)s 不是县领导账号。") % {"u": user or "—"}, code="not_leader")
    setattr(user, "_checked_leader", True)  # noqa: B010 (read once per request, however many services ask)
    return user


def check_span(start: dt.datetime, end: dt.datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError(_("时间须带时区（如 2026-12-07T09:00:00+08:00）。"), code="naive")
    check_date(timezone.localtime(start).date()), check_date(timezone.localtime(end).date())
    if end <= start:
        raise ValidationError(_("结束时间须晚于开始时间。"), code="end_before_start")
    if end - start > schedule.MAX_LENGTH:
        raise ValidationError(_("单次活动不能超过31天。"), code="too_long")


def check_venue(venue: Venue, actor: Any, attendees: int = 0) -> None:
    if not venue.is_active:
        raise ValidationError(_("会议室 %(v)s 已停用。") % {"v": venue.name}, code="venue")
    if not schedule_policy.can_manage(actor) and venue.bookable_by.exists():
        allowed = venue.bookable_by.filter(pk=getattr(actor, "unit_id", None) or 0).exists()
    else:
        allowed = True
    if not allowed:
        raise ValidationError(_("本单位不能预订会议室 %(v)s。") % {"v": venue.name}, code="venue")
    if attendees > venue.capacity:
        raise ValidationError(
            _("%(v)s 容纳%(c)s人，参会%(n)s人超出容量。") % {"v": venue.name, "c": venue.capacity, "n": attendees},
            code="capacity",
        )


def _code() -> str:
    year = timezone.localdate().year
    return f"HD-{year}-{next_value(f'HD-{year}'):05d}"


def book(actor: Any, slots: Sequence[Slot], *, kind: str, meeting: Any = None, location: str = "") -> list[Activity]:
    """Write `slots` as activities in the caller's transaction, after locking their holders and checking every
    occurrence against everything stored (ScheduleConflictError names what holds a slot; nothing is written)."""
    schedule.check_free(slots, exclude_meeting=meeting if meeting is not None and meeting.pk else None)
    made = []
    for slot in slots:
        occ = slot.occurrences
        activity = Activity.objects.create(
            code=_code(),
            leader=slot.leader,
            venue=slot.venue,
            kind=kind,
            title=slot.title,
            location=location or (slot.venue.name if slot.venue is not None else ""),
            start=slot.start,
            end=slot.end,
            recurrence=slot.recurrence,
            series_end=occ[-1][1],
            meeting=meeting,
            created_by=person(actor),
        )
        Occurrence.objects.bulk_create(
            Occurrence(activity=activity, leader=slot.leader, venue=slot.venue, start=a, end=b) for a, b in occ
        )
        audit.record(
            actor=actor,
            action="book",
            obj=activity,
            object_repr=activity.code,
            changes={
                "title": [None, slot.title],
                "start": [None, slot.start.isoformat()],
                "recurrence": [None, slot.recurrence],
            },
        )
        made.append(activity)
    return made


def activity_create(
    *,
    actor: Any,
    leader: Any,
    kind: str,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    venue: Venue | None = None,
    recurrence: str = "",
    location: str = "",
) -> Activity:
    """领导公务活动 (optionally in a venue, optionally recurring), or ScheduleConflictError naming what holds it."""
    if not schedule_policy.can_manage(actor):
        raise PermissionDenied
    check_choice(kind, Activity.ActivityKind, _("类型"))
    check_leader(leader)
    if not title.strip():
        raise ValidationError(_("请填写事项。"), code="title")
    refuse_marked([("事项", title), ("地点", location), ("重复规则", recurrence)], user=actor, where=WHERE)
    check_span(start, end)
    rule = schedule.check_rule(recurrence, start)
    if venue is not None:
        check_venue(venue, actor)
    slot = Slot(title=title.strip()[:120], start=start, end=end, leader=leader, venue=venue, recurrence=rule)
    with transaction.atomic():
        return book(actor, [slot], kind=kind, location=location.strip()[:120])[0]


def activity_cancel(*, actor: Any, activity: Activity, reason: str) -> None:
    if not schedule_policy.can_manage(actor):
        raise PermissionDenied
    if activity.meeting_id:
        raise ValidationError(_("会议的日程随会议取消，请在会议页面操作。"), code="meeting")
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="cancel",
            obj=activity,
            object_repr=activity.code,
            changes={"reason": [None, reason[:300]]},
        )
        activity.delete()


def _partners(leader_ids: set[int]) -> dict[int, set[int]]:
    """leader id → the leaders he may not be away with (the configured pairs, both ways), one query."""
    partners: dict[int, set[int]] = {}
    pairs = AbsencePair.objects.filter(Q(principal_id__in=leader_ids) | Q(deputy_id__in=leader_ids))
    for principal, deputy in pairs.values_list("principal_id", "deputy_id"):
        partners.setdefault(principal, set()).add(deputy)
        partners.setdefault(deputy, set()).add(principal)
    return partners


def pair_clashes(absences: Sequence[Absence]) -> dict[int, list[Absence]]:
    """absence id → the filed absences of its leader's partners that overlap it: two queries for any number."""
    if not absences:
        return {}
    partners = _partners({a.leader_id for a in absences})
    wanted = set().union(*partners.values()) if partners else set()
    lo, hi = min(a.start for a in absences), max(a.end for a in absences)
    theirs = list(Absence.objects.filter(leader_id__in=wanted, start__lte=hi, end__gte=lo).select_related("leader"))
    return {
        a.pk: [
            b for b in theirs if b.leader_id in partners.get(a.leader_id, ()) and b.start <= a.end and b.end >= a.start
        ]
        for a in absences
    }


def absence_file(
    *,
    actor: Any,
    leader: Any,
    start: dt.date,
    end: dt.date,
    destination: str,
    reason: str,
    stand_in: Any,
    now: dt.datetime | None = None,
) -> tuple[Absence, list[Absence]]:
    """外出报备, in advance: the absence and the partner absences it overlaps (shown as breaches of the pair rule)."""
    if not (schedule_policy.can_manage(actor) or getattr(actor, "pk", None) == getattr(leader, "pk", None)):
        raise PermissionDenied
    check_leader(leader)
    check_date(start), check_date(end)
    today = timezone.localtime(now).date() if now else timezone.localdate()
    if end < start:
        raise ValidationError(_("返县日期不能早于离县日期。"), code="end_before_start")
    if start < today:
        raise ValidationError(_("外出报备须事先报备，离县日期不能早于今天。"), code="in_advance")
    if stand_in is None or stand_in.pk == leader.pk:
        raise ValidationError(_("请指定主持（代理）工作的领导（不能是本人）。"), code="stand_in")
    check_leader(stand_in)
    if not destination.strip() or not reason.strip():
        raise ValidationError(_("请填写去向和事由。"), code="required")
    refuse_marked([("去向", destination), ("事由", reason)], user=actor, where="meetings.absence")
    with transaction.atomic():
        schedule.lock_holders(leaders=[leader])  # the pair rule reads the partners' absences after this
        year = start.year
        absence = Absence.objects.create(
            code=f"WC-{year}-{next_value(f'WC-{year}'):04d}",
            leader=leader,
            start=start,
            end=end,
            destination=destination.strip()[:100],
            reason=reason.strip()[:200],
            stand_in=stand_in,
            created_by=person(actor),
        )
        breaches = pair_clashes([absence])[absence.pk]
        changes: dict[str, Any] = {
            "start": [None, str(start)],
            "end": [None, str(end)],
            "stand_in": [None, stand_in.pk],
        }
        if breaches:
            changes["pair_breach"] = [None, [b.code for b in breaches]]
        audit.record(actor=actor, action="file", obj=absence, object_repr=absence.code, changes=changes)
    return absence, breaches


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_create(*, actor: Any, leader: Any) -> str:
    """A new secret feed token for the leader (shown once); the old ones are revoked."""
    if not (schedule_policy.can_manage(actor) or getattr(actor, "pk", None) == leader.pk):
        raise PermissionDenied
    check_leader(leader)
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        CalendarFeed.objects.filter(leader=leader, revoked_at__isnull=True).update(revoked_at=timezone.now())
        feed = CalendarFeed.objects.create(leader=leader, digest=_digest(token))
        audit.record(actor=actor, action="feed_create", obj=feed, object_repr=str(leader))
    return token


def feed_revoke(*, actor: Any, leader: Any) -> int:
    if not (schedule_policy.can_manage(actor) or getattr(actor, "pk", None) == leader.pk):
        raise PermissionDenied
    with transaction.atomic():
        n = CalendarFeed.objects.filter(leader=leader, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit.record(
            actor=actor, action="feed_revoke", obj=leader, object_repr=str(leader), changes={"revoked": [0, n]}
        )
    return n


def feed_leader(token: str) -> Any:
    """The leader of a live feed token, or None."""
    feed = CalendarFeed.objects.filter(digest=_digest(token), revoked_at__isnull=True).select_related("leader").first()
    return feed.leader if feed is not None and feed.leader.is_active else None
