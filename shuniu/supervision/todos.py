"""The supervision to-dos on the home page: one item per task or report to act on, with its deadline."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.todos import CAP, Todo, capped, register
from shuniu.core.workdays import add_workdays
from shuniu.supervision.models import Extension, ProgressReport, SupervisionConfig, Task
from shuniu.supervision.policies import is_manager, task_policy

MODULE = gettext_lazy("督查督办")


def _manager_todos(tasks_url: str) -> list[Todo]:
    reports = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).select_related("task")
    closing = Task.objects.filter(status=Task.Status.CLOSE_REQUESTED)
    extensions = Extension.objects.filter(status=Extension.Status.PENDING).select_related("task")
    items = capped(
        [
            Todo(
                _("审核进展报告：%(c)s %(t)s") % {"c": r.task.code, "t": r.task.title},
                r.task.get_absolute_url(),
                module=MODULE,
            )
            for r in reports.order_by("created_at")[:CAP]
        ],
        reports.count(),
        f"{tasks_url}?reports=pending",
        MODULE,
    )
    items += capped(
        [
            Todo(
                _("审核办结申请：%(c)s %(t)s") % {"c": t.code, "t": t.title},
                t.get_absolute_url(),
                t.due_date,
                module=MODULE,
            )
            for t in closing.order_by("due_date", "id")[:CAP]
        ],
        closing.count(),
        f"{tasks_url}?status=close_requested",
        MODULE,
    )
    items += [
        Todo(
            _("审批延期申请：%(c)s 申请延至%(d)s") % {"c": e.task.code, "d": e.requested_due_date},
            e.task.get_absolute_url(),
            e.task.due_date,
            level="warning",
            module=MODULE,
        )
        for e in extensions.order_by("created_at")[:CAP]
    ]
    return items


def _unit_todos(user: Any, tasks_url: str) -> list[Todo]:
    mine = task_policy.visible(user).filter(lead_unit_id=user.unit_id)
    sign_days = SupervisionConfig.current().sign_days
    to_sign = mine.filter(status=Task.Status.ASSIGNED).order_by("assigned_at", "id")
    items = capped(
        [
            Todo(
                _("签收督办事项：%(c)s %(t)s") % {"c": t.code, "t": t.title},
                t.get_absolute_url(),
                add_workdays(timezone.localdate(t.assigned_at), sign_days) if t.assigned_at else None,
                level="warning",
                module=MODULE,
            )
            for t in to_sign[:CAP]
        ],
        to_sign.count(),
        f"{tasks_url}?status=assigned",
        MODULE,
    )
    returned = ProgressReport.objects.filter(
        task__in=mine, status=ProgressReport.Status.RETURNED, task__status=Task.Status.ACCEPTED
    ).select_related("task")
    items += [
        Todo(
            _("重新报送进展（已退回）：%(c)s") % {"c": r.task.code},
            r.task.get_absolute_url(),
            r.task.due_date,
            "warning",
            MODULE,
        )
        for r in returned[:CAP]
    ]
    flagged = mine.filter(status=Task.Status.ACCEPTED, light__in=["yellow", "red"]).order_by("due_date", "id")
    items += capped(
        [
            Todo(
                _("%(light)s：%(c)s %(t)s") % {"light": t.get_light_display(), "c": t.code, "t": t.title},
                t.get_absolute_url(),
                t.due_date,
                level="danger" if t.light == "red" else "warning",
                module=MODULE,
            )
            for t in flagged[:CAP]
        ],
        flagged.count(),
        f"{tasks_url}?light=yellow,red",
        MODULE,
    )
    return items


@register
def supervision_todos(user: Any) -> list[Todo]:
    tasks_url = reverse("supervision:task-list")
    if is_manager(user):
        return _manager_todos(tasks_url)
    if user.has_perm("supervision.report_task") and user.unit_id:
        return _unit_todos(user, tasks_url)
    return []
