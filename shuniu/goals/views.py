"""The 年度目标 page: the year's goals by unit as a tree with their progress, the three stages (frozen snapshots shown
as they were), the office's forms, the unit's report form, .xlsx export."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core.access import unit_ids
from shuniu.core.actions import run_action
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.listing import searched
from shuniu.core.periods import year_asked
from shuniu.goals import services
from shuniu.goals.models import Goal, Snapshot, Stage
from shuniu.goals.policies import goal_policy
from shuniu.org.models import Unit

HEADERS = [
    _("编号"),
    _("责任单位"),
    _("上级目标"),
    _("目标"),
    _("衡量标准"),
    _("进度（%）"),
    _("进展情况"),
    _("完成情况"),
    _("成果"),
]


def home(request: Any) -> HttpResponse:
    user = request.user
    if not goal_policy.can(user, "view"):
        raise PermissionDenied
    year = year_asked(request)
    if request.method == "POST":
        post = request.POST
        if post.get("what") == "freeze":
            stage = post.get("stage", "")
            run_action(request, None, lambda _d: services.stage_freeze(actor=user, year=year, stage=stage),
                       _("已冻结阶段快照。"))  # fmt: skip
        else:
            unit = Unit.objects.filter(pk=post.get("unit") or 0).first()
            parent = Goal.objects.filter(pk=post.get("parent") or 0).first()
            run_action(request, None, lambda _d: services.goal_create(
                actor=user, year=year, unit=unit, title=post.get("title", ""), measure=post.get("measure", ""),
                parent=parent), _("已添加目标。"))  # fmt: skip
        return redirect(f"{request.path}?year={year}")
    snapshots = {s.stage: s for s in Snapshot.objects.filter(year=year).select_related("frozen_by")}
    stage = request.GET.get("stage", "")
    snapshot = snapshots.get(stage)
    goals = list(
        searched(goal_policy.visible(user).filter(year=year), request, ["code", "title", "unit__name"]).select_related(
            "unit", "parent"
        )
    )
    if request.GET.get("export") == "xlsx":
        rows = snapshot.rows if snapshot else [_row(g) for g in goals]
        label = dict(Goal.Result.choices)
        data = [[r["code"], r["unit"], r["parent"], r["title"], r["measure"], r["progress"], r["progress_note"],
                 str(label.get(r["result"], r["result"])), r["result_note"]] for r in rows]  # fmt: skip
        title = _("%(y)s年度目标") % {"y": year} + (f"（{snapshot.get_stage_display()}）" if snapshot else "")
        return xlsx_response(xlsx_bytes([str(h) for h in HEADERS], data, title=title), f"{title}.xlsx")
    mine = unit_ids(user)
    context = {
        "year": year,
        "units": _tree(goals),
        "snapshots": [(s, snapshots.get(s.value)) for s in Stage],
        "snapshot": snapshot,
        "manage": goal_policy.can(user, "create"),
        "reportable": {g.pk for g in goals if goal_policy.can(user, "report", g)} if mine else set(),
        "all_units": Unit.objects.filter(is_active=True).order_by("sort_order", "id").only("id", "name")
        if goal_policy.can(user, "create")
        else [],
        "goals": goals,
        "results": Goal.Result.choices,
    }
    return render(request, "goals/home.html", context)


def _row(g: Goal) -> dict[str, Any]:
    return {f: getattr(g, f) for f in services.FROZEN_FIELDS} | {
        "unit": g.unit.name,
        "parent": g.parent.code if g.parent else "",
    }


def _tree(goals: list[Goal]) -> list[dict[str, Any]]:
    """Units in order, each with its top goals and their sub-goals (depth-first), and its mean progress."""
    children: dict[int | None, list[Goal]] = defaultdict(list)
    for g in goals:
        children[g.parent_id if g.parent_id in {x.pk for x in goals} else None].append(g)
    by_unit: dict[int, dict[str, Any]] = {}
    for top in children[None]:
        entry = by_unit.setdefault(top.unit_id, {"unit": top.unit, "rows": []})
        stack = [(top, 0)]
        while stack:
            goal, depth = stack.pop()
            entry["rows"].append((goal, depth))
            stack.extend((c, depth + 1) for c in reversed(children.get(goal.pk, [])))
    for entry in by_unit.values():
        rows = [g for g, _d in entry["rows"]]
        entry["progress"] = round(sum(g.progress for g in rows) / len(rows)) if rows else 0
    return sorted(by_unit.values(), key=lambda e: (e["unit"].sort_order, e["unit"].pk))


@require_POST
def report(request: Any, code: str) -> HttpResponse:
    goal = get_object_or_404(goal_policy.visible(request.user), code=code)
    post = request.POST
    progress = int(post["progress"]) if post.get("progress", "").isdigit() else -1
    run_action(
        request,
        None,
        lambda _d: services.goal_report(actor=request.user, goal=goal, progress=progress, note=post.get("note", ""),
                                        result=post.get("result", ""), result_note=post.get("result_note", "")),
        _("已填报 %(c)s。") % {"c": goal.code},
    )  # fmt: skip
    return redirect(goal)
