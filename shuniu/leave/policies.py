"""Who sees and decides leave (SPEC §7): everyone his own; an approver the requests of the people he approves for;
a 科室负责人 his section's; the personnel clerk and the 主要领导 all."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from shuniu.core.access import ScopedPolicy, authenticated, has_perm
from shuniu.leave import rules
from shuniu.leave.models import LeaveRequest
from shuniu.leave.transitions import LEAVE_FLOW

VIEW_ALL = "leave.view_all_leave"
APPROVE = "leave.approve_leave"
MANAGE = "leave.manage_staff"


class LeavePolicy(ScopedPolicy[LeaveRequest]):
    model = LeaveRequest
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, MANAGE, APPROVE
    unit_fields = ("unit",)
    own_field = "person"
    workflow = LEAVE_FLOW

    def scope_filter(self, user: Any) -> Q | None:
        """His own, his units' (with approve_leave), and those of the sections he oversees."""
        own = Q(person=user)
        units = super().scope_filter(user) if has_perm(user, APPROVE) else None
        overseen = Q(unit__overseen_by__leader=user)
        return own | overseen | units if units is not None else own | overseen

    def can(self, user: Any, action: str, obj: LeaveRequest | None = None) -> bool:
        if not authenticated(user):
            return False
        if action in ("view", "create"):
            return True
        if obj is None:
            return action == "manage" and has_perm(user, MANAGE)
        if action in ("approve", "refuse"):
            return has_perm(user, APPROVE) and rules.may_decide(user, obj)
        if action in ("withdraw", "back"):
            return obj.person_id == user.pk or has_perm(user, MANAGE)
        return False


leave_policy = LeavePolicy()
