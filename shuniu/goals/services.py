"""Writes of 年度目标: set a goal (under a parent of the same year), report progress and the year-end result, freeze a
stage — in order, once, never changed afterwards — with every goal as it stood."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.goals.models import STAGE_ORDER, Goal, Snapshot, Stage
from shuniu.goals.policies import goal_policy

WHERE = "goals"
FROZEN_FIELDS = ("code", "title", "measure", "progress", "progress_note", "result", "result_note")


def _frozen(year: int) -> set[str]:
    return set(Snapshot.objects.filter(year=year).values_list("stage", flat=True))


def goal_create(
    *, actor: Any, year: int, unit: Any, title: str, measure: str = "", parent: Goal | None = None, sort_order: int = 0
) -> Goal:
    authorize(goal_policy, actor, "create")
    refuse_marked([(_("目标"), title), (_("衡量标准"), measure)], user=actor, where=WHERE)
    if not title.strip() or unit is None:
        raise ValidationError(_("请填写目标和责任单位。"), code="title")
    if not 2000 <= year <= 2100:
        raise ValidationError(_("年度不正确。"), code="year")
    if parent is not None and parent.year != year:
        raise ValidationError(_("上级目标须为同一年度的目标。"), code="parent")
    if Stage.END in _frozen(year):
        raise ValidationError(_("%(y)s年的成果已冻结，不能再增加目标。") % {"y": year}, code="frozen")
    with transaction.atomic():
        goal = Goal.objects.create(
            code=f"MB-{year}-{next_value(f'MB-{year}'):04d}", year=year, unit=unit, parent=parent,
            title=title.strip()[:200], measure=measure.strip()[:300], sort_order=sort_order,
        )  # fmt: skip
        audit.record(actor=actor, action="create", obj=goal, changes={"title": [None, goal.title]})
    return goal


def goal_report(
    *, actor: Any, goal: Goal, progress: int, note: str = "", result: str = "", result_note: str = ""
) -> Goal:
    """年中亮进度 / 年底亮成果 by the unit: progress in %, what was done; at year end whether it was achieved."""
    authorize(goal_policy, actor, "report", goal)
    refuse_marked([(_("进展情况"), note), (_("成果"), result_note)], user=actor, where=WHERE)
    if not 0 <= progress <= 100:
        raise ValidationError(_("进度应在 0 至 100 之间。"), code="progress")
    if result and result not in Goal.Result.values:
        raise ValidationError(_("完成情况不正确。"), code="result")
    if Stage.END in _frozen(goal.year):
        raise ValidationError(_("%(y)s年的成果已冻结，不能再修改。") % {"y": goal.year}, code="frozen")
    before = audit.snapshot(goal, FROZEN_FIELDS)
    with transaction.atomic():
        goal.progress, goal.progress_note = progress, note.strip()[:2000]
        if result:
            goal.result, goal.result_note = result, result_note.strip()[:2000]
        goal.save(update_fields=["progress", "progress_note", "result", "result_note", "updated_at"])
        audit.record(
            actor=actor, action="report", obj=goal, changes=audit.diff(before, audit.snapshot(goal, FROZEN_FIELDS))
        )
    return goal


def stage_freeze(*, actor: Any, year: int, stage: str) -> Snapshot:
    """亮: the stage's snapshot of every goal of the year; the stages in order, each once."""
    authorize(goal_policy, actor, "freeze")
    if stage not in Stage.values:
        raise ValidationError(_("阶段不正确。"), code="stage")
    done = _frozen(year)
    earlier = STAGE_ORDER[: STAGE_ORDER.index(Stage(stage))]
    missing = [s for s in earlier if s not in done]
    if missing:
        raise ValidationError(_("请先完成“%(s)s”。") % {"s": Stage(missing[0]).label}, code="order")
    goals = list(Goal.objects.filter(year=year).select_related("unit", "parent"))
    if not goals:
        raise ValidationError(_("%(y)s年还没有目标。") % {"y": year}, code="empty")
    rows = [
        {**{f: getattr(g, f) for f in FROZEN_FIELDS}, "unit": g.unit.name, "parent": g.parent.code if g.parent else ""}
        for g in goals
    ]
    try:
        with transaction.atomic():
            snap = Snapshot.objects.create(
                year=year, stage=stage, rows=rows, frozen_at=timezone.now(), frozen_by=person(actor)
            )
            audit.record(actor=actor, action="freeze", obj=snap, changes={"goals": [None, len(rows)]})
    except IntegrityError as exc:
        raise ValidationError(_("该阶段已冻结。"), code="frozen") from exc
    return snap
