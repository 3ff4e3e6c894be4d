"""Reads of tasks, scoped by the policy and shaped for their pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet, Subquery, Value
from django.utils import timezone

from shuniu.core import registry
from shuniu.core.workdays import add_workdays
from shuniu.org.models import Unit
from shuniu.supervision import page_sql
from shuniu.supervision.models import Bulletin, SupervisionConfig, Task, UnitScore
from shuniu.supervision.policies import task_policy
from shuniu.supervision.transitions import OPEN_STATUSES


@dataclass(frozen=True)
class TaskFilters:
    light: str = ""
    status: str = ""
    source: str = ""
    unit: str = ""  # unit code: leads or cooperates
    area: str = ""
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    q: str = ""
    open_only: bool = False
    leader: str = ""  # the 责任领导's username
    overdue: bool = False  # open and past its due date
    sort: str = ""  # one of SORTS; "" is the deadline


OPEN_STATES = sorted(OPEN_STATUSES)  # every state before 办结销号, not suspended or cancelled
# The API's sort keys, each ending on the id so that pages never overlap or skip (deep pages read an index).
SORTS = {
    "due_date": ("due_date", "id"),
    "-due_date": ("-due_date", "-id"),
    "code": ("code",),
    "-code": ("-code",),
    "updated_at": ("updated_at", "id"),
    "-updated_at": ("-updated_at", "-id"),
}


def tasks_of_unit(unit_code: str) -> QuerySet[Any]:
    """The ids of the tasks a unit (by code) leads or cooperates on (see `unit_arms`)."""
    lead, co = unit_arms(Task.objects.order_by(), unit_code)
    return lead.union(co, all=True)


def unit_arms(base: QuerySet[Task], unit_code: str, *columns: str) -> tuple[QuerySet[Any], QuerySet[Any]]:
    """The tasks of `base` a unit (by code) leads and those it cooperates on, as two index scans (`id` and
    `columns`), the unit found inside the same query: never a scan of all tasks."""
    unit_id = Subquery(Unit.objects.filter(code=unit_code).order_by().values("pk")[:1])
    lead = base.filter(lead_unit_id=unit_id).values("id", *columns)
    co = base.filter(pk__in=Task.co_units.through.objects.filter(unit_id=unit_id).values("task_id"))
    return lead, co.values("id", *columns)


def task_list_visible(user: Any, filters: TaskFilters | None = None) -> QuerySet[Task]:
    """Visible tasks with the filters applied, ready for a list (lead unit joined, co-units and tags prefetched)."""
    f = filters or TaskFilters()
    qs = task_policy.visible(user).select_related("lead_unit").prefetch_related("co_units", "area_tags")
    if f.light:
        qs = qs.filter(light__in=f.light.split(","))
    if f.status == "open":  # every state before 办结销号, not suspended or cancelled
        qs = qs.filter(status__in=OPEN_STATES)
    elif f.status:
        qs = qs.filter(status__in=f.status.split(","))
    if f.open_only:
        qs = qs.exclude(status__in=[Task.Status.CLOSED, Task.Status.CANCELLED])
    if f.overdue:
        qs = qs.filter(status__in=OPEN_STATES, due_date__lt=timezone.localdate())
    if f.source:
        qs = qs.filter(source__in=f.source.split(","))
    if f.unit:
        if not is_uuid(f.unit):
            return qs.none()
        qs = qs.filter(pk__in=tasks_of_unit(f.unit))
    if f.leader:
        qs = qs.filter(leader__username=f.leader)
    if f.area:
        qs = qs.filter(pk__in=Task.area_tags.through.objects.filter(areatag__name=f.area).values("task_id"))
    if f.due_before:
        qs = qs.filter(due_date__lte=f.due_before)
    if f.due_after:
        qs = qs.filter(due_date__gte=f.due_after)
    if f.q:
        for word in f.q.split():
            qs = qs.filter(Q(title__icontains=word) | Q(code__icontains=word) | Q(requirements__icontains=word))
    return qs.order_by(*SORTS.get(f.sort, SORTS["due_date"]))


LIST_FIELDS = (
    "code",
    "title",
    "source",
    "status",
    "lead_unit__name",
    "lead_unit__code",
    "responsible_leader",
    "leader__username",
    "start_date",
    "due_date",
    "original_due_date",
    "report_cycle",
    "progress",
    "expected_progress",
    "light",
    "light_reason",
)


def ordering(qs: QuerySet[Task]) -> list[str]:
    """The list's sort (one of SORTS: field names, "-" for descending)."""
    return [str(name) for name in qs.query.order_by]


def unit_tasks(qs: QuerySet[Task], unit_code: str) -> QuerySet[Any]:
    """A unit's tasks within `qs` (every other filter and the sort), with the sort's columns: the lead arm read in
    sort order from the (lead unit, due date, id) index, united with the few it cooperates on."""
    columns = [c.lstrip("-") for c in ordering(qs) if c.lstrip("-") != "id"]
    lead, co = unit_arms(qs.select_related(None).prefetch_related(None).order_by(), unit_code, *columns)
    return lead.union(co)


def unit_page_ids(qs: QuerySet[Task], unit_code: str, offset: int, limit: int) -> QuerySet[Any]:
    """One page of `unit_tasks`, sorted and cut."""
    return unit_tasks(qs, unit_code).order_by(*ordering(qs))[offset : offset + limit]


def unit_count(qs: QuerySet[Task], unit_code: str) -> int:
    return unit_tasks(qs, unit_code).count() if is_uuid(unit_code) else 0


def list_page(qs: QuerySet[Task], offset: int, limit: int, *, unit_code: str = "") -> list[dict[str, Any]]:
    """One page of the list as plain rows. With `unit_code` (and `qs` without the unit filter) the page's ids come
    from `unit_page_ids`, otherwise from the sort's index (LIMIT and OFFSET on the ids alone). On PostgreSQL one
    statement reads the rows around that subquery (`page_sql`); elsewhere the ids, then `task_rows`."""
    if unit_code and not is_uuid(unit_code):
        return []
    if unit_code:
        ids = unit_page_ids(qs, unit_code, offset, limit)
    else:
        ids = qs.prefetch_related(None).values("id")[offset : offset + limit]
    if connection.vendor == "postgresql":
        return page_sql.rows(ids, ordering(qs), LIST_FIELDS)
    return task_rows([row["id"] for row in ids])


def task_rows(ids: list[int]) -> list[dict[str, Any]]:
    """A page of tasks (by id, in that order) as plain rows with their co-units and tags: three queries whatever the
    page size, and no model instances (the API list is the office's busiest call)."""
    by_id = {row["pk"]: row for row in Task.objects.filter(pk__in=ids).values("pk", *LIST_FIELDS)}
    rows = [by_id[i] for i in ids if i in by_id]
    names: dict[tuple[str, int], list[str]] = {}
    # Co-units and area tags in one round trip (UNION ALL), in their tables' order.
    co_units = (
        Task.co_units.through.objects.filter(task_id__in=ids)
        .annotate(kind=Value("co"))
        .values_list("task_id", "unit__name", "id", "kind")  # type: ignore[misc]  # (stubs miss the annotation)
        .order_by()
    )
    tags = (
        Task.area_tags.through.objects.filter(task_id__in=ids)
        .annotate(kind=Value("tag"))
        .values_list("task_id", "areatag__name", "id", "kind")  # type: ignore[misc]
        .order_by()
    )
    for task_id, name, _id, kind in co_units.union(tags, all=True).order_by("kind", "task_id", "id"):
        names.setdefault((kind, task_id), []).append(name)
    for row in rows:
        row["co_units"], row["area_tags"] = names.get(("co", row["pk"]), []), names.get(("tag", row["pk"]), [])
    return rows


def is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def task_detail_queryset() -> QuerySet[Task]:
    """Tasks with everything the task page and the API show, in a fixed number of queries."""
    return Task.objects.select_related("lead_unit", "leader", "instruction", "created_by").prefetch_related(
        "co_units",
        "area_tags",
        "milestones",
        "reports__submitted_by",
        "reports__reviewed_by",
        "extensions__requested_by",
        "light_changes__actor",
    )


def task_detail(task: Task) -> Task:
    """The task again, with everything its page shows (after a write changed it)."""
    return task_detail_queryset().get(pk=task.pk)


def sign_overdue(task: Task, as_of: dt.date | None = None, config: SupervisionConfig | None = None) -> bool:
    """The lead unit has not signed within the configured working days of assignment."""
    if task.status != Task.Status.ASSIGNED or task.assigned_at is None:
        return False
    days = (config or SupervisionConfig.current()).sign_days
    return (as_of or timezone.localdate()) > add_workdays(timezone.localdate(task.assigned_at), days)


def light_counts(qs: QuerySet[Task]) -> dict[str, int]:
    return {row["light"]: row["n"] for row in qs.order_by().values("light").annotate(n=Count("id"))}


def counts_by(qs: QuerySet[Task], field: str) -> list[dict[str, Any]]:
    """Lights per value of `field` (e.g. lead_unit__name, source, area_tags__name), aggregated in the database."""
    rows = qs.order_by().values(field, "light").annotate(n=Count("id"))
    table: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row[field]
        if key is None:
            continue
        entry = table.setdefault(key, {"key": key, "blue": 0, "green": 0, "yellow": 0, "red": 0, "total": 0})
        if row["light"] in entry:
            entry[row["light"]] += row["n"]
        entry["total"] += row["n"]
    return sorted(table.values(), key=lambda e: (-e["red"], -e["yellow"], -e["total"]))


def scores_for_year(year: int) -> tuple[list[str], list[dict[str, Any]], list[registry.ScoreAddition]]:
    """Per unit: the score of each month (latest correction of each bulletin), the year's average, what other
    modules add to it (`registry.score_additions`, each addition a column; one a rule keeps out adds nothing) and
    the total the rows are ranked by."""
    latest: dict[dt.date, int] = {}
    # Only the keys: a bulletin's frozen snapshot holds every task of its month.
    for pk, month in (
        Bulletin.objects.filter(issue_year=year).order_by("month", "correction").values_list("pk", "month")
    ):
        latest[month] = pk
    months = sorted(latest)
    rows: dict[int, dict[str, Any]] = {}
    for score in UnitScore.objects.filter(bulletin_id__in=latest.values()).select_related("unit"):
        row = rows.setdefault(score.unit_id, {"unit": score.unit.name, "unit_code": score.unit.code, "months": {}})
        row["months"][score.month] = score.score
    additions = registry.score_additions(year)
    counted = [a.values for a in additions if a.values is not None]
    out = []
    for unit_id, row in rows.items():
        values = [row["months"].get(m) for m in months]
        present = [v for v in values if v is not None]
        row["values"] = values
        row["average"] = round(sum(present) / len(present), 1) if present else None
        row["additions"] = [round(v.get(unit_id, 0.0), 1) for v in counted]
        row["total"] = None if row["average"] is None else round(float(row["average"]) + sum(row["additions"]), 1)
        out.append(row)
    out.sort(key=lambda r: (-(r["total"] or 0), r["unit"]))
    return [f"{m:%Y-%m}" for m in months], out, additions


def tasks_of_instruction(instruction_id: int) -> QuerySet[Task]:
    """The tasks registered from one leader instruction (for the document it was written on)."""
    return Task.objects.filter(instruction_id=instruction_id).select_related("lead_unit").order_by("code")


def task_by_code(code: str) -> Task | None:
    """The task of this code, for an app that keeps the code of a task it raised (保密检查整改)."""
    return Task.objects.filter(code=code).first() if code else None


def tasks_by_code(codes: list[str]) -> dict[str, Task]:
    """Tasks by code, in one query (a list of findings shows its tasks' status and light)."""
    return {t.code: t for t in Task.objects.filter(code__in=[c for c in codes if c])}
