"""Request deadlines are working days after dispatch: when the holiday table changes, open requests keep the same
number of working days and their due dates move with the calendar (registered in GovernanceConfig.ready)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuniu.audit import services as audit
from shuniu.core.workdays import add_workdays, workdays_between
from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests.transitions import OPEN_STATUSES

MESSAGE = _("%(n)s 项截止日期因节假日调整而变化")
Prepared = list[tuple[int, str, dt.date, int, dt.date]]  # (pk, code, dispatch day, working days, old due date)


def prepare(lo: dt.date, hi: dt.date) -> Prepared:
    """Open requests whose counting window (dispatch day, due date] may include a changed day, with their working
    days counted on the calendar as it was."""
    zone = timezone.get_current_timezone()
    rows = CitizenRequest.objects.filter(
        status__in=list(OPEN_STATUSES),
        due_date__gte=lo,
        dispatched_at__lt=dt.datetime.combine(hi + dt.timedelta(days=1), dt.time(), zone),
    ).values_list("pk", "code", "dispatched_at", "due_date")
    out: Prepared = []
    for pk, code, dispatched_at, due in rows:
        if due is None or dispatched_at is None:  # excluded by the filter; for the type checker
            continue
        day = timezone.localdate(dispatched_at)
        out.append((pk, code, day, max(workdays_between(day, due), 0), due))
    return out


def apply(prepared: Prepared, actor: Any) -> int:
    """The same working days on the new calendar; each moved due date audited. Returns how many moved."""
    moved = 0
    for pk, code, day, n, old in prepared:
        new = add_workdays(day, n)
        if new == old:
            continue
        CitizenRequest.objects.filter(pk=pk).update(due_date=new, updated_at=timezone.now())
        audit.record(
            actor=actor,
            action="calendar_recompute",
            object_type="governance.citizenrequest",
            object_id=str(pk),
            object_repr=code,
            changes={"due_date": [old.isoformat(), new.isoformat()]},
        )
        moved += 1
    return moved
