"""信息报送 to-dos on the home page: the 信息科's inbox, a unit's returned items and open commissions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.access import has_perm
from shuniu.core.todos import CAP, Todo, capped, register
from shuniu.information.models import InfoItem
from shuniu.information.policies import EDIT, SUBMIT, commission_policy, item_policy
from shuniu.information.selectors import SENT

MODULE = gettext_lazy("信息报送")
S = InfoItem.Status


@register
def information_todos(user: Any) -> list[Todo]:
    items: list[Todo] = []
    if has_perm(user, EDIT):
        waiting = item_policy.visible(user).filter(status=S.SUBMITTED).order_by("submitted_at", "id")
        items += capped(
            [
                Todo(
                    _("编辑：%(c)s %(t)s") % {"c": i.code, "t": i.title},
                    i.get_absolute_url(),
                    timezone.localdate(i.submitted_at) if i.submitted_at else None,
                    "danger" if i.category == InfoItem.Category.URGENT else "info",
                    MODULE,
                )
                for i in waiting[:CAP]
            ],
            waiting.count(),
            reverse("information:inbox"),
            MODULE,
        )
    elif has_perm(user, SUBMIT) and getattr(user, "unit_id", None):
        returned = item_policy.visible(user).filter(status=S.RETURNED, unit_id=user.unit_id)
        items += [
            Todo(
                _("修改后重报：%(c)s %(t)s") % {"c": i.code, "t": i.title},
                i.get_absolute_url(),
                None,
                "warning",
                MODULE,
            )
            for i in returned[:CAP]
        ]
        answered = InfoItem.objects.filter(SENT, unit_id=user.unit_id).values("commission_id")
        open_commissions = (
            commission_policy.visible(user).filter(due_date__gte=timezone.localdate()).exclude(pk__in=answered)
        )
        items += [
            Todo(_("约稿：%(t)s") % {"t": c.topic}, c.get_absolute_url(), c.due_date, "warning", MODULE)
            for c in open_commissions[:CAP]
        ]
    return items
