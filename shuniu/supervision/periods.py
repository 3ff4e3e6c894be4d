"""Report periods: weekly or monthly, each with a deadline on its last working day (SPEC §3)."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from shuniu.core.workdays import calendar_version, is_workday


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


def report_window(month: dt.date, window_start_day: int) -> tuple[dt.date, dt.date]:
    """The monthly report window: from the configured day (default the 25th) to the last working day."""
    close = period_deadline("monthly", month_start(month))
    return min(month.replace(day=window_start_day), close), close


def next_period(cycle: str, start: dt.date) -> dt.date:
    return period_end(cycle, start) + dt.timedelta(days=1)


# A task assigned just before a period's deadline owes no report for that period.
GRACE_DAYS = {"weekly": 2, "monthly": 7}


def due_periods(cycle: str, first_day: dt.date, as_of: dt.date) -> list[dt.date]:
    """Starts of the periods from the one containing `first_day` (the assignment) whose deadline passed before
    `as_of`; the first period is skipped when it closed within the grace days of the assignment."""
    return list(_due_periods(cycle, first_day, as_of, calendar_version()))


@lru_cache(maxsize=16384)
def _due_periods(cycle: str, first_day: dt.date, as_of: dt.date, version: int) -> tuple[dt.date, ...]:
    if cycle == "once":
        return ()
    out: list[dt.date] = []
    start = period_start(cycle, first_day)
    if (period_deadline(cycle, start) - first_day).days < GRACE_DAYS[cycle]:
        start = next_period(cycle, start)
    while True:
        if period_deadline(cycle, start) >= as_of:
            return tuple(out)
        out.append(start)
        start = next_period(cycle, start)
