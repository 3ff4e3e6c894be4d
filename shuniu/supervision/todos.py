"""The supervision to-dos on the home page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from shuniu.core.todos import Todo, register
from shuniu.supervision.models import ProgressReport, Task
from shuniu.supervision.policies import is_manager, task_policy


@register
def supervision_todos(user: Any) -> list[Todo]:
    items: list[Todo] = []
    tasks_url = reverse("supervision:task-list")
    if is_manager(user):
        pending = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()
        closing = Task.objects.filter(status=Task.Status.CLOSE_REQUESTED).count()
        if pending:
            items.append(Todo(_("%(n)s份进展报告待审核") % {"n": pending}, f"{tasks_url}?reports=pending"))
        if closing:
            items.append(Todo(_("%(n)s项办结申请待审核") % {"n": closing}, f"{tasks_url}?status=close_requested"))
    elif user.has_perm("supervision.report_task"):
        mine = task_policy.visible(user).filter(lead_unit_id=user.unit_id)
        to_sign = mine.filter(status=Task.Status.ASSIGNED).count()
        flagged = mine.filter(status=Task.Status.ACCEPTED, light__in=["yellow", "red"]).count()
        if to_sign:
            items.append(
                Todo(_("%(n)s项督办事项待签收") % {"n": to_sign}, f"{tasks_url}?status=assigned", level="warning")
            )
        if flagged:
            items.append(Todo(_("%(n)s项事项亮黄灯或红灯") % {"n": flagged}, f"{tasks_url}?light=yellow,red"))
    return items
