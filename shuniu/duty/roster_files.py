"""值班表 files: import from Excel (the export's own columns, so an exported month can be edited and imported back;
row errors, all-or-nothing) and the .docx 值班表 in the office's layout (title, one row a day: date, weekday, 带班领导,
duty officers by shift, remarks; the duty phone and the rules below, the office and date at the foot)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from shuniu.audit import services as audit
from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.core.excel import ImportReport, RowError, read_sheet, report_progress
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR, holiday_name, is_workday
from shuniu.duty.models import Duty, DutyConfig, Roster, Shift
from shuniu.duty.roster import away_on, require_manager, roster_for, seed_shifts
from shuniu.leave import selectors as leave_selectors

COLUMNS = ["日期", "星期", "带班领导", "值班员", "备注"]
WEEKDAYS = "一二三四五六日"
_SPLIT = re.compile(r"[、，,;；\s]+")
_NAMED = re.compile(r"^(?P<name>[^（(]+)(?:[（(](?P<shift>[^）)]+)[）)])?$")


def _parse_date(text: str) -> dt.date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    m = re.match(r"^(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?(?:[ T].*)?$", text)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _directory() -> tuple[dict[str, Any], set[str]]:
    """Active people in a unit by 用户名 and by 姓名; names two people share are listed apart (use the 用户名)."""
    people = list(get_user_model().objects.filter(is_active=True, unit__isnull=False))
    names = Counter(p.real_name for p in people if p.real_name)
    found: dict[str, Any] = {p.username: p for p in people}
    found.update({p.real_name: p for p in people if p.real_name and names[p.real_name] == 1})
    return found, {n for n, c in names.items() if c > 1}


def roster_import(*, actor: Any, fileobj: IO[bytes], progress: Any = None) -> ImportReport:
    """One row a day: 日期, 带班领导 (one person), 值班员 (names separated by 、 each with its shift in brackets, e.g.
    "韩值班（夜班）"; without one, the day's shifts in order). The days of the file are replaced; refused when a person
    is unknown or ambiguous, on approved leave that day, twice on one day, or the month is published."""
    require_manager(actor)
    rows, errors = read_sheet(fileobj, columns=COLUMNS, required=["日期", "带班领导", "值班员"])
    if errors:
        return ImportReport(errors=errors)
    directory, shared = _directory()
    seed_shifts(Shift)
    shifts = list(Shift.objects.all())
    by_name = {s.name: s for s in shifts}
    planned: list[tuple[int, dt.date, Any, list[tuple[Any, Shift]]]] = []
    seen: dict[dt.date, int] = {}

    def person(row: int, column: str, text: str) -> Any:
        found = directory.get(text)
        if found is None:
            problem = _("“%(n)s”重名，请填写用户名") if text in shared else _("没有这个人：%(n)s")
            errors.append(RowError(row, column, problem % {"n": text[:30]}))
        return found

    for n, row in enumerate(rows, 1):
        report_progress(progress, n, len(rows))
        v = row.values
        day = _parse_date(v.get("日期", ""))
        if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
            errors.append(RowError(row.number, "日期", _("应为“2026-12-01”格式的日期")))
            continue
        if day in seen:
            errors.append(RowError(row.number, "日期", _("与第%(r)s行日期重复") % {"r": seen[day]}))
            continue
        seen[day] = row.number
        leader_names = [x for x in _SPLIT.split(v["带班领导"]) if x]
        if len(leader_names) != 1:
            errors.append(RowError(row.number, "带班领导", _("每天安排一名带班领导")))
            continue
        leader = person(row.number, "带班领导", leader_names[0])
        running = [s for s in shifts if s.runs_on(is_workday(day))]
        officers: list[tuple[Any, Shift]] = []
        for i, item in enumerate(x for x in _SPLIT.split(v["值班员"]) if x):
            m = _NAMED.match(item)
            name, shift_name = (m["name"].strip(), m["shift"]) if m else (item, None)
            shift = by_name.get(shift_name) if shift_name else (running[i % len(running)] if running else None)
            if shift is None:
                errors.append(RowError(row.number, "值班员", _("没有这个班次：%(s)s") % {"s": (shift_name or "")[:20]}))
                continue
            officer = person(row.number, "值班员", name)
            if officer is not None:
                officers.append((officer, shift))
        people = [p for p in (leader, *(o for o, _s in officers)) if p is not None]
        twice = {str(p) for p, c in Counter(people).items() if c > 1}
        if twice:
            errors.append(RowError(row.number, "值班员", _("同一天重复安排：%(p)s") % {"p": "、".join(sorted(twice))}))
        if leader is not None:
            planned.append((row.number, day, leader, officers))
    if planned:
        _check_roster(planned, errors)
    if errors or not planned:
        return ImportReport(errors=errors or [RowError(0, "", _("文件中没有值班安排。"))])
    with transaction.atomic():
        days = [day for _r, day, _l, _o in planned]
        rosters = {(d.year, d.month): roster_for(d.year, d.month) for d in days}
        new = []
        for _r, day, leader, officers in planned:
            roster, holiday = rosters[(day.year, day.month)], holiday_name(day)
            new.append(Duty(roster=roster, date=day, role=Duty.Role.LEADER, person=leader, holiday=holiday))
            new += [
                Duty(roster=roster, date=day, role=Duty.Role.OFFICER, shift=s, person=o, holiday=holiday)
                for o, s in officers
            ]
        Duty.objects.filter(date__in=days).delete()
        Duty.objects.bulk_create(new, batch_size=1000)
        audit.record(
            actor=actor,
            action="import_roster",
            object_type="duty.roster",
            object_repr=_("%(a)s 至 %(b)s 值班表") % {"a": min(days), "b": max(days)},
            changes={"days": [None, len(days)], "duties": [None, len(new)]},
        )
    return ImportReport(created=len(new))


def _check_roster(planned: list[tuple[int, dt.date, Any, list[tuple[Any, Shift]]]], errors: list[RowError]) -> None:
    """The rules the server keeps whatever the file says: nobody on approved leave, no published month changed."""
    days = [day for _r, day, _l, _o in planned]
    published = set(Roster.objects.filter(status=Roster.Status.PUBLISHED).values_list("year", "month")) & {
        (d.year, d.month) for d in days
    }
    ids = {p.pk for _r, _d, leader, officers in planned for p in (leader, *(o for o, _s in officers))}
    away = leave_selectors.away(ids, min(days), max(days))
    for number, day, leader, officers in planned:
        if (day.year, day.month) in published:
            errors.append(
                RowError(
                    number, "日期", _("%(y)s年%(m)s月值班表已发布，请逐项调整或换班") % {"y": day.year, "m": day.month}
                )
            )
        for p in (leader, *(o for o, _s in officers)):
            label = away_on(away, p.pk, day)
            if label:
                errors.append(
                    RowError(number, "值班员", _("%(p)s 当日在假（%(l)s），不能安排值班") % {"p": p, "l": label})
                )


HEADERS = [_lazy("日期"), _lazy("星期"), _lazy("带班领导"), _lazy("值班员"), _lazy("备注")]


def table_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """The month's rows as the files show them (and as `roster_import` reads them back)."""
    return [
        [
            r["date"],
            WEEKDAYS[r["date"].weekday()],
            "、".join(str(d.person) for d in r["leader"]),
            "、".join(f"{d.person}（{d.shift}）" for d in r["officers"]),
            r["info"].reason if not r["info"].is_workday or r["date"].weekday() >= 5 else "",
        ]
        for r in rows
    ]


def roster_docx(year: int, month: int, rows: list[dict[str, Any]]) -> bytes:
    """The month's 值班表 as the office prints and posts it."""
    config = DutyConfig.current()
    doc = OfficialDocument()
    doc.title(_("%(o)s%(y)s年%(m)s月值班表") % {"o": config.office, "y": year, "m": month})
    doc.blank()
    doc.table([str(h) for h in HEADERS], [[f"{d.month}月{d.day}日", *rest] for d, *rest in table_rows(rows)])
    doc.blank()
    doc.para(_("值班电话：%(p)s。") % {"p": config.phone})
    doc.para(
        _(
            "值班要求：带班领导和值班人员须坚守岗位，保持通讯畅通；遇有重要情况及时报告，不得迟报、漏报、瞒报；确需调换的，须经当日带班领导同意。"
        )
    )
    doc.blank()
    doc.para(config.office, align_right=True)
    doc.para(date_cn(timezone.localdate()), align_right=True)
    return doc.to_bytes()
