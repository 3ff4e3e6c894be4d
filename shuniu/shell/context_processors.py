from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from shuniu.core.workdays import uncovered_years
from shuniu.shell.navigation import nav_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """Navigation, unread count and the calendar warning for administrators."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from shuniu.notifications.services import unread_count

    context: dict[str, Any] = {"nav_items": nav_for(user), "unread_notifications": unread_count(user)}
    if user.has_perm("core.change_holidayoverride"):
        today = timezone.localdate()
        # From 1 November the office needs next year's arrangement (deadlines run into it).
        years = [today.year, today.year + 1] if today.month >= 11 else [today.year]
        context["calendar_uncovered_years"] = uncovered_years(years)
    return context
