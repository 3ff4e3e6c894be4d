"""Daily reminders and escalating notices (SPEC §3): idempotent, at most one per task per kind per day."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils.translation import gettext as _

from shuniu.core.periods import month_start
from shuniu.core.workdays import is_workday, workdays_between
from shuniu.notifications.services import notify
from shuniu.org.models import User
from shuniu.supervision.lights import light_of
from shuniu.supervision.models import Light, SupervisionConfig, Task
from shuniu.supervision.periods import report_window
from shuniu.supervision.selectors import sign_overdue


def _first_workday_from(d: dt.date) -> dt.date:
    while not is_workday(d):
        d += dt.timedelta(days=1)
    return d


def _recipients(task: Task, cache: dict[int, list[int]]) -> list[int]:
    if task.lead_unit_id not in cache:
        cache[task.lead_unit_id] = list(
            User.objects.filter(
                unit_id=task.lead_unit_id, is_active=True, groups__role__slug__in=["liaison", "handler"]
            )
            .values_list("pk", flat=True)
            .distinct()
        )
    return cache[task.lead_unit_id]


def _kinds(task: Task, today: dt.date, config: SupervisionConfig) -> list[tuple[str, str, str]]:
    """(kind, level, title) of every reminder due for `task` today."""
    out: list[tuple[str, str, str]] = []
    result = light_of(task, today, config)
    left = workdays_between(today, task.due_date)
    if today > task.due_date:
        out.append(("overdue", "warning", _("已超期：%(t)s（截止%(d)s）")))
    elif left <= config.due_soon_days:
        out.append(("due_soon", "reminder", _("临近截止：%(t)s（截止%(d)s）")))
    if sign_overdue(task, today, config):
        out.append(("sign", "warning", _("请尽快签收：%(t)s")))
    if task.report_cycle == Task.Cycle.MONTHLY and task.status == Task.Status.ACCEPTED:
        opens, closes = report_window(month_start(today), config.window_start_day)
        if today == _first_workday_from(opens):
            out.append(("window_open", "reminder", _("月度进展报送窗口已开启：%(t)s")))
        current = month_start(today)
        if today == closes and not any(r.period_start == current for r in task.reports.all()):
            out.append(("window_close", "warning", _("今天是本月报送截止日，请报送进展：%(t)s")))
    if result.missing:
        out.append(("missing", "warning", _("进展报告缺报%(n)s期：%%(t)s") % {"n": result.missing}))
    if result.light == Light.YELLOW:
        out.append(("cuiban", "reminder", _("催办通知：%(t)s（%(why)s）")))
    if result.light == Light.RED:
        out.append(("duban", "warning", _("督办单：%(t)s（%(why)s）")))
    return out


def send_reminders(today: dt.date) -> Counter[str]:
    """Queue every reminder due today; a second run the same day sends nothing new."""
    config = SupervisionConfig.current()
    sent: Counter[str] = Counter()
    cache: dict[int, list[int]] = {}
    tasks = (
        Task.objects.filter(status__in=[Task.Status.ASSIGNED, Task.Status.ACCEPTED])
        .select_related("lead_unit")
        .prefetch_related("reports", "milestones")
    )
    for task in tasks.iterator(chunk_size=500):
        recipients = _recipients(task, cache)
        if not recipients:
            continue
        for kind, level, title in _kinds(task, today, config):
            text = title % {"t": task.title, "d": task.due_date.isoformat(), "why": task.light_reason}
            notify(
                recipients=recipients,
                title=text,
                body=task.light_reason,
                url=task.get_absolute_url(),
                level=level,
                dedupe_key=f"task:{task.code}:{kind}:{today.isoformat()}",
            )
            sent[kind] += 1
    return sent
