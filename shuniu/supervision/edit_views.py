"""The task form pages (立项 and 修改, milestones as rows, unit and person pickers) and bulk 交办."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core.access import authorize, get_for_user
from shuniu.org.http import AuthedRequest
from shuniu.supervision import editing, excel, selectors, services
from shuniu.supervision.forms import BaseMilestoneFormSet, MilestoneFormSet, TaskForm
from shuniu.supervision.models import Task
from shuniu.supervision.policies import task_policy


def _initial(task: Task) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = {
        "title": task.title,
        "source": task.source,
        "source_ref": task.source_ref,
        "lead_unit": task.lead_unit_id,
        "co_units": [u.pk for u in task.co_units.all()],
        "leader": task.leader_id,
        "start_date": task.start_date,
        "due_date": task.due_date,
        "report_cycle": task.report_cycle,
        "area_tags": "、".join(t.name for t in task.area_tags.all()),
        "requirements": task.requirements,
    }
    rows = [
        {"date": m.date, "description": m.description, "planned_progress": m.planned_progress}
        for m in task.milestones.order_by("date")
    ]
    return data, rows


def _form_page(request: AuthedRequest, task: Task | None) -> HttpResponse:
    data, rows = _initial(task) if task is not None else ({}, [])
    post = request.POST if request.method == "POST" else None
    form = TaskForm(post, initial=data, user=request.user)
    formset = cast(BaseMilestoneFormSet, MilestoneFormSet(post, initial=rows, prefix="ms"))
    if post is not None and form.is_valid() and formset.is_valid():
        values = dict(form.cleaned_data)
        values["area_tags"] = excel.split_list(values["area_tags"])
        values["milestones"] = formset.rows()
        try:
            if task is None:
                saved = services.task_register(actor=request.user, **values)
                messages.success(request, _("已立项 %(c)s") % {"c": saved.code})
            else:
                saved = editing.task_update(actor=request.user, task=task, reason=post.get("reason", ""), **values)
                messages.success(request, _("已修改 %(c)s") % {"c": saved.code})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(saved)
    title = _("督办事项立项") if task is None else _("修改督办事项 %(c)s") % {"c": task.code}
    context = {"form": form, "formset": formset, "title": title, "task": task}
    return render(request, "supervision/task_form.html", context)


def task_create(request: AuthedRequest) -> HttpResponse:
    authorize(task_policy, request.user, "register")
    return _form_page(request, None)


def task_edit(request: AuthedRequest, code: str) -> HttpResponse:
    task = get_for_user(task_policy, request.user, "edit", queryset=selectors.task_detail_queryset(), code=code)
    return _form_page(request, task)


@require_POST
def tasks_bulk_assign(request: AuthedRequest) -> HttpResponse:
    """批量交办 the tasks ticked on the list (each visible to the user and still 已立项)."""
    authorize(task_policy, request.user, "assign")
    codes = [c for c in request.POST.getlist("codes") if c][:200]
    tasks = list(task_policy.visible(request.user).filter(code__in=codes, status=Task.Status.REGISTERED))
    if not tasks:
        messages.error(request, _("请勾选要交办的已立项事项。"))
        return redirect("supervision:task-list")
    done, refused = editing.tasks_assign_bulk(actor=request.user, tasks=tasks)
    if done:
        messages.success(request, _("已交办%(n)s项：%(codes)s") % {"n": len(done), "codes": "、".join(done)})
    for line in refused:
        messages.error(request, line)
    return redirect("supervision:task-list")
