"""The one function that decides a task's light, and the service that stores it with its history (SPEC §3).

蓝 closed; 红 overdue, behind 序时进度 by more than Y points, or M consecutive periods missing; 黄 due within N
working days, behind by at least X points, or the last period missing; 绿 otherwise. The judgement is made at a
date (`as_of`), so a bulletin for a past month judges at that month's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.workdays import workdays_between
from shuniu.supervision.models import Light, LightChange, Milestone, ProgressReport, SupervisionConfig, Task
from shuniu.supervision.periods import due_periods


@dataclass(frozen=True)
class LightResult:
    light: str  # one of Light, or "" for suspended and cancelled tasks
    reason: str
    progress: int
    expected: int
    behind: int
    missing: int
    overdue_days: int

    @property
    def label(self) -> str:
        return str(Light(self.light).label) if self.light else _("无")


def expected_progress(task: Task, milestones: Sequence[Milestone], as_of: dt.date) -> int:
    """序时进度: elapsed working days over the working days of the task, or of the current milestone span."""
    if as_of <= task.start_date:
        return 0
    if as_of >= task.due_date:
        return 100
    points = [(task.start_date, 0)]
    points += [(m.date, m.planned_progress) for m in milestones if task.start_date < m.date < task.due_date]
    points.append((task.due_date, 100))
    for (a, pa), (b, pb) in pairwise(points):
        if a <= as_of < b:
            span = workdays_between(a, b)
            done = workdays_between(a, as_of)
            return round(pa + (pb - pa) * done / span) if span else pb
    return 100


def _accepted_by(reports: Iterable[ProgressReport], as_of: dt.date) -> list[ProgressReport]:
    return [
        r
        for r in reports
        if r.status == ProgressReport.Status.ACCEPTED
        and r.reviewed_at is not None
        and timezone.localdate(r.reviewed_at) <= as_of
    ]


def missing_periods(task: Task, accepted: Sequence[ProgressReport], as_of: dt.date) -> int:
    """Consecutive most-recent periods, due before `as_of`, without an accepted report."""
    if task.assigned_at is None:
        return 0
    covered = {r.period_start for r in accepted}
    count = 0
    for start in reversed(due_periods(task.report_cycle, timezone.localdate(task.assigned_at), as_of)):
        if start in covered:
            break
        count += 1
    return count


def compute_light(
    task: Task,
    *,
    as_of: dt.date,
    config: SupervisionConfig,
    reports: Iterable[ProgressReport],
    milestones: Sequence[Milestone],
) -> LightResult:
    """The light of `task` judged at `as_of`, from its dates, accepted reports and milestones."""
    if task.status == Task.Status.CANCELLED:
        return LightResult("", _("已撤销"), task.progress, 0, 0, 0, 0)
    if task.status == Task.Status.SUSPENDED:
        return LightResult("", _("已中止"), task.progress, 0, 0, 0, 0)
    accepted = sorted(_accepted_by(reports, as_of), key=lambda r: (r.reviewed_at, r.pk or 0))
    progress = accepted[-1].progress if accepted else 0
    if task.status == Task.Status.CLOSED and task.closed_on and task.closed_on <= as_of:
        return LightResult(Light.BLUE, _("已办结销号，亮蓝灯"), 100, 100, 0, 0, 0)
    expected = expected_progress(task, milestones, as_of)
    behind = max(expected - progress, 0)
    missing = missing_periods(task, accepted, as_of)
    overdue = workdays_between(task.due_date, as_of) if as_of > task.due_date else 0
    left = workdays_between(as_of, task.due_date)
    notes: list[str] = []
    if overdue or as_of > task.due_date:
        light = Light.RED
        notes.append(_("已超过截止日期%(n)s个工作日") % {"n": overdue} if overdue else _("已超过截止日期"))
    elif behind > config.behind_red or missing >= config.missing_red:
        light = Light.RED
    elif left <= config.due_soon_days or behind >= config.behind_yellow or missing >= 1:
        light = Light.YELLOW
        if left <= config.due_soon_days:
            notes.append(_("距截止还有%(n)s个工作日") % {"n": left})
    else:
        light = Light.GREEN
    if missing:
        notes.append(_("连续%(n)s期未报送") % {"n": missing})
    head = _("进度%(p)s%%，序时进度%(e)s%%") % {"p": progress, "e": expected}
    if behind:
        head += _("，落后%(b)s个百分点") % {"b": behind}
    reason = "，".join([head, *notes, _("亮%(light)s") % {"light": Light(light).label}]) + "。"
    return LightResult(light, reason, progress, expected, behind, missing, overdue)


def light_of(task: Task, as_of: dt.date | None = None, config: SupervisionConfig | None = None) -> LightResult:
    """compute_light with the task's own reports and milestones (prefetched when the caller did so)."""
    override = task.override_light
    result = compute_light(
        task,
        as_of=as_of or timezone.localdate(),
        config=config or SupervisionConfig.current(),
        reports=task.reports.all(),
        milestones=list(task.milestones.all()),
    )
    if override and result.light not in {"", Light.BLUE}:
        reason = _("督查员调整为%(light)s：%(why)s（系统判定：%(auto)s）") % {
            "light": Light(override).label,
            "why": task.override_reason,
            "auto": result.reason,
        }
        return LightResult(
            override, reason, result.progress, result.expected, result.behind, result.missing, result.overdue_days
        )
    return result


def task_refresh_light(
    task: Task, *, as_of: dt.date | None = None, actor: Any = None, trigger: str = LightChange.Trigger.AUTO
) -> LightResult:
    """Store the task's current light; a change goes into the light history with its reason."""
    as_of = as_of or timezone.localdate()
    result = light_of(task, as_of)
    fields = {
        "light": result.light,
        "light_reason": result.reason[:300],
        "progress": result.progress,
        "expected_progress": result.expected,
    }
    changed = [k for k, v in fields.items() if getattr(task, k) != v]
    if not changed:
        return result
    with transaction.atomic():
        if task.light != result.light and result.light:
            LightChange.objects.create(
                task=task,
                as_of=as_of,
                old_light=task.light,
                new_light=result.light,
                reason=result.reason[:300],
                trigger=trigger,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
            )
        for key, value in fields.items():
            setattr(task, key, value)
        task.save(update_fields=[*changed, "updated_at"])
    return result


def refresh_open_lights(*, as_of: dt.date | None = None, batch: int = 500) -> int:
    """Recompute every task's stored light (idempotent; run daily). Returns how many changed."""
    changed = 0
    qs = Task.objects.exclude(status__in=[Task.Status.CANCELLED]).prefetch_related("reports", "milestones")
    config = SupervisionConfig.current()
    as_of = as_of or timezone.localdate()
    for task in qs.iterator(chunk_size=batch):
        before = (task.light, task.light_reason)
        result = light_of(task, as_of, config)
        if before != (result.light, result.reason[:300]):
            task_refresh_light(task, as_of=as_of)
            changed += 1
    return changed
