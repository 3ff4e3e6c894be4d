"""The operator's desk on the home page: today's intake and the queues, one click from the console."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests.policies import request_policy

S = CitizenRequest.Status


def operator_panel(user: Any) -> dict[str, Any] | None:
    if not user.has_perm("governance.dispatch_request"):
        return None
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    visible = request_policy.visible(user)
    return {
        "today": visible.filter(created_at__gte=start).count(),
        "waiting": visible.filter(status__in=[S.RECEIVED, S.RETURNED]).count(),
        "callbacks": visible.filter(status=S.REPLIED).count(),
    }
