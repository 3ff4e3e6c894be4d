"""The 督办通知单 (.docx) produced when a task is assigned."""

from __future__ import annotations

import datetime as dt

from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.supervision.models import Task


def assignment_notice_docx(task: Task, *, issued_on: dt.date) -> bytes:
    doc = OfficialDocument()
    doc.title("督办通知单")
    doc.subtitle(f"编号：{task.code}")
    doc.blank()
    doc.para(f"{task.lead_unit.name}：")
    doc.para(f"现将“{task.title}”交由你单位牵头办理，请于{date_cn(task.due_date)}前办结，并按要求报送进展情况。")
    rows = [
        ("事项来源", f"{task.get_source_display()} {task.source_ref}".strip()),
        ("责任领导", task.responsible_leader or "—"),
        ("牵头单位", task.lead_unit.name),
        ("配合单位", "、".join(u.name for u in task.co_units.all()) or "—"),
        ("办理时限", f"{date_cn(task.start_date)}至{date_cn(task.due_date)}"),
        ("报送周期", str(task.get_report_cycle_display())),
        ("工作要求", task.requirements or "—"),
    ]
    doc.table(["项目", "内容"], rows)
    doc.blank()
    doc.para("请在1个工作日内签收。逾期未签收、未按时报送的，将在月度督查通报中予以通报。")
    doc.blank()
    doc.para("县委办公室督查室", align_right=True)
    doc.para(date_cn(issued_on), align_right=True)
    return doc.to_bytes()
