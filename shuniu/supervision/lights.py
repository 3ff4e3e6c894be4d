"""The one function that decides a task's light, and the service that stores it with its history (SPEC §3).

蓝 closed; 红 overdue, behind 序时进度 by more than Y points, or M consecutive periods missing; 黄 due within N
working days, behind by at least X points, or the last period missing; 绿 otherwise. The judgement is made at a
date (`as_of`), so a bulletin for a past month judges at that month's last day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext

from shuniu.core.system import person
from shuniu.core.workdays import estimate_note, estimated_years, workdays_between
from shuniu.supervision.models import Light, LightChange, Milestone, ProgressReport, SupervisionConfig, Task
from shuniu.supervision.periods import due_periods


@lru_cache(maxsize=256)
def _translated(msgid: str, language: str | None) -> str:
    return gettext(msgid)


def _(msgid: str) -> str:
    """gettext, memoised per language: a bulletin words thousands of reasons from a dozen phrases."""
    return _translated(msgid, get_language())


@lru_cache(maxsize=1)
def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class Judged(Protocol):
    """What the light function reads of a task: a Task, or a plain row when thousands are judged at once."""

    status: str
    progress: int
    start_date: dt.date
    due_date: dt.date
    closed_on: dt.date | None
    assigned_at: dt.datetime | None
    report_cycle: str
    override_light: str
    override_reason: str


@dataclass(frozen=True)
class LightResult:
    """A task's light and the facts behind it; `reason` puts them in words (only when asked: bulletins judge
    tens of thousands of tasks and print few reasons)."""

    light: str  # one of Light, or "" for suspended and cancelled tasks
    progress: int
    expected: int = 0
    behind: int = 0
    missing: int = 0
    overdue_days: int = 0
    overdue: bool = False
    due_soon_left: int | None = None
    state: str = "open"  # open, closed, cancelled or suspended
    override_reason: str = ""
    auto_light: str = ""
    estimated_years: tuple[int, ...] = ()  # years counted through whose holidays are not known yet

    @property
    def label(self) -> str:
        return str(Light(self.light).label) if self.light else _("无")

    @property
    def reason(self) -> str:
        if self.state == "cancelled":
            return _("已撤销")
        if self.state == "suspended":
            return _("已中止")
        if self.state == "closed":
            return _("已办结销号，亮蓝灯")
        if self.override_reason:
            return _("督查员调整为%(light)s：%(why)s（系统判定：%(auto)s）") % {
                "light": Light(self.light).label,
                "why": self.override_reason,
                "auto": self._auto_reason(self.auto_light),
            }
        return self._auto_reason(self.light)

    def _auto_reason(self, light: str) -> str:
        notes: list[str] = []
        if self.overdue:
            notes.append(
                _("已超过截止日期%(n)s个工作日") % {"n": self.overdue_days}
                if self.overdue_days
                else _("已超过截止日期")
            )
        if self.due_soon_left is not None:
            notes.append(_("距截止还有%(n)s个工作日") % {"n": self.due_soon_left})
        if self.missing:
            notes.append(_("连续%(n)s期未报送") % {"n": self.missing})
        head = _("进度%(p)s%%，序时进度%(e)s%%") % {"p": self.progress, "e": self.expected}
        if self.behind:
            head += _("，落后%(b)s个百分点") % {"b": self.behind}
        text = "，".join([head, *notes, _("亮%(light)s") % {"light": Light(light).label}]) + "。"
        return text + estimate_note(list(self.estimated_years)) if self.estimated_years else text


def expected_progress(task: Judged, milestones: Sequence[Milestone], as_of: dt.date) -> int:
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


@dataclass(frozen=True, slots=True)
class ReportFact:
    """What the light needs of an accepted report: its period, progress and the day it was accepted."""

    period_start: dt.date
    progress: int
    reviewed_on: dt.date
    order: tuple[dt.datetime, int]


def report_facts(reports: Iterable[ProgressReport]) -> list[ReportFact]:
    """The accepted reports among `reports`, as facts (returned and pending ones do not count)."""
    tz = timezone.get_current_timezone()
    return [
        ReportFact(r.period_start, r.progress, r.reviewed_at.astimezone(tz).date(), (r.reviewed_at, r.pk or 0))
        for r in reports
        if r.status == ProgressReport.Status.ACCEPTED and r.reviewed_at is not None
    ]


def missing_periods(task: Judged, accepted: Sequence[ReportFact], as_of: dt.date) -> int:
    """Consecutive most-recent periods, due before `as_of`, without an accepted report."""
    if task.assigned_at is None:
        return 0
    covered = {r.period_start for r in accepted}
    count = 0
    for start in reversed(due_periods(task.report_cycle, task.assigned_at.astimezone(local_zone()).date(), as_of)):
        if start in covered:
            break
        count += 1
    return count


def compute_light(
    task: Judged,
    *,
    as_of: dt.date,
    config: SupervisionConfig,
    facts: Iterable[ReportFact],
    milestones: Sequence[Milestone],
) -> LightResult:
    """The light of `task` judged at `as_of`, from its dates, accepted reports (as facts) and milestones."""
    if task.status == Task.Status.CANCELLED:
        return LightResult("", task.progress, state="cancelled")
    if task.status == Task.Status.SUSPENDED:
        return LightResult("", task.progress, state="suspended")
    accepted = sorted((f for f in facts if f.reviewed_on <= as_of), key=lambda f: f.order)
    progress = accepted[-1].progress if accepted else 0
    if task.status == Task.Status.CLOSED and task.closed_on and task.closed_on <= as_of:
        return LightResult(Light.BLUE, 100, 100, state="closed")
    expected = expected_progress(task, milestones, as_of)
    behind = max(expected - progress, 0)
    missing = missing_periods(task, accepted, as_of)
    overdue = as_of > task.due_date
    left = 0 if overdue else workdays_between(as_of, task.due_date)
    due_soon = not overdue and left <= config.due_soon_days
    if overdue or behind > config.behind_red or missing >= config.missing_red:
        light = Light.RED
    elif due_soon or behind >= config.behind_yellow or missing >= 1:
        light = Light.YELLOW
    else:
        light = Light.GREEN
    return LightResult(
        light,
        progress,
        expected,
        behind,
        missing,
        overdue_days=workdays_between(task.due_date, as_of) if overdue else 0,
        overdue=overdue,
        due_soon_left=left if due_soon and light == Light.YELLOW else None,
        estimated_years=tuple(estimated_years(task.start_date, max(task.due_date, as_of))),
    )


def judge_task(
    task: Judged,
    *,
    as_of: dt.date,
    config: SupervisionConfig,
    facts: Iterable[ReportFact],
    milestones: Sequence[Milestone],
) -> LightResult:
    """compute_light, then a supervisor's override (with its reason) for open tasks."""
    result = compute_light(task, as_of=as_of, config=config, facts=facts, milestones=milestones)
    override = task.override_light
    if override and result.light not in {"", Light.BLUE}:
        return replace(result, light=override, override_reason=task.override_reason, auto_light=result.light)
    return result


def light_of(task: Task, as_of: dt.date | None = None, config: SupervisionConfig | None = None) -> LightResult:
    """The task's light from its own reports and milestones (prefetched when the caller did so)."""
    return judge_task(
        task,
        as_of=as_of or timezone.localdate(),
        config=config or SupervisionConfig.current(),
        facts=report_facts(task.reports.all()),
        milestones=list(task.milestones.all()),
    )


def task_refresh_light(
    task: Task,
    *,
    as_of: dt.date | None = None,
    actor: Any = None,
    trigger: str = LightChange.Trigger.AUTO,
    facts: Iterable[ReportFact] | None = None,
    milestones: Sequence[Milestone] | None = None,
) -> LightResult:
    """Store the task's current light; a change goes into the light history with its reason (stored in the county's
    language, whichever language the request that caused it was in). A caller that knows the task's reports and
    milestones (a task just registered has none and its own) passes them and saves their queries."""
    as_of = as_of or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        if facts is None or milestones is None:
            result = light_of(task, as_of)
        else:
            result = judge_task(
                task, as_of=as_of, config=SupervisionConfig.current(), facts=facts, milestones=milestones
            )
        reason = result.reason[:300]
    fields = {
        "light": result.light,
        "light_reason": reason,
        "progress": result.progress,
        "expected_progress": result.expected,
    }
    changed = [k for k, v in fields.items() if getattr(task, k) != v]
    if not changed:
        return result
    with transaction.atomic(savepoint=False):  # part of the caller's write when there is one
        if task.light != result.light and result.light:
            LightChange.objects.create(
                task=task,
                as_of=as_of,
                old_light=task.light,
                new_light=result.light,
                reason=reason,
                trigger=trigger,
                actor=person(actor),
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
        with translation.override(settings.LANGUAGE_CODE):
            result = light_of(task, as_of, config)
            reason = result.reason[:300]
        if before != (result.light, reason):
            task_refresh_light(task, as_of=as_of)
            changed += 1
    return changed


def calendar_prepare(lo: dt.date, hi: dt.date) -> None:
    """Lights need nothing of the old calendar: they are judged again on the new one."""
    return None


def calendar_apply(prepared: None, actor: Any) -> int:
    """After a holiday change: every stored light and reason judged again (序时进度 and 超期 count working days)."""
    return refresh_open_lights()
