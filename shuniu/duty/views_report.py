"""The 值班信息日报 page: the holiday's report compiled from the log, edited, 报送, downloaded as .docx."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import has_perm
from shuniu.core.actions import run_action
from shuniu.core.docx_render import docx_response
from shuniu.core.workdays import holiday_name
from shuniu.duty import report as service
from shuniu.duty.log import KEEP
from shuniu.duty.models import DailyReport


def _day(request: Any) -> dt.date:
    text = request.GET.get("date", "")
    try:
        day = dt.date.fromisoformat(text) if text else timezone.localdate()
    except ValueError as exc:
        raise Http404 from exc
    if not 2000 <= day.year <= 2100:
        raise Http404
    return day


def page(request: Any) -> HttpResponse:
    user = request.user
    if not has_perm(user, KEEP):
        raise PermissionDenied
    day = _day(request)
    report = DailyReport.objects.filter(date=day).select_related("sent_by").first()
    if request.GET.get("export") == "docx":
        if report is None:
            raise Http404
        return docx_response(service.report_docx(report), f"{report.holiday}值班信息日报{day:%Y%m%d}.docx")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "compile":
            run_action(
                request, None, lambda _d: service.report_compile(actor=user, day=day), _("已根据值班日志编制日报。")
            )
        elif action == "send" and report is not None:
            content = request.POST.get("content", "")
            run_action(
                request,
                None,
                lambda _d: service.report_send(actor=user, report=report, content=content),
                _("日报已报送。"),
            )
        else:
            raise Http404
        return redirect(f"{request.path}?date={day}")
    context = {
        "day": day,
        "holiday": holiday_name(day),
        "report": report,
        "due": service.due_at(day),
        "recent": DailyReport.objects.select_related("sent_by")[:20],
    }
    return render(request, "duty/report.html", context)
