"""办文's to-dos on the home page: documents to sign for, register, route, read, instruct, review, sign, number."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core import todos
from shuniu.core.access import has_perm
from shuniu.documents.models import Circulation, Incoming, Outgoing
from shuniu.documents.policies import HANDLE, ISSUE, REVIEW_OFFICE, SIGN, organ_id, outgoing_policy

MODULE = gettext_lazy("办文")
NEXT_STEP: dict[str, Any] = {  # an outgoing document's state, said as what is to be done next
    Outgoing.Status.OFFICE_REVIEW: gettext_lazy("待核稿"),
    Outgoing.Status.SIGNING: gettext_lazy("待签发"),
    Outgoing.Status.SIGNED: gettext_lazy("待编号"),
    Outgoing.Status.NUMBERED: gettext_lazy("待用印"),
    Outgoing.Status.SEALED: gettext_lazy("待分发"),
}
WAITING: dict[str, Any] = {
    Incoming.Status.PENDING: gettext_lazy("待签收"),
    Incoming.Status.RECEIVED: gettext_lazy("待登记"),
    Incoming.Status.REGISTERED: gettext_lazy("待分办"),
}


@todos.register
def document_todos(user: Any) -> list[todos.Todo]:
    """One query for the incoming documents waiting for the user (his unit's to sign for, register or route, his
    批示, his reading), one more for the outgoing steps of the office's roles."""
    unread = Circulation.objects.filter(reader=user, read_at__isnull=True)
    mine = Q(status=Incoming.Status.PROPOSED, leader=user) | Q(pk__in=unread.values("incoming"))
    if has_perm(user, HANDLE):
        mine |= Q(status__in=list(WAITING), unit_id=organ_id(user))
    rows = (
        Incoming.objects.filter(mine)
        .annotate(unread=Exists(unread.filter(incoming=OuterRef("pk"))))
        .only("code", "title", "status", "due_date", "leader_id")
        .order_by("created_at")[:30]
    )
    out = [
        todos.Todo(title=f"{_label(i, user)}：{i.title}", url=i.get_absolute_url(), due=i.due_date, module=str(MODULE))
        for i in rows
    ]
    states = []
    if has_perm(user, REVIEW_OFFICE):
        states.append(Outgoing.Status.OFFICE_REVIEW)
    if has_perm(user, SIGN):
        states.append(Outgoing.Status.SIGNING)
    if has_perm(user, ISSUE):
        states += [Outgoing.Status.SIGNED, Outgoing.Status.NUMBERED, Outgoing.Status.SEALED]
    if states:
        drafts = (
            outgoing_policy.visible(user)
            .filter(status__in=states)
            .only("code", "title", "status")
            .order_by("created_at")
        )
        out += [
            todos.Todo(title=f"{NEXT_STEP[o.status]}：{o.title}", url=o.get_absolute_url(), module=str(MODULE))
            for o in drafts[:30]
        ]
    return out


def _label(incoming: Incoming, user: Any) -> str:
    if incoming.status == Incoming.Status.PROPOSED and incoming.leader_id == user.pk:
        return str(_("待批示"))
    if getattr(incoming, "unread", False):
        return str(_("待阅"))
    return str(WAITING.get(incoming.status, incoming.get_status_display()))
