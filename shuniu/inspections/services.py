"""Writes and sums of 保密检查: the year's plan over every unit, a visit's checklist, findings raised as supervision
tasks (source 保密检查整改, assigned to the inspected unit with its deadline), the inspector's re-check that alone
closes them, and the coverage by units inspected and by checklist items examined."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person, system_actor
from shuniu.core.workdays import check_date
from shuniu.inspections.defaults import seed
from shuniu.inspections.models import ChecklistItem, Examined, Finding, Plan, Visit
from shuniu.org.models import Unit

MANAGE = "inspections.manage_inspection"
VIEW = "inspections.view_inspection"
WHERE = "inspections"
SOURCE = "inspection"
INSPECTED_KINDS = (Unit.Kind.DEPARTMENT, Unit.Kind.TOWN, Unit.Kind.SECTION)


def _require(actor: Any) -> None:
    if not has_perm(actor, MANAGE):
        raise PermissionDenied


def checklist() -> list[ChecklistItem]:
    seed(ChecklistItem)  # a flushed database: the defaults of migration 0002 come back
    return list(ChecklistItem.objects.filter(is_active=True))


def plan_create(*, actor: Any, year: int, title: str = "", inspector: Any = None) -> Plan:
    """进驻式检查全覆盖: every active department, town and office section is in the plan, spread over the months."""
    _require(actor)
    if not 2000 <= year <= 2100:
        raise ValidationError(_("年度不正确。"), code="year")
    if Plan.objects.filter(year=year).exists():
        raise ValidationError(_("%(y)s年的保密检查计划已制定。") % {"y": year}, code="exists")
    units = list(Unit.objects.filter(is_active=True, kind__in=INSPECTED_KINDS).order_by("kind", "sort_order", "id"))
    if not units:
        raise ValidationError(_("没有可检查的单位。"), code="units")
    with transaction.atomic():
        plan = Plan.objects.create(year=year, title=title.strip()[:100] or _("%(y)s年度保密检查计划") % {"y": year},
                                   created_by=person(actor))  # fmt: skip
        Visit.objects.bulk_create(
            [
                Visit(
                    code=f"BJ-{year}-{i + 1:04d}", plan=plan, unit=u, month=3 + i * 9 // len(units), inspector=inspector
                )
                for i, u in enumerate(units)
            ]
        )
        audit.record(actor=actor, action="plan", obj=plan, changes={"units": [None, len(units)]})
    return plan


def visit_record(
    *, actor: Any, visit: Visit, results: Mapping[int, tuple[bool, str]], inspected_on: dt.date, summary: str = ""
) -> Visit:
    """The visit's checklist: every item examined, passed or not, with what was seen."""
    _require(actor)
    refuse_marked([(_("检查情况"), summary), *((_("情况"), note) for _ok, note in results.values())], user=actor,
                  where=WHERE)  # fmt: skip
    check_date(inspected_on)
    items = {i.pk: i for i in checklist()}
    if not results or any(pk not in items for pk in results):
        raise ValidationError(_("请逐项填写检查结果。"), code="results")
    with transaction.atomic():
        Examined.objects.filter(visit=visit).delete()
        Examined.objects.bulk_create(
            [
                Examined(visit=visit, item_id=pk, passed=ok, note=note.strip()[:300])
                for pk, (ok, note) in results.items()
            ]
        )
        visit.status, visit.inspected_on, visit.summary = Visit.Status.DONE, inspected_on, summary.strip()[:2000]
        if visit.inspector_id is None and person(actor) is not None:
            visit.inspector = actor
        visit.save(update_fields=["status", "inspected_on", "summary", "inspector", "updated_at"])
        audit.record(actor=actor, action="inspect", obj=visit, changes={"examined": [None, len(results)]})
    return visit


def finding_raise(
    *, actor: Any, visit: Visit, description: str, deadline: dt.date, item: ChecklistItem | None = None
) -> Finding:
    """A problem found: recorded, and in the same transaction a supervision task (保密检查整改) assigned to the unit."""
    from shuniu.supervision import services as supervision

    _require(actor)
    refuse_marked([(_("问题"), description)], user=actor, where=WHERE)
    if not description.strip():
        raise ValidationError(_("请写明发现的问题。"), code="description")
    check_date(deadline)
    if deadline < (visit.inspected_on or timezone.localdate()):
        raise ValidationError(_("整改时限不能早于检查日期。"), code="deadline")
    year = visit.plan.year
    with transaction.atomic():
        finding = Finding.objects.create(
            code=f"BW-{year}-{next_value(f'BW-{year}'):04d}", visit=visit, item=item,
            description=description.strip()[:1000], deadline=deadline,
        )  # fmt: skip
        job = system_actor("inspection_finding")
        task = supervision.task_register(
            actor=job,
            title=_("保密检查整改：%(d)s") % {"d": finding.description[:80]},
            source=SOURCE,
            source_ref=_("%(p)s %(c)s") % {"p": visit.plan.title, "c": finding.code},
            lead_unit=visit.unit,
            start_date=visit.inspected_on or timezone.localdate(),
            due_date=deadline,
            requirements=finding.description,
        )
        supervision.task_assign(actor=job, task=task, reason=_("保密检查发现问题，限期整改"))
        finding.task_code = task.code
        finding.save(update_fields=["task_code"])
        audit.record(actor=actor, action="finding", obj=finding, changes={"task": [None, task.code]})
    return finding


def finding_recheck(
    *, actor: Any, finding: Finding, passed: bool, note: str, now: dt.datetime | None = None
) -> Finding:
    """复查 by the visit's inspector once the unit has asked to close: passed closes the finding and its task; not
    passed sends the task back to rectification with the reason."""
    from shuniu.supervision import selectors as tasks
    from shuniu.supervision import services as supervision

    _require(actor)
    if finding.visit.inspector_id not in (None, actor.pk):
        raise PermissionDenied
    refuse_marked([(_("复查意见"), note)], user=actor, where=WHERE)
    if not note.strip():
        raise ValidationError(_("请填写复查意见。"), code="note")
    if finding.status == Finding.Status.CLOSED:
        raise ValidationError(_("该问题已复查合格。"), code="closed")
    task = tasks.task_by_code(finding.task_code)
    if task is None or task.status != "close_requested":
        raise ValidationError(_("被检查单位尚未申请办结整改事项，不能复查。"), code="not_ready")
    at = now or timezone.now()
    with transaction.atomic():
        finding.rechecks = [
            *finding.rechecks,
            {"at": at.isoformat(), "by": str(actor), "passed": passed, "note": note.strip()[:300]},
        ]
        fields = ["rechecks"]
        if passed:
            finding.status, finding.rechecked_by, finding.rechecked_at = Finding.Status.CLOSED, actor, at
            fields += ["status", "rechecked_by", "rechecked_at"]
        finding.save(update_fields=[*fields, "updated_at"])
        job = system_actor("inspection_recheck")
        if passed:
            supervision.task_approve_close(
                actor=job, task=task, reason=_("复查合格：%(n)s") % {"n": note.strip()[:200]}
            )
        else:
            supervision.task_return_close(
                actor=job, task=task, reason=_("复查未通过：%(n)s") % {"n": note.strip()[:200]}
            )
        audit.record(actor=actor, action="recheck", obj=finding, changes={"passed": [None, passed]})
    return finding


def close_refusal(task: Any) -> str:
    """The supervision close guard of 保密检查整改: only the inspector's passed re-check closes it."""
    if Finding.objects.filter(task_code=task.code, status=Finding.Status.CLOSED).exists():
        return ""
    return _("保密检查整改事项须经检查人复查合格后方可销号。")


@dataclass
class Coverage:
    units: int
    inspected: int
    items: int
    examined: int
    findings: int
    closed: int

    @property
    def unit_rate(self) -> float:
        return self.inspected / self.units if self.units else 0.0

    @property
    def item_rate(self) -> float:
        return self.examined / self.items if self.items else 0.0


def coverage(plan: Plan) -> Coverage:
    """进驻式检查全覆盖: units inspected of the plan's units; checklist items examined of units × active items."""
    from django.db.models import Count, Q

    visits = plan.visits.aggregate(n=Count("id"), done=Count("id", filter=Q(status=Visit.Status.DONE)))
    items = ChecklistItem.objects.filter(is_active=True).count()
    examined = Examined.objects.filter(visit__plan=plan, item__is_active=True).count()
    found = Finding.objects.filter(visit__plan=plan).aggregate(
        n=Count("id"), closed=Count("id", filter=Q(status=Finding.Status.CLOSED))
    )
    return Coverage(visits["n"], visits["done"], visits["n"] * items, examined, found["n"], found["closed"])
