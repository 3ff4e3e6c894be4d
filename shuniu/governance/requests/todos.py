"""Citizen-request to-dos on the home page: the operator's queue (oldest first) and the unit's inbox by deadline."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.todos import CAP, Todo, capped, register
from shuniu.core.workdays import add_workdays
from shuniu.governance.models import CitizenRequest, GovernanceConfig
from shuniu.governance.requests.policies import request_policy, sees_all

S = CitizenRequest.Status
MODULE = gettext_lazy("群众诉求")


def _item(title: str, req: CitizenRequest, due: Any = None, level: str = "info") -> Todo:
    return Todo(f"{title}：{req.code} {req.title}", req.get_absolute_url(), due, level, MODULE)


def _operator_todos(user: Any, url: str) -> list[Todo]:
    visible = request_policy.visible(user)
    waiting = visible.filter(status__in=[S.RECEIVED, S.RETURNED]).order_by("created_at", "id")
    callbacks = visible.filter(status=S.REPLIED).order_by("replied_at", "id")
    items = capped(
        [
            _item(
                _("重新派单") if r.status == S.RETURNED else _("派单"), r, timezone.localdate(r.created_at), "warning"
            )
            for r in waiting[:CAP]
        ],
        waiting.count(),
        f"{url}?status=received,returned",
        MODULE,
    )
    items += capped(
        [_item(_("回访"), r, timezone.localdate(r.replied_at) if r.replied_at else None) for r in callbacks[:CAP]],
        callbacks.count(),
        f"{url}?status=replied",
        MODULE,
    )
    return items


def _unit_todos(user: Any, url: str) -> list[Todo]:
    mine = request_policy.visible(user)
    accept_days = GovernanceConfig.current().accept_days
    to_accept = mine.filter(status=S.DISPATCHED).order_by("dispatched_at", "id")
    handling = mine.filter(status=S.ACCEPTED).order_by("due_date", "id")
    items = capped(
        [
            _item(
                _("签收"),
                r,
                add_workdays(timezone.localdate(r.dispatched_at), accept_days) if r.dispatched_at else None,
                "warning",
            )
            for r in to_accept[:CAP]
        ],
        to_accept.count(),
        f"{url}?status=dispatched",
        MODULE,
    )
    today = timezone.localdate()
    items += capped(
        [
            _item(_("办理答复"), r, r.due_date, "danger" if r.due_date and r.due_date < today else "info")
            for r in handling[:CAP]
        ],
        handling.count(),
        f"{url}?status=accepted",
        MODULE,
    )
    return items


@register
def governance_todos(user: Any) -> list[Todo]:
    url = reverse("governance:request-list")
    if user.has_perm("governance.dispatch_request"):
        return _operator_todos(user, url)
    if user.has_perm("governance.handle_request") and not sees_all(user):
        return _unit_todos(user, url)
    return []
