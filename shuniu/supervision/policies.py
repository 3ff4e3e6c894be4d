"""Who sees and does what in supervision (SPEC §2.2, §3).

Supervisors, the office director and county leaders see every task; a unit's users see the tasks their unit
(or, with the subtree scope, a unit below it) leads or cooperates on. Managing is for holders of
supervision.manage_task; signing and reporting for holders of supervision.report_task in the lead unit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from shuniu.org.policies import unit_policy
from shuniu.supervision.models import Bulletin, Instruction, Task

MANAGE_ACTIONS = {
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
    "configure",
}
UNIT_ACTIONS = {"accept", "report", "request_close", "request_extension", "attach_research"}


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def sees_all(user: Any) -> bool:
    return _authenticated(user) and bool(user.has_perm("supervision.view_all_tasks"))


def is_manager(user: Any) -> bool:
    return _authenticated(user) and bool(user.has_perm("supervision.manage_task"))


class TaskPolicy:
    def visible(self, user: Any) -> QuerySet[Task]:
        """All tasks for the office and leaders; otherwise those the user's units lead or cooperate on."""
        qs = Task.objects.all()
        if not _authenticated(user):
            return qs.none()
        if sees_all(user):
            return qs
        units = unit_policy.visible(user).values("pk")
        cooperating = Task.co_units.through.objects.filter(unit_id__in=units).values("task_id")
        return qs.filter(Q(lead_unit_id__in=units) | Q(pk__in=cooperating))

    def can(self, user: Any, action: str, obj: Task | None = None) -> bool:
        """view for whoever sees it; management actions for managers; lead-unit actions for its reporters."""
        if action == "view":
            return _authenticated(user)
        if action in MANAGE_ACTIONS:
            return is_manager(user)
        if action in UNIT_ACTIONS:
            return (
                obj is not None
                and bool(user.has_perm("supervision.report_task"))
                and unit_policy.visible(user).filter(pk=obj.lead_unit_id).exists()
            )
        return False


class InstructionPolicy:
    def visible(self, user: Any) -> QuerySet[Instruction]:
        """Leader instructions are the office's and leaders' business."""
        return Instruction.objects.all() if sees_all(user) else Instruction.objects.none()

    def can(self, user: Any, action: str, obj: Instruction | None = None) -> bool:
        """view for those who see them; everything else for managers."""
        return sees_all(user) if action == "view" else is_manager(user)


class BulletinPolicy:
    def visible(self, user: Any) -> QuerySet[Bulletin]:
        """Issued bulletins are read by every signed-in user (they are circulated to all units)."""
        return Bulletin.objects.all() if _authenticated(user) else Bulletin.objects.none()

    def can(self, user: Any, action: str, obj: Bulletin | None = None) -> bool:
        """view for everyone signed in; issue for managers."""
        return _authenticated(user) if action == "view" else is_manager(user)


task_policy = TaskPolicy()
instruction_policy = InstructionPolicy()
bulletin_policy = BulletinPolicy()
