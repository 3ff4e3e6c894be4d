"""请销假 to-dos on the home page: requests waiting for the user's decision, and his own 销假 once the leave has
started."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.access import has_perm
from shuniu.core.todos import CAP, Todo, register
from shuniu.leave import rules
from shuniu.leave.models import LeaveRequest
from shuniu.leave.policies import APPROVE, leave_policy

MODULE = gettext_lazy("请销假")


@register
def leave_todos(user: Any) -> list[Todo]:
    today = timezone.localdate()
    items: list[Todo] = []
    if has_perm(user, APPROVE):
        waiting = leave_policy.visible(user).filter(status=LeaveRequest.Status.PENDING).select_related("person")
        items += [
            Todo(
                _("审批请假：%(p)s %(t)s %(d)s天") % {"p": r.person, "t": r.get_kind_display(), "d": r.days},
                r.get_absolute_url(),
                r.start_date,
                "warning",
                MODULE,
            )
            for r in waiting.order_by("start_date")[:CAP]
            if rules.may_decide(user, r)
        ]
    mine = LeaveRequest.objects.filter(person=user, status=LeaveRequest.Status.APPROVED, start_date__lte=today)
    items += [
        Todo(
            _("销假：%(c)s（应于%(d)s到岗）") % {"c": r.code, "d": r.return_date},
            r.get_absolute_url(),
            r.return_date,
            "danger" if r.return_date < today else "info",
            MODULE,
        )
        for r in mine.order_by("return_date")[:CAP]
    ]
    return items
