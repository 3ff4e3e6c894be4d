"""Working days (工作日): chinesecalendar plus the administrators' override table.

An override row wins over chinesecalendar. A year that neither covers falls back to Monday–Friday;
`uncovered_years` lets the shell warn administrators about it. chinesecalendar raises
NotImplementedError outside the years it knows: that never escapes this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar
from django.core.cache import cache
from django.utils.translation import gettext as _

_CACHE_KEY = "core:workday-overrides:v1"
_CACHE_SECONDS = 300
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
        return "".join(parts)


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _check_range(d: dt.date) -> None:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise ValueError(_("日期超出可计算范围（%(lo)s—%(hi)s年）。") % {"lo": MIN_YEAR, "hi": MAX_YEAR})


def _overrides() -> dict[dt.date, tuple[bool, str]]:
    """All override rows as {date: (is_workday, holiday name)}, cached briefly across calls."""
    data: dict[dt.date, tuple[bool, str]] | None = cache.get(_CACHE_KEY)
    if data is None:
        from shuniu.core.models import HolidayOverride

        data = {
            row.date: (row.kind == HolidayOverride.Kind.WORK, row.holiday_name) for row in HolidayOverride.objects.all()
        }
        cache.set(_CACHE_KEY, data, _CACHE_SECONDS)
    return data


def invalidate_overrides() -> None:
    """Forget the cached override table (called by every service that changes it)."""
    cache.delete(_CACHE_KEY)


def _library_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def year_covered(year: int) -> bool:
    """True when chinesecalendar or at least one override row knows the year."""
    return _library_covers(year) or any(d.year == year for d in _overrides())


def uncovered_years(years: list[int]) -> list[int]:
    return [y for y in years if not year_covered(y)]


def day_info(d: dt.date) -> DayInfo:
    """Whether `d` is a working day, and why."""
    _check_range(d)
    weekend = d.weekday() >= 5
    override = _overrides().get(d)
    if override is not None:
        is_work, name = override
        return DayInfo(d, is_work, _reason(is_work, weekend, name), "override")
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return DayInfo(d, not weekend, _("周末") if weekend else _("工作日"), "weekday-fallback")
    cn_name = HOLIDAY_NAMES.get(name or "", name or "")
    return DayInfo(d, not is_holiday, _reason(not is_holiday, weekend, cn_name), "chinesecalendar")


def _reason(is_work: bool, weekend: bool, name: str) -> str:
    if is_work:
        if weekend:
            return _("%(name)s调休上班") % {"name": name} if name else _("调休上班")
        return _("工作日")
    if name:
        return _("%(name)s假期") % {"name": name}
    return _("周末") if weekend else _("休息日")


def is_workday(d: dt.date) -> bool:
    return day_info(d).is_workday


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (counting starts the day after); n=0 gives `start`."""
    return explain(start, n).result


def explain(start: dt.date, n: int) -> Explanation:
    """add_workdays with its working: which days were counted, skipped, or made up."""
    if n < 0:
        raise ValueError(_("工作日数不能为负数。"))
    _check_range(start)
    result = Explanation(start=start, n=n, result=start)
    day = start
    while len(result.counted) < n:
        day += dt.timedelta(days=1)
        info = day_info(day)
        if info.is_workday:
            result.counted.append(day)
            if day.weekday() >= 5:
                result.makeup_days.append(info)
        else:
            result.skipped.append(info)
    result.result = day
    return result


def workdays_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]: add_workdays(a, n) == b gives n. Negative when b is before a."""
    if b < a:
        return -workdays_between(b, a)
    _check_range(a)
    _check_range(b)
    count = 0
    day = a
    while day < b:
        day += dt.timedelta(days=1)
        if day_info(day).is_workday:
            count += 1
    return count
