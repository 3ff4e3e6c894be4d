"""办会 to-dos on the home page: applications waiting for the user's approval step, notices waiting for a reply —
one query for both (a second, for the user's roles, only when an application waits for approval)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.access import has_perm
from shuniu.core.todos import CAP, Todo, register
from shuniu.meetings.models import Invitation, Meeting
from shuniu.meetings.policies import APPROVE, meeting_policy, role_slugs
from shuniu.meetings.transitions import GOING_AHEAD

MODULE = gettext_lazy("办会")


@register
def meeting_todos(user: Any) -> list[Todo]:
    now = timezone.now()
    unanswered = Invitation.objects.filter(user=user, reply=Invitation.Reply.PENDING).values("meeting")
    wanted = Q(pk__in=unanswered, status__in=sorted(GOING_AHEAD), start__gte=now)
    approver = has_perm(user, APPROVE)
    if approver:
        wanted |= Q(status=Meeting.Status.PENDING)
    rows = list(
        meeting_policy.visible(user).filter(wanted).annotate(breach_count=Count("breaches")).order_by("start")[:CAP]
    )
    waiting = [m for m in rows if m.status == Meeting.Status.PENDING]
    roles = role_slugs(user) if waiting else frozenset()
    items = [
        Todo(
            _("审批会议：%(c)s %(n)s") % {"c": m.code, "n": m.name},
            m.get_absolute_url(),
            timezone.localdate(m.start),
            "warning" if getattr(m, "breach_count", 0) else "info",
            MODULE,
        )
        for m in waiting
        if m.next_role in roles
    ]
    items += [
        Todo(_("会议回执：%(n)s") % {"n": m.name}, m.get_absolute_url(), timezone.localdate(m.start), "info", MODULE)
        for m in rows
        if m.status != Meeting.Status.PENDING
    ]
    return items
