"""Time limits of citizen requests: working days per type and urgency, counted from the day after dispatch."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from shuniu.core.workdays import add_workdays, explain
from shuniu.governance.models import DEFAULT_LIMITS, RequestType, TimeLimit, Urgency


def limit_days(request_type: str, urgency: str) -> int:
    """The configured working days (the table, else the SPEC §9 defaults); 0 means the same day."""
    row = TimeLimit.objects.filter(request_type=request_type, urgency=urgency).first()
    if row is not None:
        return row.working_days
    return DEFAULT_LIMITS[(RequestType(request_type), Urgency(urgency))]


def all_limits() -> dict[tuple[str, str], int]:
    """The whole table, type × urgency (defaults where no row), in one query."""
    rows = {(r.request_type, r.urgency): r.working_days for r in TimeLimit.objects.all()}
    return {
        (t, u): rows.get((t, u), DEFAULT_LIMITS[(RequestType(t), Urgency(u))])
        for t in RequestType.values
        for u in Urgency.values
    }


def deadline(dispatched_on: dt.date, request_type: str, urgency: str) -> dt.date:
    """The due date of a request dispatched on `dispatched_on`."""
    return add_workdays(dispatched_on, limit_days(request_type, urgency))


def deadline_text(dispatched_on: dt.date, request_type: str, urgency: str) -> str:
    """Why the deadline is what it is, in words a citizen and a unit both understand."""
    days = limit_days(request_type, urgency)
    rule = _("%(type)s类%(urgency)s诉求，时限%(n)s个工作日。") % {
        "type": RequestType(request_type).label,
        "urgency": Urgency(urgency).label,
        "n": days,
    }
    if days == 0:
        return rule + _("当日办结：%(d)s。") % {"d": f"{dispatched_on:%Y-%m-%d}"}
    return rule + explain(dispatched_on, days).text
