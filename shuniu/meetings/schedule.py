"""Occurrences and conflicts of the leaders' and the venues' calendars.

A recurring activity is one row with its RFC 5545 rule (parsed by python-dateutil, never hand-rolled) and the end of
its last occurrence, so the rows that can overlap a new item are read from an index (holder, start, series_end) and
each is expanded only inside the new item's span. A new item is checked occurrence by occurrence against every
occurrence of every such row — not only the first, the complaint users of every calendar product repeat. Writers of
the same leader or venue queue on a transaction-scoped lock (PostgreSQL advisory lock; SQLite's IMMEDIATE
transactions already serialise), so two simultaneous bookings of one slot give one success and one conflict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateutil.rrule import DAILY, rrule, rrulestr
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.meetings.models import Activity, Occurrence

MAX_OCCURRENCES = 370
MAX_SPAN = dt.timedelta(days=731)
MAX_LENGTH = dt.timedelta(days=31)  # the longest single occurrence (bookings.check_span)
Interval = tuple[dt.datetime, dt.datetime]


@dataclass
class Slot:
    """What a new item asks for: a leader and/or a venue, from `start` to `end`, repeated by `recurrence`."""

    title: str
    start: dt.datetime
    end: dt.datetime
    leader: Any = None
    venue: Any = None
    recurrence: str = ""
    occurrences: list[Interval] = field(default_factory=list)


class ScheduleConflictError(Exception):
    """The slot is held: `detail` names what holds it ({"title", "start", "end", "leader" | "venue"})."""

    def __init__(self, detail: list[dict[str, str]]) -> None:
        super().__init__("conflict")
        self.detail = detail

    def message(self) -> str:
        parts = [
            _("%(who)s %(start)s–%(end)s 已有安排：%(title)s")
            % {
                "who": d.get("leader") or d.get("venue"),
                "start": d["start"][:16].replace("T", " "),
                "end": d["end"][11:16],
                "title": d["title"],
            }
            for d in self.detail
        ]
        return _("时间冲突：") + "；".join(parts)


@lru_cache(maxsize=4096)
def _rule(text: str, dtstart: dt.datetime) -> rrule:
    return rrulestr(text, dtstart=dtstart, forceset=False)


def _aware(text: str) -> bool:
    """An UNTIL in UTC ("…Z") needs an aware start; any other rule is read in local wall time (no DST here)."""
    return any(part.upper().startswith("UNTIL=") and part.upper().endswith("Z") for part in text.split(";"))


def _starts(text: str, start: dt.datetime, lo: dt.datetime | None = None, hi: dt.datetime | None = None) -> list[Any]:
    """The starts of the occurrences of rule `text` from `start` (between lo and hi when given), as aware times."""
    tz = timezone.get_current_timezone()
    aware = _aware(text)

    def rule_time(moment: dt.datetime) -> dt.datetime:
        local = timezone.localtime(moment)
        return local if aware else local.replace(tzinfo=None)

    rule = _rule(text, rule_time(start))
    found = rule.between(rule_time(lo), rule_time(hi), inc=True) if lo is not None and hi is not None else list(rule)
    return [s if aware else s.replace(tzinfo=tz) for s in found]


def check_rule(text: str, start: dt.datetime) -> str:
    """The rule as stored (without "RRULE:"), or a ValidationError in Chinese: bounded (COUNT or UNTIL), daily or
    slower, at most 370 occurrences within two years."""
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return ""
    try:
        rule = _rule(
            text, timezone.localtime(start) if _aware(text) else timezone.localtime(start).replace(tzinfo=None)
        )
        freq = rule._freq
        bounded = rule._count is not None or rule._until is not None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValidationError(
            _("重复规则无法识别（应为 RFC 5545 RRULE，如 FREQ=WEEKLY;COUNT=6）。"), code="rrule"
        ) from exc
    if freq > DAILY:
        raise ValidationError(_("重复规则最小按天重复。"), code="rrule")
    if not bounded:
        raise ValidationError(_("重复规则须写明次数（COUNT）或截止日期（UNTIL）。"), code="rrule")
    starts = list(rule.xafter(rule._dtstart, count=MAX_OCCURRENCES + 1, inc=True))
    if not starts:
        raise ValidationError(_("按该重复规则没有任何一次活动。"), code="rrule")
    if len(starts) > MAX_OCCURRENCES or starts[-1] - starts[0] > MAX_SPAN:
        raise ValidationError(_("重复活动不能超过370次或两年。"), code="rrule")
    return text


def all_occurrences(start: dt.datetime, end: dt.datetime, recurrence: str) -> list[Interval]:
    if not recurrence:
        return [(start, end)]
    length = end - start
    return [(s, s + length) for s in _starts(recurrence, start)]


def _first_overlap(a: Sequence[Interval], b: Sequence[Interval]) -> Interval | None:
    """The first occurrence of `b` that overlaps one of `a` (both sorted): a merge, O(len a + len b)."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][0] < b[j][1] and b[j][0] < a[i][1]:
            return b[j]
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return None


def lock(slots: Iterable[Slot]) -> None:
    """Queue behind other writers of the slots' leaders and venues until this transaction ends."""
    slots = list(slots)
    lock_holders(
        leaders=[s.leader for s in slots if s.leader is not None],
        venues=[s.venue for s in slots if s.venue is not None],
    )


def lock_holders(*, leaders: Iterable[Any] = (), venues: Iterable[Any] = ()) -> None:
    """Queue behind other writers of these leaders and venues until this transaction ends (sorted: no deadlock)."""
    if connection.vendor != "postgresql":
        return
    keys = sorted({(1, leader.pk) for leader in leaders} | {(2, venue.pk) for venue in venues})
    if not keys:
        return
    calls = ", ".join("pg_advisory_xact_lock(%s, %s)" for _key in keys)
    with connection.cursor() as cursor:  # one round trip, the locks taken in order
        cursor.execute(f"SELECT {calls}", [v for kind, pk in keys for v in (7100 + kind, pk)])


def _holder_q(slot: Slot) -> Q:
    q = Q()
    if slot.leader is not None:
        q |= Q(leader=slot.leader)
    if slot.venue is not None:
        q |= Q(venue=slot.venue)
    return q


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="minutes")


def _stored_hits(slot: Slot, exclude_meeting: Any) -> dict[int, Interval]:
    """activity id → the first occurrence of this slot that one of its stored occurrences overlaps (one query on the
    holder's (holder, start) index, bounded by the longest possible occurrence)."""
    occ = slot.occurrences
    lo, hi = occ[0][0], occ[-1][1]
    rows = Occurrence.objects.filter(_holder_q(slot), start__lt=hi, start__gt=lo - MAX_LENGTH, end__gt=lo)
    if exclude_meeting is not None:
        rows = rows.exclude(activity__meeting=exclude_meeting)
    stored: dict[int, list[Interval]] = {}
    for activity_id, start, end in rows.order_by("start").values_list("activity_id", "start", "end"):
        stored.setdefault(activity_id, []).append((start, end))
    hits = {}
    for activity_id, intervals in stored.items():
        hit = _first_overlap(occ, intervals)
        if hit is not None:
            hits[activity_id] = hit
    return hits


def conflicts(slots: Sequence[Slot], *, exclude_meeting: Any = None) -> list[dict[str, str]]:
    """What holds any occurrence of any slot: stored occurrences of the same leader or venue, and the other slots of
    the same booking. One range query per slot, one for the holders' names."""
    found: list[dict[str, str]] = []
    for slot in slots:
        slot.occurrences = slot.occurrences or all_occurrences(slot.start, slot.end, slot.recurrence)
    per_slot = [_stored_hits(slot, exclude_meeting) for slot in slots]
    ids = {pk for hits in per_slot for pk in hits}
    names = {}
    if ids:  # the holders' names, only when something holds a slot
        rows = Activity.objects.filter(pk__in=ids).select_related("leader", "venue")
        names = {a.pk: a for a in rows.only("title", "leader__real_name", "leader__username", "venue__name")}
    for n, (slot, hits) in enumerate(zip(slots, per_slot, strict=True)):
        for activity_id, first in sorted(hits.items(), key=lambda h: (h[1][0], h[0])):
            row = names[activity_id]
            found.append(_held(row.title, first, slot, row.leader_id, row.venue_id, row))
        for other in slots[n + 1 :]:
            shared = (slot.leader is not None and other.leader == slot.leader) or (
                slot.venue is not None and other.venue == slot.venue
            )
            hit = _first_overlap(slot.occurrences, other.occurrences) if shared else None
            if hit is not None:
                leader_id, venue_id = getattr(other.leader, "pk", None), getattr(other.venue, "pk", None)
                found.append(_held(other.title, hit, slot, leader_id, venue_id, other))
    return found


def _held(title: str, hit: Interval, slot: Slot, leader_id: Any, venue_id: Any, holder: Any) -> dict[str, str]:
    out = {"title": title, "start": _iso(hit[0]), "end": _iso(hit[1])}
    if slot.leader is not None and leader_id == slot.leader.pk:
        leader = holder.leader
        out["leader"] = leader.real_name or leader.username
    else:
        out["venue"] = holder.venue.name
    return out


def check_free(slots: Sequence[Slot], *, exclude_meeting: Any = None) -> None:
    """Lock the slots' holders, then raise ScheduleConflictError naming what holds any occurrence."""
    lock(slots)
    found = conflicts(slots, exclude_meeting=exclude_meeting)
    if found:
        raise ScheduleConflictError(found)


OCCURRENCE_COLUMNS = {
    "code": "activity__code",
    "title": "activity__title",
    "kind": "activity__kind",
    "location": "activity__location",
    "recurrence": "activity__recurrence",
    "venue": "activity__venue__name",
    "meeting": "activity__meeting__code",
    "leader_name": "activity__leader__real_name",
    "leader_username": "activity__leader__username",
}


def occurrences_of(lo: dt.datetime, hi: dt.datetime, **holder: Any) -> list[dict[str, Any]]:
    """Every stored occurrence that overlaps [lo, hi) of the holder (`leader=`, `leader__in=`, `venue=`), by start,
    as plain rows (start, end and the activity's columns; one query, no model instances: a leader's month is
    hundreds of rows)."""
    kinds = dict(Activity.ActivityKind.choices)
    rows = (
        Occurrence.objects.filter(start__lt=hi, start__gt=lo - MAX_LENGTH, end__gt=lo, **holder)
        .order_by("start", "activity_id")
        .values_list("start", "end", *OCCURRENCE_COLUMNS.values())
    )
    keys = ["start", "end", *OCCURRENCE_COLUMNS]
    out: list[dict[str, Any]] = [dict(zip(keys, row, strict=True)) for row in rows]
    for row in out:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["leader"] = row["leader_name"] or row["leader_username"]
    return out
