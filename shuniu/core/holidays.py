"""The administrators' holiday override table: edit one date, import a year (holiday-cn JSON or an Excel sheet).

Every change recomputes what was derived from the old calendar (the apps register it with
`registry.calendar_dependent`: request deadlines, task lights), in the same transaction, and says how many moved.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core import registry
from shuniu.core.guard import refuse_marked
from shuniu.core.models import HolidayOverride
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR, invalidate_overrides

FIELDS = ("date", "kind", "holiday_name", "source_notice")
Row = tuple[dt.date, bool, str]  # (date, is a day off, holiday name)


@dataclass
class Outcome:
    """What a change of the table did: rows written and, per dependent app, how many derived items moved."""

    rows: int = 0
    moved: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "；".join([_("已保存%(n)s天的安排") % {"n": self.rows}, *self.messages]) + "。"


def can_manage(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("core.change_holidayoverride"))


def _authorize(actor: Any) -> None:
    if not can_manage(actor):
        raise PermissionDenied


@contextmanager
def _recomputing(actor: Any, dates: list[dt.date], outcome: Outcome) -> Iterator[None]:
    """Run the change inside; then let every dependent app recompute what the changed days affect, audited."""
    with transaction.atomic():
        lo, hi = min(dates), max(dates)
        prepared = [(dep, dep.prepare(lo, hi)) for dep in registry.calendar_dependents()]
        yield
        invalidate_overrides()
        transaction.on_commit(invalidate_overrides)
        for dep, state in prepared:
            n = dep.apply(state, actor)
            outcome.moved[dep.name] = n
            outcome.messages.append(str(dep.message) % {"n": n})
        audit.record(
            actor=actor,
            action="calendar_recompute",
            object_type="core.holidayoverride",
            object_repr=_("%(lo)s至%(hi)s的节假日调整") % {"lo": lo, "hi": hi},
            changes={name: [None, n] for name, n in outcome.moved.items()},
        )


def _write(actor: Any, date: dt.date, kind: str, holiday_name: str, source_notice: str) -> HolidayOverride:
    refuse_marked([(_("节假日名称"), holiday_name), (_("依据通知"), source_notice)], user=actor, where="core.holiday")
    row = HolidayOverride.objects.filter(date=date).first() or HolidayOverride(date=date)
    before = {} if row.pk is None else audit.snapshot(row, FIELDS)
    row.kind, row.holiday_name, row.source_notice = kind, holiday_name, source_notice
    row.full_clean()
    row.save()
    audit.record(
        actor=actor,
        action="update" if before else "create",
        obj=row,
        changes=audit.diff(before, audit.snapshot(row, FIELDS)),
    )
    return row


def override_set(*, actor: Any, date: dt.date, kind: str, holiday_name: str = "", source_notice: str = "") -> Outcome:
    """Create or change the ruling for `date`."""
    _authorize(actor)
    outcome = Outcome(rows=1)
    with _recomputing(actor, [date], outcome):
        _write(actor, date, kind, holiday_name, source_notice)
    return outcome


def override_delete(*, actor: Any, row: HolidayOverride) -> Outcome:
    """Remove a ruling; the date falls back to chinesecalendar or Monday–Friday."""
    _authorize(actor)
    outcome = Outcome(rows=1)
    with _recomputing(actor, [row.date], outcome):
        audit.record(actor=actor, action="delete", obj=row, changes=audit.diff(audit.snapshot(row, FIELDS), {}))
        row.delete()
    return outcome


def _import(actor: Any, parsed: list[Row], notice: str) -> Outcome:
    if not parsed:
        raise ValidationError(_("文件中没有任何日期。"))
    if any(not MIN_YEAR <= d.year <= MAX_YEAR for d, _off, _name in parsed):
        raise ValidationError(_("文件中的日期超出可计算范围。"))
    outcome = Outcome(rows=len(parsed))
    with _recomputing(actor, [d for d, _off, _name in parsed], outcome):
        for date, off, name in parsed:
            kind = HolidayOverride.Kind.REST if off else HolidayOverride.Kind.WORK
            _write(actor, date, kind, name, notice)
    return outcome


def overrides_set_period(
    *,
    actor: Any,
    holiday_name: str,
    first_day: dt.date,
    last_day: dt.date,
    makeup_days: list[dt.date],
    source_notice: str = "",
) -> Outcome:
    """One holiday as the notice words it: every day from `first_day` to `last_day` off, `makeup_days` worked."""
    _authorize(actor)
    days = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    parsed = [(d, True, holiday_name) for d in days] + [(d, False, holiday_name) for d in makeup_days]
    return _import(actor, parsed, source_notice)


def _parse_holiday_cn(raw: bytes) -> tuple[list[Row], str]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        days = data["days"]
        notice = "；".join(str(p) for p in data.get("papers", []))[:200]
        parsed = [(dt.date.fromisoformat(d["date"]), bool(d["isOffDay"]), str(d.get("name", ""))[:50]) for d in days]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(
            _("无法读取该文件：须为 holiday-cn 格式的 JSON（含 days 列表，每项有 name、date、isOffDay）。")
        ) from exc
    return parsed, notice


def overrides_import_holiday_cn(*, actor: Any, raw: bytes) -> Outcome:
    """Import a holiday-cn JSON file (one year's arrangement); all rows or none."""
    _authorize(actor)
    parsed, notice = _parse_holiday_cn(raw)
    return _import(actor, parsed, notice)


SHEET_KINDS = {"休息": True, "放假": True, "休": True, "上班": False, "调休上班": False, "班": False}


def _parse_sheet(name: str, raw: bytes) -> list[Row]:
    import io

    from shuniu.core.excel import read_sheet

    fileobj = io.BytesIO(raw)
    fileobj.name = name
    rows, problems = read_sheet(fileobj, columns=["日期", "类型", "节假日名称"], required=["日期", "类型"])
    errors = [
        _("第%(row)s行 %(col)s：%(problem)s") % {"row": e.row, "col": e.column, "problem": e.problem} for e in problems
    ]
    parsed: list[Row] = []
    for row in rows:
        value, kind = row.values.get("日期", ""), row.values.get("类型", "")
        try:
            day = dt.date.fromisoformat(value.replace("/", "-")[:10])
        except ValueError:
            errors.append(
                _("第%(row)s行：日期“%(v)s”无法识别（应为 2027-01-01）。") % {"row": row.number, "v": value[:20]}
            )
            continue
        if kind not in SHEET_KINDS:
            errors.append(_("第%(row)s行：类型应为“休息”或“上班”。") % {"row": row.number})
            continue
        parsed.append((day, SHEET_KINDS[kind], row.values.get("节假日名称", "")[:50]))
    if errors:
        raise ValidationError(errors[:50])
    return parsed


def overrides_import_sheet(*, actor: Any, name: str, raw: bytes, source_notice: str = "") -> Outcome:
    """Import an Excel (.xlsx) or CSV sheet with columns 日期, 类型 (休息/上班), 节假日名称; all rows or none."""
    _authorize(actor)
    return _import(actor, _parse_sheet(name, raw), source_notice[:200])


def overrides_import_file(*, actor: Any, name: str, raw: bytes) -> Outcome:
    """The holiday page's one import: a .json is holiday-cn, anything else a sheet."""
    if name.lower().endswith(".json"):
        return overrides_import_holiday_cn(actor=actor, raw=raw)
    return overrides_import_sheet(actor=actor, name=name, raw=raw)
