"""Calendar periods every module counts in: months, weeks, and a period's deadline on its last working day."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from typing import Any

from django.utils import timezone

from shuniu.core.workdays import calendar_version, check_date, is_workday


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def last_workday_on_or_before(d: dt.date, floor: dt.date) -> dt.date:
    """The last working day in [floor, d]; `d` itself when the whole span is rest days."""
    day = d
    while day > floor and not is_workday(day):
        day -= dt.timedelta(days=1)
    return day if is_workday(day) else d


def period_start(cycle: str, d: dt.date) -> dt.date:
    """The first day of the period that contains `d`."""
    if cycle == "weekly":
        return d - dt.timedelta(days=d.weekday())
    return month_start(d)


def period_end(cycle: str, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=6) if cycle == "weekly" else month_end(start)


def period_deadline(cycle: str, start: dt.date) -> dt.date:
    """A period's report is due by its last working day."""
    return _deadline(cycle, start, calendar_version())


@lru_cache(maxsize=8192)
def _deadline(cycle: str, start: dt.date, version: int) -> dt.date:
    return last_workday_on_or_before(period_end(cycle, start), start)


def next_period(cycle: str, start: dt.date) -> dt.date:
    return period_end(cycle, start) + dt.timedelta(days=1)


def parse_month(value: str) -> dt.date:
    """The first day of the month written YYYY-MM, within the years the calendar counts (ValueError otherwise:
    DateOutOfRangeError is one)."""
    return check_date(dt.datetime.strptime(value, "%Y-%m").date().replace(day=1))  # noqa: DTZ007 (a calendar month)


def year_asked(request: Any) -> int:
    """The ?year= a page was asked for, within 2000–2100; this year when none or not a number."""
    text = request.GET.get("year", "")
    return min(max(int(text), 2000), 2100) if text.isdigit() else timezone.localdate().year
