from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core import holidays, registry
from shuniu.core.forms import ExplainForm, HolidayImportForm, HolidayOverrideForm, HolidayPeriodForm
from shuniu.core.models import ClassificationRefusal, HolidayOverride, ImportJob
from shuniu.core.todos import todos_for
from shuniu.core.workdays import explain, year_covered
from shuniu.org.http import AuthedRequest

# 已办 leaves out what is not work done: signing in and out, reading.
NOT_WORK = ("login", "logout", "login_failed", "mark_read", "view_personal_data", "password_change")


def home(request: AuthedRequest) -> HttpResponse:
    """待办 (to do, by deadline), 待阅 (unread notices), 已办 (what I did in the last 30 days), and the panels of
    the modules for this user's role (the leaders' lights, the operator's desk)."""
    from shuniu.audit.models import AuditRecord
    from shuniu.notifications.models import Notification
    from shuniu.shell.audit_display import readable

    user = request.user
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    done = AuditRecord.objects.filter(actor_id=user.pk, created_at__gte=timezone.now() - dt.timedelta(days=30)).exclude(
        action__in=NOT_WORK
    )
    todos = todos_for(user)
    panels = []
    for panel in registry.home_panels():
        extra = panel.context(user)
        if extra is not None:
            panels.append((panel.template, extra))
    context = {
        "todos": todos,
        "todo_count": sum(t.count for t in todos),
        "unread": unread[:30],
        "done": readable(done[:30]),
        "done_count": done.count(),
        "panels": panels,
        "tab": request.GET.get("tab", "todo"),
    }
    return render(request, "shell/home.html", context)


@login_not_required
def healthz(request: AuthedRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
def favicon(request: AuthedRequest) -> HttpResponse:
    """Browsers ask /favicon.ico for responses that are not pages (JSON, files): send them to the SVG icon."""
    return HttpResponsePermanentRedirect(static("shuniu/favicon.svg"))


@permission_required("core.view_holidayoverride", raise_exception=True)
def holiday_list(request: AuthedRequest) -> HttpResponse:
    form = HolidayOverrideForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not holidays.can_manage(request.user):
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                outcome = holidays.override_set(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, outcome.text)
                return redirect("shell:holidays")
    explain_form = ExplainForm(request.GET or None)
    explanation = explain(**explain_form.cleaned_data) if explain_form.is_valid() else None
    context = {
        "rows": HolidayOverride.objects.all(),
        "form": form,
        "import_form": HolidayImportForm(),
        "period_form": HolidayPeriodForm(),
        "coverage": [(y, year_covered(y)) for y in range(timezone.localdate().year - 1, timezone.localdate().year + 2)],
        "explain_form": explain_form,
        "explanation": explanation,
    }
    return render(request, "shell/holidays.html", context)


@require_POST
@permission_required("core.change_holidayoverride", raise_exception=True)
def holiday_import(request: AuthedRequest) -> HttpResponse:
    form = HolidayImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        _run_holiday_change(
            request, lambda: holidays.overrides_import_file(actor=request.user, name=upload.name, raw=upload.read())
        )
    else:
        messages.error(request, _("请选择文件。"))
    return redirect("shell:holidays")


@require_POST
@permission_required("core.change_holidayoverride", raise_exception=True)
def holiday_period(request: AuthedRequest) -> HttpResponse:
    """One holiday as the State Council notice words it: days off from … to …, make-up workdays on …."""
    form = HolidayPeriodForm(request.POST, user=request.user)
    if form.is_valid():
        _run_holiday_change(request, lambda: holidays.overrides_set_period(actor=request.user, **form.cleaned_data))
    else:
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("shell:holidays")


def _run_holiday_change(request: AuthedRequest, change: Callable[[], holidays.Outcome]) -> None:
    try:
        outcome = change()
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, outcome.text)


@require_POST
@permission_required("core.delete_holidayoverride", raise_exception=True)
def holiday_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = holidays.override_delete(actor=request.user, row=get_object_or_404(HolidayOverride, pk=pk))
    messages.success(request, _("已删除。") + outcome.text)
    return redirect("shell:holidays")


@permission_required("core.view_classificationrefusal", raise_exception=True)
def refusal_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(ClassificationRefusal.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "shell/refusals.html", {"page": page})


def import_job(request: AuthedRequest, code: str) -> HttpResponse:
    """A background import's progress (the page polls the fragment until it is finished), only for who started it."""
    job = get_object_or_404(ImportJob, code=code, created_by=request.user)
    template = "shell/_import_progress.html" if request.headers.get("HX-Request") else "shell/import_job.html"
    return render(request, template, {"job": job})
