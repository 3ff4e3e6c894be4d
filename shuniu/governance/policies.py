"""Who sees and does what with citizen requests (SPEC §2.2, §9).

Operators, the office and leaders see every request; a unit sees what was dispatched to it (or, with the
subtree scope, to a unit below it). Receiving, dispatching and callbacks are for holders of
governance.dispatch_request; accepting, returning and replying for holders of governance.handle_request in
the handling unit. Full phone and ID numbers only for governance.view_personal_data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shuniu.governance.models import CitizenRequest
from shuniu.org.policies import unit_policy

DISPATCH_ACTIONS = {
    "receive",
    "dispatch",
    "reassign",
    "refuse_return",
    "reject",
    "callback",
    "close",
    "archive",
    "decide_extension",
    "reopen",
    "escalate",
    "flag",
}
UNIT_ACTIONS = {"accept", "return", "reply", "request_extension"}


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def sees_all(user: Any) -> bool:
    return _authenticated(user) and bool(user.has_perm("governance.view_all_requests"))


def sees_personal_data(user: Any) -> bool:
    return _authenticated(user) and bool(user.has_perm("governance.view_personal_data"))


class RequestPolicy:
    def visible(self, user: Any) -> QuerySet[CitizenRequest]:
        """Everything for operators, the office and leaders; what was dispatched to the user's units otherwise."""
        qs = CitizenRequest.objects.all()
        if not _authenticated(user):
            return qs.none()
        if sees_all(user):
            return qs
        return qs.filter(handling_unit__in=unit_policy.visible(user).values("pk"))

    def can(self, user: Any, action: str, obj: CitizenRequest | None = None) -> bool:
        """Dispatcher actions by permission; unit actions by permission in the handling unit."""
        if action == "view":
            return _authenticated(user)
        if action in DISPATCH_ACTIONS:
            return _authenticated(user) and bool(user.has_perm("governance.dispatch_request"))
        if action in UNIT_ACTIONS:
            return (
                obj is not None
                and obj.handling_unit_id is not None
                and bool(user.has_perm("governance.handle_request"))
                and unit_policy.visible(user).filter(pk=obj.handling_unit_id).exists()
            )
        return False


request_policy = RequestPolicy()
