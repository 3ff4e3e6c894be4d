"""The supervision card of the home page for leaders, the director and the 督查室: red and yellow counts, the lights
chart and the leader's own tasks (责任领导 = this account)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from shuniu.supervision import selectors
from shuniu.supervision.policies import sees_all, task_policy


def lights_panel(user: Any) -> dict[str, Any] | None:
    if not sees_all(user):
        return None
    visible = task_policy.visible(user)
    opened = visible.filter(status__in=selectors.OPEN_STATES)
    counts = selectors.light_counts(opened)
    mine = visible.filter(leader=user).select_related("lead_unit").order_by("due_date", "id")
    red = opened.filter(light="red").select_related("lead_unit").order_by("due_date", "id")
    url = reverse("supervision:task-list")
    return {
        "counts": counts,
        "chart": {"lights": {k: counts.get(k, 0) for k in ("red", "yellow", "green")}, "list_url": url},
        "mine": list(mine[:10]),
        "mine_count": mine.count(),
        "red": list(red[:5]),
        "list_url": url,
        "username": user.username,
    }
