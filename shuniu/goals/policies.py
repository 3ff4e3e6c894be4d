"""Who sees and changes 年度目标: every unit's goals are shown to everyone in a unit (亮目标 means published); the
office (督查室, the director) sets goals and freezes stages; a unit's liaison or section head reports its own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shuniu.core.access import authenticated, has_perm, in_a_unit, unit_ids
from shuniu.goals.models import Goal

MANAGE = "goals.manage_goals"
REPORT = "goals.report_goal"


class GoalPolicy:
    def visible(self, user: Any, queryset: QuerySet[Goal] | None = None) -> QuerySet[Goal]:
        qs = Goal.objects.all() if queryset is None else queryset
        return qs if in_a_unit(user) or has_perm(user, MANAGE) else qs.none()

    def can(self, user: Any, action: str, obj: Goal | None = None) -> bool:
        if not authenticated(user):
            return False
        if action == "view":
            return in_a_unit(user) or has_perm(user, MANAGE)
        if action in ("create", "freeze"):
            return has_perm(user, MANAGE)
        if action == "report":
            return has_perm(user, MANAGE) or (
                obj is not None and has_perm(user, REPORT) and obj.unit_id in unit_ids(user)
            )
        return False


goal_policy = GoalPolicy()
