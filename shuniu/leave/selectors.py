"""Reads of 请销假 for the pages, the API and the other apps (the roster and attendance ask who is away when)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from shuniu.leave.models import LeaveRequest, StaffProfile
from shuniu.leave.policies import leave_policy
from shuniu.leave.rules import TAKEN


def leave_of(user: Any) -> QuerySet[LeaveRequest]:
    return leave_policy.visible(user, LeaveRequest.objects.select_related("person", "unit", "variant"))


def away(person_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[int, list[tuple[dt.date, dt.date, str]]]:
    """Approved leave (and leave returned from) of these people that touches [start, end]: {person id: [(first
    day away, last day away, label)]} — one query. 公出 counts as away for the roster."""
    out: dict[int, list[tuple[dt.date, dt.date, str]]] = {}
    rows = LeaveRequest.objects.filter(
        person_id__in=list(person_ids), status__in=TAKEN, start_date__lte=end, end_date__gte=start
    ).values_list("person_id", "start_date", "end_date", "back_date", "kind", "code")
    labels = dict(LeaveRequest._meta.get_field("kind").choices or [])
    for pid, a, b, back, kind, code in rows:
        last = min(b, back - dt.timedelta(days=1)) if back else b
        if last >= a:
            out.setdefault(pid, []).append((a, last, f"{labels.get(kind, kind)} {code}"))
    return out


def all_away(start: dt.date, end: dt.date) -> dict[int, list[tuple[dt.date, dt.date, str]]]:
    """`away` for everyone (the attendance statistics of a month)."""
    ids = LeaveRequest.objects.filter(status__in=TAKEN, start_date__lte=end, end_date__gte=start).values_list(
        "person_id", flat=True
    )
    return away(set(ids), start, end)


def on_leave(person_id: int, day: dt.date) -> str:
    """The leave that keeps this person away on `day` ("" when none)."""
    for a, b, label in away([person_id], day, day).get(person_id, []):
        if a <= day <= b:
            return label
    return ""


def clock_ids() -> dict[str, int]:
    """考勤工号 → user id, for a time clock's export."""
    return dict(StaffProfile.objects.exclude(clock_id="").values_list("clock_id", "user_id"))
