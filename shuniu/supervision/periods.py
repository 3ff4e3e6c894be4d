"""Supervision's report periods: the monthly report window and which periods a task owes a report for (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from shuniu.core.periods import month_start, next_period, period_deadline, period_start
from shuniu.core.workdays import calendar_version


def report_window(month: dt.date, window_start_day: int) -> tuple[dt.date, dt.date]:
    """The monthly report window: from the configured day (default the 25th) to the last working day."""
    close = period_deadline("monthly", month_start(month))
    return min(month.replace(day=window_start_day), close), close


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
