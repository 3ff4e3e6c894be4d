from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core import registry, versions
from shuniu.core.access import authorize, get_child_for_user, get_for_user
from shuniu.core.actions import extension_decide_view, run_action, transition_view
from shuniu.core.docx_render import DOCX_MIME
from shuniu.core.excel import ImportReport, xlsx_bytes, xlsx_response
from shuniu.core.imports import import_file
from shuniu.core.listing import Column, ListSpec, query_without, sorted_by
from shuniu.core.models import ImportJob
from shuniu.core.periods import month_start, parse_month
from shuniu.org.http import AuthedRequest
from shuniu.org.models import Unit
from shuniu.supervision import bulletins, excel, instructions, selectors, services
from shuniu.supervision.forms import (
    BulletinIssueForm,
    CloseRequestForm,
    CommendationForm,
    CommentForm,
    ConfigForm,
    ExtensionForm,
    InstructionForm,
    InstructionTaskForm,
    OverrideForm,
    ReportForm,
    ResearchForm,
    TaskFilterForm,
)
from shuniu.supervision.lights import light_of
from shuniu.supervision.models import (
    Bulletin,
    Light,
    ProgressReport,
    Source,
    SupervisionConfig,
    Task,
)
from shuniu.supervision.periods import report_window
from shuniu.supervision.policies import bulletin_policy, instruction_policy, is_manager, score_policy, task_policy
from shuniu.supervision.rules import config_update
from shuniu.supervision.transitions import TASK_FLOW

PAGE_SIZE = 50


def _filters(request: AuthedRequest) -> tuple[TaskFilterForm, selectors.TaskFilters]:
    form = TaskFilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    filters = selectors.TaskFilters(
        light=data.get("light") or "",
        status=data.get("status") or "",
        source=data.get("source") or "",
        unit=data.get("unit") or "",
        area=data.get("area") or "",
        due_before=data.get("due_before"),
        due_after=data.get("due_after"),
        q=data.get("q") or "",
        leader=data.get("leader") or "",
    )
    return form, filters


TASK_SORTS = {
    "code": "code",
    "due": "due_date",
    "unit": "lead_unit__name",
    "progress": "progress",
    "light": "light",
    "status": "status",
}


def task_list(request: AuthedRequest) -> HttpResponse:
    form, filters = _filters(request)
    tasks = selectors.task_list_visible(request.user, filters)
    if request.GET.get("reports") == "pending":
        tasks = tasks.filter(reports__status=ProgressReport.Status.SUBMITTED).distinct()
    tasks, sort = sorted_by(tasks, request, TASK_SORTS, "due")
    if request.GET.get("export") == "xlsx":
        return xlsx_response(excel.tasks_export(tasks), "督办事项.xlsx")
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    unit = Unit.objects.filter(code=filters.unit).first() if filters.unit and selectors.is_uuid(filters.unit) else None
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "unit": unit,
        "counts": selectors.light_counts(tasks),
        "sort": sort,
        "can_manage": is_manager(request.user),
    }
    return render(request, "supervision/task_list.html", context)


def _as_of(request: AuthedRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def task_detail(request: AuthedRequest, code: str) -> HttpResponse:
    task = get_for_user(task_policy, request.user, queryset=selectors.task_detail_queryset(), code=code)
    as_of = _as_of(request)
    user = request.user
    transitions = [TASK_FLOW.get(name) for name in task_policy.allowed_actions(user, task)]
    context = {
        "task": task,
        "result": light_of(task, as_of),
        "as_of": as_of,
        "allowed": {t.name for t in transitions},
        "simple_transitions": [t for t in transitions if not t.form and not t.page],
        "can_review": task_policy.can(user, "review", task),
        "can_decide_extension": task_policy.can(user, "decide_extension", task),
        "sign_overdue": selectors.sign_overdue(task, as_of),
        "window": report_window(month_start(as_of), SupervisionConfig.current().window_start_day),
        "report_form": ReportForm(),
        "close_form": CloseRequestForm(),
        "extension_form": ExtensionForm(),
        "override_form": OverrideForm(),
        "research_form": ResearchForm(initial={"adopted_suggestions": task.adopted_suggestions}),
        "backlinks": (registry.backlinks("supervision.instruction", task.instruction_id) if task.instruction_id else [])
        + registry.backlinks("supervision.task", task),
    }
    return render(request, "supervision/task_detail.html", context)


task_action = transition_view(task_policy, TASK_FLOW)


def _do(request: AuthedRequest, form_class: Any, call: Callable[[dict[str, Any]], Any], success: str = "") -> None:
    form = form_class(request.POST, request.FILES, user=request.user) if form_class else None
    run_action(request, form, call, success)


@require_POST
def report_review(request: AuthedRequest, code: str, decision: str) -> HttpResponse:
    if decision not in {"accept", "return"}:
        raise Http404
    report, task = get_child_for_user(task_policy, request.user, ProgressReport.objects.all(), "task", code=code)
    service = services.report_accept if decision == "accept" else services.report_return
    done = _("已采纳 %(c)s 的进展报告") if decision == "accept" else _("已退回 %(c)s 的进展报告")
    _do(
        request,
        CommentForm,
        lambda d: service(actor=request.user, report=report, comment=d["comment"]),
        done % {"c": task.code},
    )
    return redirect(task)


extension_decide = extension_decide_view(services.EXTENSIONS)


def task_notice(request: AuthedRequest, code: str) -> HttpResponse:
    task = get_for_user(task_policy, request.user, code=code)
    if not task.assignment_notice:
        raise Http404
    response = HttpResponse(task.assignment_notice.read(), content_type=DOCX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{task.code}.docx"
    return response


def task_import(request: AuthedRequest) -> HttpResponse:
    authorize(task_policy, request.user, "import")
    if request.GET.get("template"):
        return xlsx_response(excel.template_xlsx(), "督办事项导入模板.xlsx")
    from shuniu.org.forms import ImportForm

    form = ImportForm(request.POST or None, request.FILES or None)
    report: ImportReport | None = None
    if request.method == "POST" and form.is_valid():
        result = import_file(actor=request.user, kind="tasks", upload=form.cleaned_data["file"])
        if isinstance(result, ImportJob):  # a large file: checked and imported in the background
            return redirect("shell:import-job", code=result.code)
        report = result
        if report.ok:
            messages.success(request, _("导入成功：新增%(n)s项督办事项。") % {"n": report.created})
            return redirect("supervision:task-list")
    context = {"form": form, "report": report, "kind": _("督办事项"), "columns": excel.COLUMNS}
    return render(request, "org/import.html", context)


def bulletin_list(request: AuthedRequest) -> HttpResponse:
    form = BulletinIssueForm(
        request.POST or None, initial={"month": f"{timezone.localdate():%Y-%m}"}, user=request.user
    )
    if request.method == "POST":
        authorize(bulletin_policy, request.user, "issue")
        if form.is_valid():
            try:
                bulletin = bulletins.bulletin_issue(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已印发：%(t)s") % {"t": bulletin.title})
                url = reverse("supervision:bulletin-detail", args=[bulletin.month_key])
                return redirect(f"{url}?correction={bulletin.correction}")
    rows = bulletin_policy.visible(request.user).only(
        "month", "correction", "issue_year", "issue_number", "issued_at", "as_of"
    )
    context = {"bulletins": rows, "form": form, "can_issue": bulletin_policy.can(request.user, "issue")}
    return render(request, "supervision/bulletin_list.html", context)


def _bulletin(request: AuthedRequest, month: str) -> Bulletin:
    try:
        first = parse_month(month)
    except ValueError as exc:
        raise Http404 from exc
    qs = bulletin_policy.visible(request.user).filter(month=first).order_by("-correction")
    correction = request.GET.get("correction", "")
    if correction.isdigit():
        qs = qs.filter(correction=int(correction))
    found = qs.first()
    if found is None:
        raise Http404
    return found


def bulletin_detail(request: AuthedRequest, month: str) -> HttpResponse:
    bulletin = _bulletin(request, month)
    corrections = Bulletin.objects.filter(month=bulletin.month).values_list("correction", flat=True)
    return render(
        request,
        "supervision/bulletin_detail.html",
        {"b": bulletin, "s": bulletin.snapshot, "corrections": list(corrections)},
    )


def bulletin_file(request: AuthedRequest, month: str, fmt: str) -> HttpResponse:
    bulletin = _bulletin(request, month)
    name = f"督查通报{bulletin.issue_year}年第{bulletin.issue_number}期"
    if fmt == "docx":
        response = HttpResponse(bulletins.bulletin_docx(bulletin), content_type=DOCX_MIME)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_q(name)}.docx"
        return response
    if fmt == "xlsx":
        return xlsx_response(bulletins.bulletin_xlsx(bulletin), f"{name}.xlsx")
    raise Http404


def _q(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def scores(request: AuthedRequest) -> HttpResponse:
    authorize(score_policy, request.user, "view")
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else timezone.localdate().year
    months, rows, additions = selectors.scores_for_year(year)
    counted = [str(a.label) for a in additions if a.values is not None]
    if request.GET.get("export") == "xlsx":
        data = (
            [r["unit"], *[float(v) if v is not None else None for v in r["values"]], r["average"], *r["additions"]]
            + ([r["total"]] if counted else [])
            for r in rows
        )
        header = ["单位", *months, "年度平均", *counted] + (["合计"] if counted else [])
        return xlsx_response(xlsx_bytes(header, data, title=f"{year}年督查考核"), f"{year}年督查考核得分.xlsx")
    form = CommendationForm(request.POST or None, user=request.user)
    if request.method == "POST":
        authorize(score_policy, request.user, "commend")
        if run_action(request, form, lambda d: services.commendation_add(actor=request.user, **d)):
            return redirect(f"{reverse('supervision:scores')}?year={year}")
    context = {
        "year": year,
        "months": months,
        "rows": rows,
        "counted": counted,
        "kept_out": [a for a in additions if a.values is None],
        "form": form,
        "can_manage": is_manager(request.user),
    }
    return render(request, "supervision/scores.html", context)


INSTRUCTIONS = ListSpec(
    search=("document_title", "doc_number", "leader_name", "text"),
    sorts={"date": "instructed_on", "leader": "leader_name", "urgency": "urgency"},
    default="-date",
    columns=[
        Column(gettext_lazy("批示日期"), "instructed_on"),
        Column(gettext_lazy("来文"), "document_title"),
        Column(gettext_lazy("文号"), "doc_number"),
        Column(gettext_lazy("批示领导"), "leader_name"),
        Column(gettext_lazy("批示内容"), "text"),
        Column(gettext_lazy("缓急"), "urgency"),
        Column(gettext_lazy("立项事项数"), "task_count"),
    ],
    filename="领导批示",
)


def instruction_list(request: AuthedRequest) -> HttpResponse:
    authorize(instruction_policy, request.user, "view")
    form = InstructionForm(request.POST or None, user=request.user)
    if request.method == "POST":
        authorize(instruction_policy, request.user, "register")
        if form.is_valid():
            instruction = instructions.instruction_register(actor=request.user, **form.cleaned_data)
            messages.success(request, _("批示件已登记。"))
            return redirect(instruction)
    rows, sort, file = INSTRUCTIONS.apply(
        request, instruction_policy.visible(request.user).annotate(task_count=Count("tasks"))
    )
    if file is not None:
        return file
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "can_manage": is_manager(request.user),
        "sort": sort,
        "query": query_without(request, "page"),
    }
    return render(request, "supervision/instruction_list.html", context)


def instruction_detail(request: AuthedRequest, code: str) -> HttpResponse:
    instruction = get_for_user(instruction_policy, request.user, code=code)
    form = InstructionTaskForm(request.POST or None, user=request.user)
    if request.method == "POST":
        authorize(instruction_policy, request.user, "create_task", instruction)
        if form.is_valid():
            try:
                task = instructions.instruction_create_task(
                    actor=request.user, instruction=instruction, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已立项：%(c)s") % {"c": task.code})
                return redirect(task)
    context = {
        "instruction": instruction,
        "tasks": instruction.tasks.select_related("lead_unit"),
        "form": form,
        "limit": instructions.time_limit(instruction.urgency),
        "can_manage": is_manager(request.user),
        "backlinks": registry.backlinks("supervision.instruction", instruction.pk),
    }
    return render(request, "supervision/instruction_detail.html", context)


SPECIAL_LISTS = {"reform": Source.REFORM, "research": Source.RESEARCH, "people": Source.PEOPLE}


def special_list(request: AuthedRequest, kind: str) -> HttpResponse:
    if kind not in SPECIAL_LISTS:
        raise Http404
    tasks = selectors.task_list_visible(request.user, selectors.TaskFilters(source=SPECIAL_LISTS[kind]))
    total = tasks.count()
    closed = tasks.filter(status=Task.Status.CLOSED).count()
    open_by_unit = (
        tasks.exclude(status__in=[Task.Status.CLOSED, Task.Status.CANCELLED])
        .order_by()
        .values("lead_unit__name", "lead_unit__code")
        .annotate(n=Count("id"), red=Count("id", filter=Q(light=Light.RED)))
        .order_by("-n")
    )
    context = {
        "kind": kind,
        "title": Source(SPECIAL_LISTS[kind]).label,
        "total": total,
        "closed": closed,
        "remaining": total - closed,
        "open_by_unit": open_by_unit,
        "counts": selectors.light_counts(tasks),
        "tasks": tasks.exclude(status=Task.Status.CLOSED)[:200],
        "source": SPECIAL_LISTS[kind],
        "with_report": tasks.exclude(research_report="").count(),
        "with_suggestions": tasks.exclude(adopted_suggestions="").count(),
    }
    return render(request, "supervision/special_list.html", context)


def dashboard(request: AuthedRequest) -> HttpResponse:
    # The leaders' page aggregates every visible task: computed once per user, day and generation of the
    # supervision and organisation data (shuniu.core.versions), then served from the cache.
    body = versions.cached(
        ("supervision", "org"),
        ("dashboard", request.user.pk, timezone.localdate(), get_language()),
        lambda: json.dumps(_dashboard_context(request.user), cls=DjangoJSONEncoder).encode(),
    )
    return render(request, "supervision/dashboard.html", json.loads(body))


def _dashboard_context(user: Any) -> dict[str, Any]:
    tasks = task_policy.visible(user).exclude(status=Task.Status.CANCELLED)
    trend = [
        {"month": b.month_key, **{k: b.snapshot["totals"].get(k, 0) for k in ("blue", "green", "yellow", "red")}}
        for b in bulletin_policy.visible(user).order_by("month", "-correction").distinct()
    ]
    by_month: dict[str, dict[str, Any]] = {}
    for row in trend:
        by_month.setdefault(row["month"], row)
    data = {
        "units": [{**r, "code": str(r["code"])} for r in _by_unit(tasks)][:20],
        "sources": [{**r, "label": str(Source(r["key"]).label)} for r in selectors.counts_by(tasks, "source")],
        "areas": selectors.counts_by(tasks, "area_tags__name")[:15],
        "trend": list(by_month.values()),
        "list_url": reverse("supervision:task-list"),
    }
    return {"data": data, "counts": selectors.light_counts(tasks)}


def _by_unit(tasks: Any) -> list[dict[str, Any]]:
    rows = selectors.counts_by(tasks, "lead_unit_id")
    units = {
        pk: (name, code)
        for pk, name, code in Unit.objects.filter(pk__in=[r["key"] for r in rows]).values_list("pk", "name", "code")
    }
    return [{**r, "label": units[r["key"]][0], "code": units[r["key"]][1]} for r in rows]


def rules(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("supervision.change_supervisionconfig"):
        raise PermissionDenied
    config = SupervisionConfig.current()
    form = ConfigForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        config_update(actor=request.user, config=SupervisionConfig.current(), data=form.cleaned_data)
        messages.success(request, _("规则已保存，次日起亮灯按新规则计算（也可立即刷新）。"))
        return redirect("supervision:rules")
    return render(request, "supervision/form.html", {"form": form, "title": _("督查规则（亮灯、时限、计分）")})
