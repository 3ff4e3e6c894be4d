"""Who sees and does what in supervision (SPEC §2.2, §3).

Supervisors, the office director and county leaders see every task; a unit's users see the tasks their unit
(or, with the subtree scope, a unit below it) leads or cooperates on. Managing is for holders of
supervision.manage_task; signing and reporting for holders of supervision.report_task in the lead unit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shuniu.core.access import ScopedPolicy, has_any_perm, has_perm
from shuniu.supervision.models import Bulletin, Instruction, Task
from shuniu.supervision.transitions import TASK_FLOW

VIEW_ALL, MANAGE, REPORT = "supervision.view_all_tasks", "supervision.manage_task", "supervision.report_task"
# A county leader registers his own 批示 (from 办文) and the tasks it creates, without managing supervision.
REGISTER_INSTRUCTION = "supervision.register_instruction"


def sees_all(user: Any) -> bool:
    return has_perm(user, VIEW_ALL)


def is_manager(user: Any) -> bool:
    return has_perm(user, MANAGE)


class TaskPolicy(ScopedPolicy[Task]):
    """All tasks for the office and leaders; otherwise those the user's units lead or cooperate on. Management
    for holders of supervision.manage_task; signing and reporting for supervision.report_task in the lead unit."""

    model = Task
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, MANAGE, REPORT
    unit_fields = ("lead_unit", "co_units")
    acting_unit_field = "lead_unit"
    workflow = TASK_FLOW
    manage_actions = frozenset(
        {
            "register",
            "assign",
            "review",
            "approve_close",
            "return_close",
            "decide_extension",
            "suspend",
            "cancel",
            "resume",
            "override",
            "import",
            "issue_bulletin",
            "commend",
            "edit",
            "push",
            "research",
            "configure",
        }
    )
    unit_actions = frozenset({"accept", "report", "request_close", "request_extension", "research"})

    def can(self, user: Any, action: str, obj: Task | None = None) -> bool:
        if action == "register_from_instruction":
            return is_manager(user) or has_perm(user, REGISTER_INSTRUCTION)
        return super().can(user, action, obj)


class InstructionPolicy:
    def visible(self, user: Any) -> QuerySet[Instruction]:
        """Leader instructions are the office's and leaders' business."""
        return Instruction.objects.all() if sees_all(user) else Instruction.objects.none()

    def can(self, user: Any, action: str, obj: Instruction | None = None) -> bool:
        """view for those who see them; everything else for managers (a leader registers his own 批示)."""
        if action == "view":
            return sees_all(user)
        if is_manager(user):
            return True
        return (
            action in ("register", "create_task")
            and has_perm(user, REGISTER_INSTRUCTION)
            and (obj is None or obj.created_by_id == user.pk)
        )


class BulletinPolicy:
    def visible(self, user: Any) -> QuerySet[Bulletin]:
        """Issued bulletins: circulated to the office, the leaders and every unit that reports on tasks."""
        return Bulletin.objects.all() if self.can(user, "view") else Bulletin.objects.none()

    def can(self, user: Any, action: str, obj: Bulletin | None = None) -> bool:
        """view for holders of a supervision permission; issue for managers."""
        if action == "view":  # circulated to the office, the leaders and every reporting unit; not to the 三员
            return has_any_perm(user, VIEW_ALL, MANAGE, REPORT)
        return is_manager(user)


class ScorePolicy:
    """Unit scores and rankings: read by the office, leaders and the units that report on tasks."""

    def visible(self, user: Any) -> QuerySet[Task]:
        return Task.objects.all() if self.can(user, "view") else Task.objects.none()

    def can(self, user: Any, action: str, obj: Any = None) -> bool:
        """view for holders of a supervision permission; commend for managers."""
        if action == "commend":
            return is_manager(user)
        return action == "view" and has_any_perm(user, VIEW_ALL, MANAGE, REPORT)


task_policy = TaskPolicy()
score_policy = ScorePolicy()
instruction_policy = InstructionPolicy()
bulletin_policy = BulletinPolicy()
