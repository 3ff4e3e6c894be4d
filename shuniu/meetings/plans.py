"""The annual meeting plan (年度会议计划) in Excel: a template, and an all-or-nothing import that names every bad row.
Importing a year that has a plan revises it: rows are matched by 序号 (updated or added), items absent from the file
are kept (a filed meeting may point at them)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.excel import ImportReport, RowError, SheetRow, read_sheet, report_progress, xlsx_bytes
from shuniu.core.guard import refuse_marked
from shuniu.meetings.models import Kind, MeetingPlan, PlanItem
from shuniu.meetings.policies import CONFIG
from shuniu.org.models import Unit

COLUMNS = ["年度", "序号", "会议名称", "会议类型", "主办单位", "计划月份", "计划人数", "会期（天）", "综合性工作会议"]
REQUIRED = COLUMNS[:8]
KINDS = {str(label): value for value, label in Kind.choices}
Units = dict[str, list[Unit]]  # by name: a name two units share is refused


def template_xlsx() -> bytes:
    rows = [
        [2027, 1, "全县经济工作会议", "全县性会议", "县委办公室", 1, 150, 0.5, "是"],
        [2027, 2, "全县重点项目推进会", "部门会议", "县发展和改革局", 3, 60, 0.5, "否"],
    ]
    return xlsx_bytes(COLUMNS, rows, title="年度会议计划")


def _int(text: str, lo: int, hi: int) -> int | None:
    try:
        value = int(float(text))
    except ValueError:
        return None
    return value if lo <= value <= hi and float(text) == value else None


def _row(row: SheetRow, units: Units, seen: set[tuple[int, int]], actor: Any) -> tuple[list[RowError], Any]:
    v, n, errors = row.values, row.number, []
    year = _int(v.get("年度", ""), 2000, 2100)
    number = _int(v.get("序号", ""), 1, 9999)
    month = _int(v.get("计划月份", ""), 1, 12)
    people = _int(v.get("计划人数", ""), 1, 100000)
    name = v.get("会议名称", "").strip()
    if year is None:
        errors.append(RowError(n, "年度", _("应为 2000–2100 的年份")))
    if number is None:
        errors.append(RowError(n, "序号", _("应为正整数")))
    elif year is not None and (year, number) in seen:
        errors.append(RowError(n, "序号", _("与前面的行重复")))
    if not name or len(name) > 120:
        errors.append(RowError(n, "会议名称", _("不能为空，且不超过120字")))
    if v.get("会议类型", "") not in KINDS:
        errors.append(RowError(n, "会议类型", _("应为：%(k)s") % {"k": "、".join(KINDS)}))
    if len(units.get(v.get("主办单位", ""), [])) != 1:
        errors.append(RowError(n, "主办单位", _("没有这个单位（或重名）：%(u)s") % {"u": v.get("主办单位", "")[:30]}))
    if month is None:
        errors.append(RowError(n, "计划月份", _("应为 1–12")))
    if people is None:
        errors.append(RowError(n, "计划人数", _("应为正整数")))
    try:
        days = Decimal(v.get("会期（天）", ""))
        if not Decimal("0.5") <= days <= 10 or days * 2 != int(days * 2):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors.append(RowError(n, "会期（天）", _("应为 0.5–10 天，以半天计")))
        days = Decimal(0)
    comprehensive = v.get("综合性工作会议", "").strip()
    if comprehensive not in ("", "是", "否"):
        errors.append(RowError(n, "综合性工作会议", _("应为“是”或“否”")))
    try:
        refuse_marked([("会议名称", name)], user=actor, where="meetings.plan")
    except ValidationError as exc:
        errors.append(RowError(n, "会议名称", "；".join(exc.messages)))
    if errors:
        return errors, None
    seen.add((year, number))  # type: ignore[arg-type]
    unit = units[v["主办单位"]][0]
    return [], (year, number, name, KINDS[v["会议类型"]], unit, month, people, days, comprehensive == "是")


def plan_import(*, actor: Any, fileobj: IO[bytes], progress: Any = None) -> ImportReport:
    """Import (or revise) annual plans: every row checked first; any bad row means nothing is written."""
    if not has_perm(actor, CONFIG):
        raise PermissionDenied
    rows, errors = read_sheet(fileobj, columns=COLUMNS, required=REQUIRED)
    units: Units = {}
    for unit in Unit.objects.filter(is_active=True):
        units.setdefault(unit.name, []).append(unit)
    seen: set[tuple[int, int]] = set()
    parsed = []
    for i, row in enumerate(rows, start=1):
        report_progress(progress, i, len(rows))
        row_errors, values = _row(row, units, seen, actor)
        errors += row_errors
        parsed.append(values)
    if errors:
        return ImportReport(errors=errors)
    with transaction.atomic():
        for year, number, name, kind, unit, month, people, days, comprehensive in parsed:
            plan, _created = MeetingPlan.objects.get_or_create(year=year, defaults={"imported_by": actor})
            PlanItem.objects.update_or_create(
                plan=plan,
                number=number,
                defaults={
                    "name": name,
                    "kind": kind,
                    "organiser": unit,
                    "month": month,
                    "attendees": people,
                    "days": days,
                    "comprehensive": comprehensive,
                },
            )
        years = sorted({p[0] for p in parsed})
        audit.record(
            actor=actor,
            action="import",
            object_type="meetings.meetingplan",
            object_repr=_("年度会议计划 %(y)s") % {"y": "、".join(map(str, years))},
            changes={"rows": [None, len(parsed)]},
        )
    return ImportReport(created=len(parsed))
