"""Supervision endpoints under /api/v1 (SPEC §2.8): the same visibility and actions as the pages."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models.fields.json import KeyTransform
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from shuniu.core import versions
from shuniu.core.access import get_child_for_user, get_for_user
from shuniu.core.api import actor, page_window
from shuniu.core.docx_render import DOCX_MIME
from shuniu.core.excel import XLSX_MIME
from shuniu.core.periods import parse_month
from shuniu.core.schemas import DecisionIn, ExtensionIn, ExtensionOut
from shuniu.org.models import Unit
from shuniu.supervision import bulletins, selectors, services
from shuniu.supervision.lights import light_of
from shuniu.supervision.models import Bulletin, Extension, ProgressReport, Task
from shuniu.supervision.policies import bulletin_policy, task_policy
from shuniu.supervision.schemas import (
    BulletinIn,
    BulletinOut,
    BulletinSummaryOut,
    CommentIn,
    OverrideIn,
    ReasonIn,
    ReportIn,
    ReportOut,
    TaskIn,
    TaskOut,
    TaskPage,
)
from shuniu.supervision.transitions import TASK_FLOW

router = Router(tags=["supervision"])
MAX_PAGE = 100


def _task_out(task: Task, as_of: dt.date | None = None) -> TaskOut:
    light, reason = task.light or None, task.light_reason
    if as_of is not None:
        result = light_of(task, as_of)
        light, reason = result.light or None, result.reason
    return TaskOut(
        code=task.code,
        title=task.title,
        source=task.source,
        status=task.status,
        lead_unit=task.lead_unit.name,
        lead_unit_code=task.lead_unit.code,
        co_units=[u.name for u in task.co_units.all()],
        area_tags=[a.name for a in task.area_tags.all()],
        responsible_leader=task.responsible_leader,
        leader_username=task.leader.username if task.leader else None,
        start_date=task.start_date,
        due_date=task.due_date,
        original_due_date=task.original_due_date,
        report_cycle=task.report_cycle,
        progress=task.progress,
        expected_progress=task.expected_progress,
        light=light,
        light_explanation=reason,
    )


@router.get("/tasks", response=TaskPage)
def list_tasks(
    request: HttpRequest,
    light: str = "",
    status: str = "",
    source: str = "",
    unit: str = "",
    area: str = "",
    due_before: dt.date | None = None,
    due_after: dt.date | None = None,
    q: str = "",
    overdue: bool = False,
    sort: str = "due_date",
    as_of: dt.date | None = None,
    limit: int = MAX_PAGE,
    offset: int = 0,
) -> TaskPage | HttpResponse:
    """Tasks the caller may see. `status=open` is every state before 办结销号 (not suspended or cancelled);
    `overdue=true` the open tasks past their due date; `unit` (a unit code) the tasks it leads or cooperates on;
    `sort` one of due_date, -due_date, code, -code, updated_at, -updated_at (ties broken by id, so that pages never
    overlap); `light` filters the stored (today's) light, `as_of` re-judges the page."""
    if sort not in selectors.SORTS:
        raise ValidationError(_("排序方式应为：%(keys)s") % {"keys": "、".join(selectors.SORTS)})
    filters = selectors.TaskFilters(
        light=light,
        status=status,
        source=source,
        unit=unit,
        area=area,
        due_before=due_before,
        due_after=due_after,
        q=q,
        overdue=overdue,
        sort=sort,
    )
    limit, offset = page_window(limit, offset, max_limit=MAX_PAGE)
    if as_of is not None:  # re-judge the page at that date, from the tasks' own reports
        qs = selectors.task_list_visible(actor(request), filters)
        tasks = qs[offset : offset + limit].prefetch_related("reports", "milestones")
        return TaskPage(count=qs.count(), items=[_task_out(t, as_of) for t in tasks])

    # The busiest call of the office (dashboards poll it): cached per user and query until tasks, units or roles
    # change (shuniu.core.versions); today's date is part of the key because stored lights are today's. The count
    # is cached per filter set, so paging through a list counts once.
    domains, key = ("supervision", "org"), (actor(request).pk, filters, timezone.localdate())

    def body() -> bytes:
        # one unit's tasks are read from its own index (selectors.unit_tasks), on the other filters alone
        qs = selectors.task_list_visible(actor(request), replace(filters, unit="") if unit else filters)
        items = [_row_json(row) for row in selectors.list_page(qs, offset, limit, unit_code=unit)]

        def count() -> bytes:
            return str(selectors.unit_count(qs, unit) if unit else qs.count()).encode()

        total = int(versions.cached(domains, (*key, "count"), count, versions=generation))
        return json.dumps({"count": total, "items": items}, ensure_ascii=False).encode()

    generation = versions.current(*domains)  # read once for the page and its count
    page = versions.cached(domains, (*key, limit, offset), body, versions=generation)
    return HttpResponse(page, content_type="application/json")


def _row_json(row: dict[str, Any]) -> dict[str, Any]:
    """A list row in the TaskOut shape, as plain JSON types (validating 100 schema objects per call costs more
    than the database does)."""
    return {
        "code": row["code"],
        "title": row["title"],
        "source": row["source"],
        "status": row["status"],
        "lead_unit": row["lead_unit__name"],
        "lead_unit_code": str(row["lead_unit__code"]),
        "co_units": row["co_units"],
        "area_tags": row["area_tags"],
        "responsible_leader": row["responsible_leader"],
        "leader_username": row["leader__username"],
        "start_date": row["start_date"].isoformat(),
        "due_date": row["due_date"].isoformat(),
        "original_due_date": row["original_due_date"].isoformat(),
        "report_cycle": row["report_cycle"],
        "progress": row["progress"],
        "expected_progress": row["expected_progress"],
        "light": row["light"] or None,
        "light_explanation": row["light_reason"],
    }


def _task(request: HttpRequest, code: str, action: str = "view") -> Task:
    return get_for_user(task_policy, actor(request), action, code=code)


@router.get("/tasks/{code}", response=TaskOut)
def get_task(request: HttpRequest, code: str, as_of: dt.date | None = None) -> TaskOut:
    """One task with its light (blue, green, yellow or red) and the explanation, judged at `as_of` (today)."""
    task = get_for_user(task_policy, actor(request), queryset=selectors.task_detail_queryset(), code=code)
    return _task_out(task, as_of or timezone.localdate())


@router.post("/tasks", response={201: TaskOut})
def create_task(request: HttpRequest, payload: TaskIn) -> Status[TaskOut]:
    user = actor(request)
    lead = _unit(payload.lead_unit_code)
    task = services.task_register(
        actor=user,
        title=payload.title,
        source=payload.source,
        lead_unit=lead,
        co_units=[_unit(c) for c in payload.co_unit_codes],
        start_date=payload.start_date,
        due_date=payload.due_date,
        requirements=payload.requirements,
        source_ref=payload.source_ref,
        responsible_leader=payload.responsible_leader,
        leader=_leader(payload.leader_username),
        report_cycle=payload.report_cycle,
        area_tags=payload.area_tags,
        milestones=[(m.date, m.description, m.planned_progress) for m in payload.milestones],
    )
    return Status(201, _task_out(task))  # the task just written: its co-units and tags are two small reads


def _leader(username: str) -> Any:
    """The leader account named in a payload (400 when it is not a leader's)."""
    if not username:
        return None
    from shuniu.org.selectors import leaders

    found = leaders().filter(username=username).first()
    if found is None:
        raise ValidationError(_("责任领导须为县领导或办公室主任的账号：%(u)s") % {"u": username[:50]})
    return found


def _unit(code: UUID) -> Unit:
    unit = Unit.objects.filter(code=code, is_active=True).first()
    if unit is None:
        raise HttpError(400, _("没有编码为 %(code)s 的单位。") % {"code": code})
    return unit


@router.post("/tasks/{code}/override", response=TaskOut)
def override(request: HttpRequest, code: str, payload: OverrideIn) -> TaskOut:
    task = _task(request, code)
    services.task_override_light(actor=actor(request), task=task, light=payload.light, reason=payload.reason)
    return _task_out(selectors.task_detail(task))


@router.post("/tasks/{code}/extensions", response={201: ExtensionOut})
def request_extension(request: HttpRequest, code: str, payload: ExtensionIn) -> Status[ExtensionOut]:
    extension = services.extension_request(
        actor=actor(request),
        task=_task(request, code),
        requested_due_date=payload.requested_due_date,
        reason=payload.reason,
    )
    return Status(201, ExtensionOut.from_orm(extension))


@router.post("/extensions/{code}/decide", response=ExtensionOut)
def decide_extension(request: HttpRequest, code: UUID, payload: DecisionIn) -> ExtensionOut:
    user = actor(request)
    extension, _owner = get_child_for_user(task_policy, user, Extension.objects.all(), "task", code=code)
    services.extension_decide(actor=user, extension=extension, approve=payload.approve, comment=payload.comment)
    return ExtensionOut.from_orm(extension)


@router.get("/tasks/{code}/reports", response=list[ReportOut])
def list_reports(request: HttpRequest, code: str) -> list[ProgressReport]:
    return list(_task(request, code).reports.all())


@router.post("/tasks/{code}/reports", response={201: ReportOut})
def submit_report(request: HttpRequest, code: str, payload: ReportIn) -> Status[ProgressReport]:
    report = services.report_submit(
        actor=actor(request),
        task=_task(request, code),
        progress=payload.progress,
        done=payload.done,
        problems=payload.problems,
        next_steps=payload.next_steps,
        period=payload.period,
    )
    return Status(201, report)


@router.post("/reports/{code}/{decision}", response=ReportOut)
def review_report(request: HttpRequest, code: UUID, decision: str, payload: CommentIn) -> ProgressReport:
    """accept or return a progress report."""
    user = actor(request)
    if decision not in {"accept", "return"}:
        raise Http404
    report, _owner = get_child_for_user(task_policy, user, ProgressReport.objects.all(), "task", code=code)
    service = services.report_accept if decision == "accept" else services.report_return
    return service(actor=user, report=report, comment=payload.comment)


def _bulletin_out(b: Bulletin) -> BulletinOut:
    return BulletinOut(month=b.month_key, correction=b.correction, title=b.title, as_of=b.as_of, snapshot=b.snapshot)


@router.get("/bulletins", response=list[BulletinSummaryOut])
def list_bulletins(request: HttpRequest) -> list[dict[str, Any]]:
    """Issued bulletins, newest first, with their totals (not their snapshots: a month's holds every task)."""
    rows = (
        bulletin_policy.visible(actor(request))
        .defer("snapshot")
        .annotate(totals=KeyTransform("totals", "snapshot"))
        .order_by("-month", "-correction")[:120]
    )
    return [
        {"month": b.month_key, "correction": b.correction, "title": b.title, "as_of": b.as_of, "totals": b.totals or {}}
        for b in rows
    ]


@router.post("/bulletins", response={201: BulletinOut})
def issue_bulletin(request: HttpRequest, payload: BulletinIn) -> Status[BulletinOut]:
    try:
        month = parse_month(payload.month)
    except ValueError as exc:
        raise HttpError(400, _("月份格式应为 YYYY-MM，例如 2026-10。")) from exc
    bulletin = bulletins.bulletin_issue(actor=actor(request), month=month, reason=payload.reason)
    return Status(201, _bulletin_out(bulletin))


def _find_bulletin(request: HttpRequest, month: str, correction: int | None) -> Bulletin:
    try:
        first = parse_month(month)
    except ValueError as exc:
        raise Http404 from exc
    qs = bulletin_policy.visible(actor(request)).filter(month=first).order_by("-correction")
    found = (qs.filter(correction=correction) if correction is not None else qs).first()
    if found is None:
        raise Http404
    return found


@router.get("/bulletins/{month}", response=BulletinOut)
def get_bulletin(request: HttpRequest, month: str, correction: int | None = None) -> BulletinOut:
    return _bulletin_out(_find_bulletin(request, month, correction))


@router.get("/bulletins/{month}/{fmt}")
def bulletin_file(request: HttpRequest, month: str, fmt: str, correction: int | None = None) -> HttpResponse:
    """The bulletin as .docx (fmt=docx) or .xlsx (fmt=xlsx)."""
    bulletin = _find_bulletin(request, month, correction)
    if fmt == "docx":
        return HttpResponse(bulletins.bulletin_docx(bulletin), content_type=DOCX_MIME)
    if fmt == "xlsx":
        return HttpResponse(bulletins.bulletin_xlsx(bulletin), content_type=XLSX_MIME)
    raise Http404


# Last: the generic transition route must not shadow /tasks/{code}/reports and friends.
@router.post("/tasks/{code}/{transition}", response=TaskOut)
def transition(request: HttpRequest, code: str, transition: str, payload: ReasonIn | None = None) -> TaskOut:
    """Any declared transition with an API route (shuniu/supervision/transitions.py): assign, accept,
    request-close (`reason` or `done`: the completion report), approve-close, return-close, suspend, cancel,
    resume."""
    declared = TASK_FLOW.by_slug(transition)
    if declared is None or not declared.api:
        raise Http404
    task = _task(request, code)
    TASK_FLOW.perform(declared.name, actor=actor(request), obj=task, data=(payload or ReasonIn()).dict())
    return _task_out(selectors.task_detail(task))
