"""约稿 (commissioned topics): the 信息科 asks named units for information on a topic by a due date counted in
working days; units reply with items linked to it; the daily job reminds the units that have not replied (two
working days before the due date and every working day after it), and overdue commissions are listed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.core.workdays import add_workdays, check_date, is_workday
from shuniu.information.models import Commission
from shuniu.information.policies import SUBMIT, commission_policy
from shuniu.information.selectors import missing_units, with_replies


def commission_create(
    *, actor: Any, topic: str, due_date: dt.date, units: list[Any], description: str = "", today: dt.date | None = None
) -> Commission:
    authorize(commission_policy, actor, "create")
    refuse_marked([(_("约稿主题"), topic), (_("要求"), description)], user=actor, where="information.commission")
    check_date(due_date)
    if not topic.strip():
        raise ValidationError(_("请填写约稿主题。"))
    if not units:
        raise ValidationError(_("请选择约稿单位。"))
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError(_("截止日期不能早于今天。"))
    with transaction.atomic():
        year = today.year
        commission = Commission.objects.create(
            code=f"YG-{year}-{next_value(f'YG-{year}'):03d}",
            topic=topic.strip(),
            description=description.strip(),
            due_date=due_date,
            created_by=person(actor),
        )
        commission.units.set(units)
        audit.record(
            actor=actor,
            action="create",
            obj=commission,
            changes={"due_date": [None, due_date.isoformat()], "units": [None, [u.name for u in units]]},
        )
    _notify(commission, units, _("约稿：%(t)s") % {"t": commission.topic})
    return commission


def _notify(commission: Commission, units: list[Any], title: str) -> None:
    from shuniu.notifications.services import notify
    from shuniu.org.models import User

    recipients = User.objects.filter(
        is_active=True, unit__in=units, groups__permissions__codename=SUBMIT.split(".")[1]
    ).distinct()
    notify(
        recipients=recipients,
        title=title,
        body=_("请于 %(d)s 前报送。%(desc)s")
        % {"d": commission.due_date.isoformat(), "desc": commission.description[:200]},
        url=commission.get_absolute_url(),
        level="warning",
        dedupe_key=f"commission:{commission.pk}:{timezone.localdate().isoformat()}",
    )


def remind(today: dt.date | None = None) -> int:
    """Remind the units that have not replied: from two working days before the due date, once a working day
    (idempotent within a day). Returns how many commissions were reminded."""
    today = today or timezone.localdate()
    if not is_workday(today):
        return 0
    reminded = 0
    for commission in with_replies(Commission.objects.filter(due_date__gte=today - dt.timedelta(days=30))):
        if commission.last_reminded_on == today or add_workdays(today, 2) < commission.due_date:
            continue
        units = missing_units(commission)
        if not units:
            continue
        late = today > commission.due_date
        _notify(
            commission, units, (_("约稿已逾期：%(t)s") if late else _("约稿即将到期：%(t)s")) % {"t": commission.topic}
        )
        Commission.objects.filter(pk=commission.pk).update(last_reminded_on=today)
        reminded += 1
    return reminded
