"""值班 to-dos on the home page: on a statutory holiday, the day's 值班信息日报 until it is sent."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.access import has_perm
from shuniu.core.todos import Todo, register
from shuniu.core.workdays import holiday_name
from shuniu.duty.log import KEEP
from shuniu.duty.models import DailyReport, DutyConfig

MODULE = gettext_lazy("值班")


@register
def duty_todos(user: Any) -> list[Todo]:
    today = timezone.localdate()
    if not has_perm(user, KEEP) or not holiday_name(today):
        return []
    if DailyReport.objects.filter(date=today, status=DailyReport.Status.SENT).exists():
        return []
    time = DutyConfig.current().report_time
    return [
        Todo(
            _("报送值班信息日报（%(t)s前）") % {"t": f"{time:%H:%M}"},
            f"/duty/report/?date={today}",
            today,
            "danger",
            MODULE,
        )
    ]
