"""办文's to-dos on the home page: documents to sign for, register, route, read, instruct, review, sign, number."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from shuniu.core import todos
from shuniu.core.access import has_perm
from shuniu.documents.models import Circulation, Incoming, Outgoing
from shuniu.documents.policies import HANDLE, ISSUE, REVIEW_OFFICE, SIGN, incoming_policy, outgoing_policy

MODULE = _("办文")
WAITING: dict[str, Any] = {
    Incoming.Status.PENDING: _("待签收"),
    Incoming.Status.RECEIVED: _("待登记"),
    Incoming.Status.REGISTERED: _("待分办"),
}


@todos.register
def document_todos(user: Any) -> list[todos.Todo]:
    out: list[todos.Todo] = []
    if has_perm(user, HANDLE):
        rows = (
            incoming_policy.visible(user).filter(status__in=list(WAITING), unit_id=user.unit_id).order_by("created_at")
        )
        out += [
            todos.Todo(
                title=f"{WAITING[i.status]}：{i.title}",
                url=i.get_absolute_url(),
                due=i.due_date,
                module=str(MODULE),
            )
            for i in rows[:30]
        ]
    proposed = Incoming.objects.filter(status=Incoming.Status.PROPOSED, leader=user).order_by("created_at")[:30]
    out += [
        todos.Todo(
            title=_("待批示：%(t)s") % {"t": i.title}, url=i.get_absolute_url(), due=i.due_date, module=str(MODULE)
        )
        for i in proposed
    ]
    unread = Circulation.objects.filter(reader=user, read_at__isnull=True).select_related("incoming")[:30]
    out += [
        todos.Todo(
            title=_("待阅：%(t)s") % {"t": c.incoming.title},
            url=c.incoming.get_absolute_url(),
            due=c.incoming.due_date,
            module=str(MODULE),
        )
        for c in unread
    ]
    states = []
    if has_perm(user, REVIEW_OFFICE):
        states.append(Outgoing.Status.OFFICE_REVIEW)
    if has_perm(user, SIGN):
        states.append(Outgoing.Status.SIGNING)
    if has_perm(user, ISSUE):
        states += [Outgoing.Status.SIGNED, Outgoing.Status.NUMBERED, Outgoing.Status.SEALED]
    if states:
        drafts = outgoing_policy.visible(user).filter(status__in=states).order_by("created_at")[:30]
        out += [
            todos.Todo(title=f"{o.get_status_display()}：{o.title}", url=o.get_absolute_url(), module=str(MODULE))
            for o in drafts
        ]
    return out
