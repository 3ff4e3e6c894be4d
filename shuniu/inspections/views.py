"""Pages of 保密检查: the year's plan with its coverage, a visit's checklist and findings, the re-check. Thin: the
services decide."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import has_any_perm, has_perm
from shuniu.core.actions import run_action
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.forms import posted_date
from shuniu.core.listing import searched
from shuniu.core.periods import year_asked
from shuniu.inspections import services
from shuniu.inspections.models import ChecklistItem, Finding, Plan, Visit


def _require_view(user: Any) -> None:
    if not has_any_perm(user, services.MANAGE, services.VIEW):
        raise PermissionDenied


def plan_page(request: Any) -> HttpResponse:
    user = request.user
    _require_view(user)
    year = year_asked(request)
    manage = has_perm(user, services.MANAGE)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        run_action(request, None, lambda _d: services.plan_create(actor=user, year=year), _("已制定检查计划。"))
        return redirect(f"{request.path}?year={year}")
    plan = Plan.objects.filter(year=year).first()
    base = plan.visits.select_related("unit", "inspector").annotate(n=Count("findings")) if plan else None
    visits = list(searched(base, request, ["code", "unit__name"]).order_by("month", "id")) if base is not None else []
    cover = services.coverage(plan) if plan else None
    if plan and request.GET.get("export") == "xlsx":
        headers = [_("编号"), _("被检查单位"), _("计划月份"), _("检查人"), _("状态"), _("检查日期"), _("发现问题")]
        rows = [
            [v.code, v.unit.name, v.month, str(v.inspector or ""), v.get_status_display(), v.inspected_on, v.n]
            for v in visits
        ]
        return xlsx_response(xlsx_bytes(headers, rows, title=plan.title), f"{plan.title}.xlsx")
    context = {"year": year, "plan": plan, "visits": visits, "cover": cover, "manage": manage}
    return render(request, "inspections/plan.html", context)


def visit_page(request: Any, code: str) -> HttpResponse:
    user = request.user
    _require_view(user)
    visit = get_object_or_404(Visit.objects.select_related("plan", "unit", "inspector"), code=code)
    manage = has_perm(user, services.MANAGE)
    items = services.checklist()
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        post = request.POST
        if post.get("what") == "finding":
            item = ChecklistItem.objects.filter(pk=post.get("item") or 0).first()
            deadline = post.get("deadline", "")
            run_action(
                request,
                None,
                lambda _d: services.finding_raise(
                    actor=user,
                    visit=visit,
                    description=post.get("description", ""),
                    deadline=posted_date(deadline),
                    item=item,
                ),
                _("已记录问题并转督查督办限期整改。"),
            )
        else:
            results = {i.pk: (post.get(f"item-{i.pk}") != "fail", post.get(f"note-{i.pk}", "")) for i in items}
            day = post.get("inspected_on", "")
            run_action(
                request,
                None,
                lambda _d: services.visit_record(
                    actor=user,
                    visit=visit,
                    results=results,
                    inspected_on=posted_date(day),
                    summary=post.get("summary", ""),
                ),
                _("已记录检查结果。"),
            )
        return redirect(visit)
    from shuniu.supervision.selectors import tasks_by_code

    findings = list(visit.findings.select_related("item", "rechecked_by"))
    context = {
        "visit": visit,
        "items": items,
        "examined": {e.item_id: e for e in visit.examined.all()},
        "findings": findings,
        "tasks": tasks_by_code([f.task_code for f in findings]),
        "manage": manage,
        "today": timezone.localdate(),
    }
    return render(request, "inspections/visit.html", context)


def recheck(request: Any, code: str) -> HttpResponse:
    if request.method != "POST":
        raise Http404
    finding = get_object_or_404(Finding.objects.select_related("visit"), code=code)
    post = request.POST
    run_action(
        request,
        None,
        lambda _d: services.finding_recheck(
            actor=request.user, finding=finding, passed=post.get("passed") == "1", note=post.get("note", "")
        ),
        _("已记录复查意见。"),
    )
    return redirect(finding.visit)
