"""The administrators' holiday override table: edit one date, or import a holiday-cn JSON year."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.guard import refuse_marked
from shuniu.core.models import HolidayOverride
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR, invalidate_overrides

FIELDS = ("date", "kind", "holiday_name", "source_notice")


def can_manage(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("core.change_holidayoverride"))


def override_set(
    *, actor: Any, date: dt.date, kind: str, holiday_name: str = "", source_notice: str = ""
) -> HolidayOverride:
    """Create or change the ruling for `date`."""
    if not can_manage(actor):
        raise PermissionDenied
    refuse_marked([(_("节假日名称"), holiday_name), (_("依据通知"), source_notice)], user=actor, where="core.holiday")
    with transaction.atomic():
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
        invalidate_overrides()
        transaction.on_commit(invalidate_overrides)
    return row


def override_delete(*, actor: Any, row: HolidayOverride) -> None:
    """Remove a ruling; the date falls back to chinesecalendar or Monday–Friday."""
    if not can_manage(actor):
        raise PermissionDenied
    with transaction.atomic():
        audit.record(actor=actor, action="delete", obj=row, changes=audit.diff(audit.snapshot(row, FIELDS), {}))
        row.delete()
        invalidate_overrides()
        transaction.on_commit(invalidate_overrides)


def _parse_holiday_cn(raw: bytes) -> tuple[list[tuple[dt.date, bool, str]], str]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        days = data["days"]
        notice = "；".join(str(p) for p in data.get("papers", []))[:200]
        parsed = [(dt.date.fromisoformat(d["date"]), bool(d["isOffDay"]), str(d.get("name", ""))[:50]) for d in days]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            _("无法读取该文件：须为 holiday-cn 格式的 JSON（含 days 列表，每项有 name、date、isOffDay）。")
        ) from exc
    if any(not MIN_YEAR <= d.year <= MAX_YEAR for d, _off, _name in parsed):
        raise ValidationError(_("文件中的日期超出可计算范围。"))
    return parsed, notice


def overrides_import_holiday_cn(*, actor: Any, raw: bytes) -> int:
    """Import a holiday-cn JSON file (one year's arrangement); all rows or none. Returns the count."""
    if not can_manage(actor):
        raise PermissionDenied
    parsed, notice = _parse_holiday_cn(raw)
    with transaction.atomic():
        for date, off, name in parsed:
            override_set(
                actor=actor,
                date=date,
                kind=HolidayOverride.Kind.REST if off else HolidayOverride.Kind.WORK,
                holiday_name=name,
                source_notice=notice,
            )
    return len(parsed)
