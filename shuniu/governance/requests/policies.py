"""Who sees and does what with citizen requests (SPEC §2.2, §9).

Operators, the office and leaders see every request; a unit sees what was dispatched to it (or, with the
subtree scope, to a unit below it). Receiving, dispatching and callbacks are for holders of
governance.dispatch_request; accepting, returning and replying for holders of governance.handle_request in
the handling unit. Full phone and ID numbers only for governance.view_personal_data. The public sees only what
`request_policy.public()` lets through.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shuniu.core.access import ScopedPolicy, has_any_perm, has_perm
from shuniu.governance.requests.models import CitizenRequest
from shuniu.governance.requests.transitions import REQUEST_FLOW

VIEW_ALL = "governance.view_all_requests"
DISPATCH = "governance.dispatch_request"
HANDLE = "governance.handle_request"
PERSONAL = "governance.view_personal_data"
MEDIATE = "governance.mediate_case"
VOLUNTEERS = "governance.manage_volunteers"


def sees_all(user: Any) -> bool:
    return has_perm(user, VIEW_ALL)


def sees_personal_data(user: Any) -> bool:
    return has_perm(user, PERSONAL)


class RequestPolicy(ScopedPolicy[CitizenRequest]):
    """Everything for operators, the office and leaders; what was dispatched to the user's units otherwise."""

    model = CitizenRequest
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, DISPATCH, HANDLE
    unit_fields = ("handling_unit",)
    acting_unit_field = "handling_unit"
    workflow = REQUEST_FLOW
    manage_actions = frozenset(
        {
            "receive",
            "dispatch",
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
    )
    unit_actions = frozenset({"accept", "return", "reply", "request_extension"})

    def public(self, queryset: QuerySet[CitizenRequest] | None = None) -> QuerySet[CitizenRequest]:
        """The one public rule (portal, Open311, any page without login): requests whose reply was published.

        Only these may show their title, content and reply, and only through `shuniu.core.privacy.redact`; any
        other request shows at most its status and service, never its text."""
        qs = self.base_queryset() if queryset is None else queryset
        return qs.filter(reply_published=True)

    def is_public(self, req: CitizenRequest) -> bool:
        return bool(req.reply_published)


class RatesPolicy:
    """The three-rate ranking (红榜/黑榜) is circulated to the office and to every unit that handles requests."""

    def visible(self, user: Any) -> QuerySet[CitizenRequest]:
        """The requests the ranking counts: all of the county's, for whoever may read the ranking."""
        qs = CitizenRequest.objects.all()
        return qs if self.can(user, "view") else qs.none()

    def can(self, user: Any, action: str, obj: Any = None) -> bool:
        """view only, by holders of any request permission."""
        return action == "view" and has_any_perm(user, VIEW_ALL, DISPATCH, HANDLE)


request_policy = RequestPolicy()
rates_policy = RatesPolicy()
