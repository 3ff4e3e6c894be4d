"""Citizen-request to-dos on the home page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.todos import Todo, register
from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests.policies import request_policy, sees_all

S = CitizenRequest.Status


@register
def governance_todos(user: Any) -> list[Todo]:
    items: list[Todo] = []
    url = reverse("governance:request-list")
    if user.has_perm("governance.dispatch_request"):
        waiting = CitizenRequest.objects.filter(status__in=[S.RECEIVED, S.RETURNED]).count()
        callbacks = CitizenRequest.objects.filter(status=S.REPLIED).count()
        if waiting:
            items.append(
                Todo(_("%(n)s件诉求待派单") % {"n": waiting}, f"{url}?status=received,returned", level="warning")
            )
        if callbacks:
            items.append(Todo(_("%(n)s件诉求待回访") % {"n": callbacks}, f"{url}?status=replied"))
    elif user.has_perm("governance.handle_request") and not sees_all(user):
        mine = request_policy.visible(user)
        to_accept = mine.filter(status=S.DISPATCHED).count()
        overdue = mine.filter(status__in=[S.DISPATCHED, S.ACCEPTED], due_date__lt=timezone.localdate()).count()
        if to_accept:
            items.append(Todo(_("%(n)s件诉求待签收") % {"n": to_accept}, f"{url}?status=dispatched", level="warning"))
        if overdue:
            items.append(Todo(_("%(n)s件诉求已超期") % {"n": overdue}, url, level="warning"))
    return items
