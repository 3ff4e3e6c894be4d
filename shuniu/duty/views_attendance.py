"""The 考勤 page: everyone's own 签到/签退 button and month; the personnel clerk's statistics, import and export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import has_perm, in_a_unit
from shuniu.core.excel import xlsx_response
from shuniu.duty import attendance
from shuniu.duty.models import Punch
from shuniu.duty.views import month_asked


def page(request: Any) -> HttpResponse:
    user = request.user
    if not in_a_unit(user):
        raise PermissionDenied
    year, month = month_asked(request)
    manager = has_perm(user, attendance.VIEW)
    if request.method == "POST":
        if "file" in request.FILES:
            if not manager:
                raise PermissionDenied
            report = attendance.clock_import(actor=user, fileobj=request.FILES["file"])
            if report.ok:
                messages.success(request, _("已导入 %(n)s 条打卡记录。") % {"n": report.created})
            for e in report.errors[:20]:
                messages.error(request, _("第%(r)s行 %(c)s：%(p)s") % {"r": e.row, "c": e.column, "p": e.problem})
        else:
            row = attendance.punch(actor=user)
            messages.success(request, _("已签退。") if row.check_out else _("已签到。"))
        return redirect(f"{request.path}?month={year}-{month:02d}")
    rows = attendance.month_stats(year, month) if manager else []
    if manager and request.GET.get("export") == "xlsx":
        return xlsx_response(attendance.stats_xlsx(year, month, rows), f"{year}年{month}月考勤统计.xlsx")
    mine = attendance.month_stats(year, month, people=get_user_model().objects.filter(pk=user.pk))
    context = {
        "year": year,
        "month": month,
        "rows": rows,
        "sections": attendance.sections(rows),
        "mine": mine[0] if mine else None,
        "today": Punch.objects.filter(person=user, date=timezone.localdate()).first(),
        "manager": manager,
    }
    return render(request, "duty/attendance.html", context)
