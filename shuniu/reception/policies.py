"""Who sees and does 公务接待: the reception officers register and keep the lists; the office director approves; county
leaders and the director see all. Everyone else sees nothing of it."""

from __future__ import annotations

from typing import Any

from shuniu.core.access import ScopedPolicy, authenticated, has_perm
from shuniu.reception.models import Reception
from shuniu.reception.transitions import RECEPTION_FLOW

MANAGE = "reception.manage_reception"
APPROVE = "reception.approve_reception"
VIEW_ALL = "reception.view_all_receptions"


class ReceptionPolicy(ScopedPolicy[Reception]):
    model = Reception
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, MANAGE, APPROVE
    unit_fields = ("host_unit",)
    workflow = RECEPTION_FLOW

    def sees_all(self, user: Any) -> bool:
        return has_perm(user, VIEW_ALL) or has_perm(user, MANAGE)

    def can(self, user: Any, action: str, obj: Reception | None = None) -> bool:
        if not authenticated(user):
            return False
        if action == "view":
            return True
        if action in ("approve", "refuse"):
            return has_perm(user, APPROVE) and (obj is None or obj.created_by_id != user.pk)
        return action in ("register", "apply", "edit", "complete", "pack") and has_perm(user, MANAGE)


reception_policy = ReceptionPolicy()
