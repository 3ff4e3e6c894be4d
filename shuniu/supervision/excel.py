"""The office's task lists in Excel: a template, an all-or-nothing import, and an export that round-trips."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.core.access import authorize
from shuniu.core.excel import ImportReport, RowError, SheetRow, read_sheet, report_progress, xlsx_bytes
from shuniu.core.guard import ClassifiedContentError, refuse_marked
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR
from shuniu.org.models import Unit
from shuniu.supervision import services
from shuniu.supervision.models import Source, Task
from shuniu.supervision.policies import task_policy

COLUMNS = [
    "标题",
    "来源",
    "牵头单位",
    "配合单位",
    "责任领导",
    "开始日期",
    "截止日期",
    "报送周期",
    "领域标签",
    "工作要求",
    "来源依据",
]
REQUIRED = ["标题", "来源", "牵头单位", "开始日期", "截止日期"]
EXPORT_COLUMNS = [*COLUMNS, "编号", "亮灯", "状态", "进度"]
_SOURCES = {str(label): value for value, label in Source.choices} | {v: v for v in Source.values}
_CYCLES = (
    {str(label): value for value, label in Task.Cycle.choices} | {v: v for v in Task.Cycle.values} | {"": "monthly"}
)
_SPLIT = re.compile(r"[、,，;；\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def split_list(text: str) -> list[str]:
    return [p for p in _SPLIT.split(text or "") if p]


def _row_errors(row: SheetRow, units: dict[str, list[Unit]], actor: Any) -> tuple[list[RowError], dict[str, Any]]:
    v, errors, parsed = row.values, [], {}
    for column in ("标题", "工作要求", "来源依据", "责任领导"):
        try:
            refuse_marked([(column, v.get(column, ""))], user=actor, where="supervision.import")
        except ClassifiedContentError as exc:
            errors.append(RowError(row.number, column, exc.messages[0]))
    if len(v["标题"]) > 200:
        errors.append(RowError(row.number, "标题", _("不能超过200个字")))
    if v["来源"] and v["来源"] not in _SOURCES:
        errors.append(
            RowError(
                row.number,
                "来源",
                _("未知来源“%(v)s”，应为：%(all)s")
                % {"v": v["来源"], "all": "、".join(str(label) for label in Source.labels)},
            )
        )
    for column in ("牵头单位", *[f"配合单位:{n}" for n in split_list(v.get("配合单位", ""))]):
        name = v["牵头单位"] if column == "牵头单位" else column.split(":", 1)[1]
        found = units.get(name, [])
        if name and len(found) != 1:
            problem = _("找不到单位“%(v)s”") if not found else _("有多个名为“%(v)s”的单位")
            errors.append(RowError(row.number, column.split(":")[0], problem % {"v": name}))
    for column in ("开始日期", "截止日期"):
        parsed[column] = parse_date(v[column]) if v[column] else None
        if v[column] and parsed[column] is None:
            errors.append(RowError(row.number, column, _("日期格式应为 2026-05-01")))
    if parsed["开始日期"] and parsed["截止日期"] and parsed["截止日期"] < parsed["开始日期"]:
        errors.append(RowError(row.number, "截止日期", _("截止日期不能早于开始日期")))
    if v.get("报送周期", "") not in _CYCLES:
        errors.append(RowError(row.number, "报送周期", _("应为每周、每月或一次性")))
    return errors, parsed


def tasks_import(*, actor: Any, fileobj: IO[bytes], progress: Any = None) -> ImportReport:
    """Register one task per row; any bad row means nothing is imported."""
    authorize(task_policy, actor, "import")
    rows, errors = read_sheet(fileobj, columns=EXPORT_COLUMNS, required=REQUIRED)
    units: dict[str, list[Unit]] = {}
    for unit in Unit.objects.filter(is_active=True):
        units.setdefault(unit.name, []).append(unit)
    checked = []
    for number, row in enumerate(rows, start=1):
        report_progress(progress, number, len(rows))
        row_errors, parsed = _row_errors(row, units, actor)
        errors += row_errors
        checked.append((row, parsed))
    if errors:
        return ImportReport(errors=errors)
    current = 0
    try:
        with transaction.atomic():
            for row, parsed in checked:
                current = row.number
                v = row.values
                services.task_register(
                    actor=actor,
                    title=v["标题"],
                    source=_SOURCES[v["来源"]],
                    lead_unit=units[v["牵头单位"]][0],
                    co_units=[units[n][0] for n in split_list(v.get("配合单位", ""))],
                    responsible_leader=v.get("责任领导", ""),
                    start_date=parsed["开始日期"],
                    due_date=parsed["截止日期"],
                    report_cycle=_CYCLES[v.get("报送周期", "")],
                    area_tags=split_list(v.get("领域标签", "")),
                    requirements=v.get("工作要求", ""),
                    source_ref=v.get("来源依据", ""),
                )
    except ValidationError as exc:
        return ImportReport(errors=[RowError(current, "", "；".join(exc.messages))])
    return ImportReport(created=len(checked))


def tasks_export(tasks: Iterable[Task]) -> bytes:
    """The same columns as the import, plus code, light, status and progress."""
    rows = (
        [
            t.title,
            t.get_source_display(),
            t.lead_unit.name,
            "、".join(u.name for u in t.co_units.all()),
            t.responsible_leader,
            t.start_date,
            t.due_date,
            t.get_report_cycle_display(),
            "、".join(a.name for a in t.area_tags.all()),
            t.requirements,
            t.source_ref,
            t.code,
            t.get_light_display() if t.light else "",
            t.get_status_display(),
            t.progress,
        ]
        for t in tasks
    )
    return xlsx_bytes(EXPORT_COLUMNS, rows, title="督办事项")


def template_xlsx() -> bytes:
    example = [
        "推进县城老旧小区改造",
        "年度重点工作",
        "县住房和城乡建设局",
        "县财政局、县发展和改革局",
        "陈志远",
        "2026-03-01",
        "2026-12-31",
        "每月",
        "城市更新、民生",
        "年内完成12个小区改造",
        "县政府工作报告",
    ]
    return xlsx_bytes(COLUMNS, [example], title="督办事项")
