"""办会 to-dos on the home page: applications waiting for the user's approval step, notices waiting for a reply."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.todos import CAP, Todo, register
from shuniu.meetings import selectors
from shuniu.meetings.models import Invitation
from shuniu.meetings.transitions import GOING_AHEAD

MODULE = gettext_lazy("办会")


@register
def meeting_todos(user: Any) -> list[Todo]:
    items = [
        Todo(
            _("审批会议：%(c)s %(n)s") % {"c": m.code, "n": m.name},
            m.get_absolute_url(),
            timezone.localdate(m.start),
            "warning" if getattr(m, "breach_count", 0) else "info",
            MODULE,
        )
        for m in selectors.awaiting(user)[:CAP]
    ]
    pending = (
        Invitation.objects.filter(
            user=user,
            reply=Invitation.Reply.PENDING,
            meeting__status__in=sorted(GOING_AHEAD),
            meeting__start__gte=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__start")
    )
    items += [
        Todo(
            _("会议回执：%(n)s") % {"n": i.meeting.name},
            i.meeting.get_absolute_url(),
            timezone.localdate(i.meeting.start),
            "info",
            MODULE,
        )
        for i in pending[:CAP]
    ]
    return items
