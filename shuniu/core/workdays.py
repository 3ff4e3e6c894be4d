"""Working days (工作日): chinesecalendar plus the administrators' override table.

An override row wins over chinesecalendar. A year that neither covers falls back to Monday–Friday;
`uncovered_years` lets the shell warn administrators about it. chinesecalendar raises
NotImplementedError outside the years it knows: that never escapes this module.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import chinese_calendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The override table is small and rarely changes: each process keeps it (and the days it has judged) for a
# minute, and a service that changes the table clears this process's copy at once.
_MEMO_SECONDS = 60
_memo: dict[str, object] = {}
_version = 0
MIN_YEAR, MAX_YEAR = 1990, 2100

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利纪念日",
}


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    is_workday: bool
    reason: str
    source: str  # "override", "chinesecalendar" or "weekday-fallback"


@dataclass
class Explanation:
    start: dt.date
    n: int
    result: dt.date
    counted: list[dt.date] = field(default_factory=list)
    skipped: list[DayInfo] = field(default_factory=list)
    makeup_days: list[DayInfo] = field(default_factory=list)
    estimated_years: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = [
            _("自%(start)s的次日起计算%(n)s个工作日，截止%(result)s。")
            % {"start": _fmt(self.start), "n": self.n, "result": _fmt(self.result)}
        ]
        if self.skipped:
            parts.append(
                _("跳过：%(days)s。") % {"days": "；".join(f"{_fmt(d.date)}（{d.reason}）" for d in self.skipped)}
            )
        if self.makeup_days:
            parts.append(
                _("调休上班计入：%(days)s。")
                % {"days": "；".join(f"{_fmt(d.date)}（{d.reason}）" for d in self.makeup_days)}
            )
        if self.estimated_years:
            parts.append(estimate_note(self.estimated_years))
        return "".join(parts)


def estimate_note(years: list[int]) -> str:
    """The words every deadline or light counted through an uncovered year carries."""
    return _("（%(years)s年节假日安排尚未录入，按周一至周五估算。）") % {"years": "、".join(str(y) for y in years)}


def estimated_years(a: dt.date, b: dt.date) -> list[int]:
    """The years between `a` and `b` (either order) whose holidays are not known: counting there is an estimate."""
    lo, hi = min(a, b), max(a, b)
    return uncovered_years(list(range(lo.year, hi.year + 1)))


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class DateOutOfRangeError(ValidationError, ValueError):
    """A date the calendar cannot count (outside MIN_YEAR–MAX_YEAR): bad input, answered 400, never a crash."""


def check_date(d: dt.date) -> dt.date:
    """`d` when the calendar can count it; DateOutOfRangeError (a ValidationError) otherwise."""
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise DateOutOfRangeError(
            _("日期超出可计算范围（%(lo)s—%(hi)s年）。") % {"lo": MIN_YEAR, "hi": MAX_YEAR}, code="date_range"
        )
    return d


def _check_range(d: dt.date) -> None:
    check_date(d)


def _overrides() -> dict[dt.date, tuple[bool, str]]:
    """All override rows as {date: (is_workday, holiday name)}, memoised for a minute in this process."""
    now = time.monotonic()
    if float(_memo.get("expires", 0.0)) < now:  # type: ignore[arg-type]
        from shuniu.core.models import HolidayOverride

        _reset()
        _memo["overrides"] = {
            row.date: (row.kind == HolidayOverride.Kind.WORK, row.holiday_name) for row in HolidayOverride.objects.all()
        }
        _memo["days"] = {}
        _memo["expires"] = now + _MEMO_SECONDS
    return _memo["overrides"]  # type: ignore[return-value]


def _reset() -> None:
    global _version
    _memo.clear()
    _version += 1


def invalidate_overrides() -> None:
    """Forget this process's copy of the override table (called by every service that changes it)."""
    _reset()


def calendar_version() -> int:
    """Changes whenever the working-day data may have changed: a key for caches of derived dates."""
    _overrides()
    return _version


def _library_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def year_covered(year: int) -> bool:
    """True when chinesecalendar or at least one override row knows the year (memoised with the table)."""
    overrides = _overrides()
    covered: dict[int, bool] = _memo.setdefault("covered", {})  # type: ignore[assignment]
    found = covered.get(year)
    if found is None:
        found = covered[year] = _library_covers(year) or any(d.year == year for d in overrides)
    return found


def uncovered_years(years: list[int]) -> list[int]:
    return [y for y in years if not year_covered(y)]


def _facts(d: dt.date) -> tuple[bool, str, str]:
    """(is working day, holiday name, source) for `d`, memoised with the override table."""
    overrides = _overrides()
    days: dict[dt.date, tuple[bool, str, str]] = _memo["days"]  # type: ignore[assignment]
    found = days.get(d)
    if found is None:
        found = days[d] = _judge(d, overrides)
    return found


def _judge(d: dt.date, overrides: dict[dt.date, tuple[bool, str]]) -> tuple[bool, str, str]:
    override = overrides.get(d)
    if override is not None:
        return override[0], override[1], "override"
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return d.weekday() < 5, "", "weekday-fallback"
    return not is_holiday, HOLIDAY_NAMES.get(name or "", name or ""), "chinesecalendar"


def day_info(d: dt.date) -> DayInfo:
    """Whether `d` is a working day, and why."""
    _check_range(d)
    is_work, name, source = _facts(d)
    weekend = d.weekday() >= 5
    if source == "weekday-fallback":
        return DayInfo(d, is_work, _("周末") if weekend else _("工作日"), source)
    return DayInfo(d, is_work, _reason(is_work, weekend, name), source)


def _reason(is_work: bool, weekend: bool, name: str) -> str:
    if is_work:
        if weekend:
            return _("%(name)s调休上班") % {"name": name} if name else _("调休上班")
        return _("工作日")
    if name:
        return _("%(name)s假期") % {"name": name}
    return _("周末") if weekend else _("休息日")


def is_workday(d: dt.date) -> bool:
    _check_range(d)
    return _facts(d)[0]


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (counting starts the day after); n=0 gives `start`."""
    if n < 0:
        raise ValueError(_("工作日数不能为负数。"))
    _check_range(start)
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += _facts(day)[0]
    return day


def explain(start: dt.date, n: int) -> Explanation:
    """add_workdays with its working: which days were counted, skipped, or made up."""
    if n < 0:
        raise ValueError(_("工作日数不能为负数。"))
    _check_range(start)
    result = Explanation(start=start, n=n, result=start)
    day = start
    while len(result.counted) < n:
        day += dt.timedelta(days=1)
        if _facts(day)[0]:
            result.counted.append(day)
            if day.weekday() >= 5:
                result.makeup_days.append(day_info(day))
        else:
            result.skipped.append(day_info(day))
    result.result = day
    result.estimated_years = estimated_years(start, day)
    return result


def _year_counts(year: int) -> list[int]:
    """counts[i] = working days from 1 January to day i (0-based) of `year`, inclusive; memoised."""
    _overrides()
    years: dict[int, list[int]] = _memo.setdefault("years", {})  # type: ignore[assignment]
    counts = years.get(year)
    if counts is None:
        counts, total, day = [], 0, dt.date(year, 1, 1)
        while day.year == year:
            total += _facts(day)[0]
            counts.append(total)
            day += dt.timedelta(days=1)
        years[year] = counts
    return counts


def _count_through(d: dt.date) -> int:
    return _year_counts(d.year)[d.timetuple().tm_yday - 1]


def workdays_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]: add_workdays(a, n) == b gives n. Negative when b is before a."""
    if b < a:
        return -workdays_between(b, a)
    _check_range(a)
    _check_range(b)
    if a.year == b.year:
        return _count_through(b) - _count_through(a)
    total = _year_counts(a.year)[-1] - _count_through(a)
    total += sum(_year_counts(y)[-1] for y in range(a.year + 1, b.year))
    return total + _count_through(b)


def holiday_name(d: dt.date) -> str:
    """The statutory holiday `d` belongs to (e.g. 国庆节), or "" for a working day or an ordinary weekend."""
    _check_range(d)
    is_work, name, _source = _facts(d)
    return "" if is_work else name
