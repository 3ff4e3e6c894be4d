"""Pages of 值班: the month's roster (flags and suggested replacements), the generator, publication, the .xlsx
export, and swaps. Thin: shuniu/duty/roster.py decides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shuniu.core.access import has_perm, in_a_unit
from shuniu.core.actions import run_action
from shuniu.core.docx_render import docx_response
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.workdays import day_info, estimate_note, year_covered
from shuniu.duty import roster as service
from shuniu.duty import roster_files as files
from shuniu.duty.models import Duty, DutyConfig, Roster, Swap
from shuniu.duty.roster_files import WEEKDAYS


def _people() -> Any:
    return get_user_model().objects.filter(is_active=True, unit__isnull=False).order_by("unit__sort_order", "id")


class GenerateForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=gettext_lazy("结束日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    leaders = forms.ModelMultipleChoiceField(label=gettext_lazy("带班领导（按顺序轮换）"), queryset=_people())
    officers = forms.ModelMultipleChoiceField(label=gettext_lazy("值班员（按顺序轮换）"), queryset=_people())
    holiday_leaders = forms.ModelMultipleChoiceField(
        label=gettext_lazy("节假日带班领导"), queryset=_people(), required=False
    )
    holiday_officers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("节假日值班员"), queryset=_people(), required=False
    )
    rotation = forms.ChoiceField(label=gettext_lazy("轮换方式"), choices=DutyConfig.Rotation.choices)
    holiday_mode = forms.ChoiceField(label=gettext_lazy("节假日"), choices=DutyConfig.HolidayMode.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.widget.attrs["size"] = 6


def month_asked(request: Any) -> tuple[int, int]:
    """The ?month=YYYY-MM asked for (this month when none); 404 for one that is not a month."""
    text = request.GET.get("month", "")
    try:
        day = dt.date.fromisoformat(text + "-01") if text else timezone.localdate()
    except ValueError as exc:
        raise Http404 from exc
    if not 2000 <= day.year <= 2100:
        raise Http404
    return day.year, day.month


def _rows(year: int, month: int) -> list[dict[str, Any]]:
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    duties = Duty.objects.filter(date__gte=first, date__lte=last).select_related("person", "shift", "suggested")
    by_day: dict[dt.date, list[Duty]] = {}
    for d in duties:
        by_day.setdefault(d.date, []).append(d)
    rows = []
    for i in range(last.day):
        day = first + dt.timedelta(days=i)
        items = by_day.get(day, [])
        rows.append(
            {
                "date": day,
                "weekday": WEEKDAYS[day.weekday()],
                "info": day_info(day),
                "leader": [d for d in items if d.role == Duty.Role.LEADER],
                "officers": [d for d in items if d.role == Duty.Role.OFFICER],
                "flagged": [d for d in items if d.flag],
            }
        )
    return rows


def home(request: Any) -> HttpResponse:
    user = request.user
    if not in_a_unit(user):
        raise PermissionDenied
    year, month = month_asked(request)
    roster = Roster.objects.filter(year=year, month=month).first()
    manage = has_perm(user, service.MANAGE)
    config = DutyConfig.current()
    form = GenerateForm(request.POST or None, initial=_initial(year, month, config)) if manage else None
    if request.method == "POST" and "file" in request.FILES:
        if not manage:
            raise PermissionDenied
        _import(request)
        return redirect(f"{request.path}?month={year}-{month:02d}")
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        plan: list[service.Plan] = []
        if run_action(
            request, form, lambda d: plan.append(service.roster_generate(actor=user, **d)), _("已生成值班表。")
        ):
            for problem in plan[0].refused:
                from django.contrib import messages

                messages.warning(request, problem)
            return redirect(f"{request.path}?month={year}-{month:02d}")
    rows = _rows(year, month)
    if request.GET.get("export") == "xlsx":
        return _xlsx(year, month, rows)
    if request.GET.get("export") == "docx":
        title = _("%(y)s年%(m)s月值班表") % {"y": year, "m": month}
        return docx_response(files.roster_docx(year, month, rows), f"{title}.docx")
    prev = dt.date(year, month, 1) - dt.timedelta(days=1)
    nxt = dt.date(year, month, 28) + dt.timedelta(days=5)
    first = dt.date(year, month, 1)
    swaps = list(
        Swap.objects.filter(
            status=Swap.Status.PENDING, duty__date__gte=first, duty__date__lte=rows[-1]["date"]
        ).select_related("duty__person", "to_person")
    )
    leaders = {d.date: d for r in rows for d in r["leader"]}
    decidable = {s.pk for s in swaps if service.may_decide_swap(user, s, leaders.get(s.duty.date))}
    context = {
        "rows": rows,
        "roster": roster,
        "year": year,
        "month": month,
        "form": form,
        "manage": manage,
        "prev": f"{prev.year}-{prev.month:02d}",
        "next": f"{nxt.year}-{nxt.month:02d}",
        "swaps": swaps,
        "decidable": decidable,
        "people": _people().only("id", "real_name", "username") if _has_own(rows, user) else [],
        "config": config,
        "today": timezone.localdate(),
        "estimate": "" if year_covered(year) else estimate_note([year]),
    }
    return render(request, "duty/home.html", context)


def _import(request: Any) -> None:
    from django.contrib import messages

    report = files.roster_import(actor=request.user, fileobj=request.FILES["file"])
    if report.ok:
        messages.success(request, _("已导入值班表：%(n)s 项值班安排。") % {"n": report.created})
    for e in report.errors[:20]:
        messages.error(request, _("第%(r)s行 %(c)s：%(p)s") % {"r": e.row, "c": e.column, "p": e.problem})
    if len(report.errors) > 20:
        messages.error(request, _("另有 %(n)s 处错误未列出。") % {"n": len(report.errors) - 20})


def _has_own(rows: list[dict[str, Any]], user: Any) -> bool:
    return any(d.person_id == user.pk for r in rows for d in (*r["leader"], *r["officers"]))


@require_POST
def swap_request(request: Any, pk: int) -> HttpResponse:
    """换班申请 by the person on duty (or a manager): to whom and why; the day's 带班领导 decides."""
    duty = get_object_or_404(Duty, pk=pk)
    if duty.person_id != request.user.pk and not has_perm(request.user, service.MANAGE):
        raise PermissionDenied
    to = get_user_model().objects.filter(pk=request.POST.get("to_person") or 0, is_active=True).first()
    run_action(
        request,
        None,
        lambda _d: service.swap_request(
            actor=request.user, duty=duty, to_person=_required(to), reason=request.POST.get("reason", "")
        ),
        _("已提交换班申请，待当日带班领导审批。"),
    )
    return redirect(f"/duty/?month={duty.date.year}-{duty.date.month:02d}")


def _required(person: Any) -> Any:
    if person is None:
        raise ValidationError(_("请选择接班人。"), code="to_person")
    return person


def _initial(year: int, month: int, config: DutyConfig) -> dict[str, Any]:
    first = dt.date(year, month, 1)
    return {
        "start": first,
        "end": (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1),
        "rotation": config.rotation,
        "holiday_mode": config.holiday_mode,
    }


def _xlsx(year: int, month: int, rows: list[dict[str, Any]]) -> HttpResponse:
    title = _("%(y)s年%(m)s月值班表") % {"y": year, "m": month}
    return xlsx_response(
        xlsx_bytes([str(h) for h in files.HEADERS], files.table_rows(rows), title=title), f"{title}.xlsx"
    )


@require_POST
def publish(request: Any, code: str) -> HttpResponse:
    roster = get_object_or_404(Roster, code=code)
    if not has_perm(request.user, service.MANAGE):
        raise PermissionDenied
    run_action(request, None, lambda _d: service.roster_publish(actor=request.user, roster=roster), _("值班表已发布。"))
    return redirect(f"/duty/?month={roster.year}-{roster.month:02d}")


@require_POST
def accept(request: Any, pk: int) -> HttpResponse:
    """Accept the suggested replacement of a flagged duty."""
    if not has_perm(request.user, service.MANAGE):
        raise PermissionDenied
    duty = get_object_or_404(Duty.objects.select_related("suggested"), pk=pk)
    if duty.suggested is None:
        raise Http404
    run_action(
        request,
        None,
        lambda _d: service.duty_replace(actor=request.user, duty=duty, person=duty.suggested, reason=duty.flag),
        _("已调整：%(p)s 接替值班。") % {"p": duty.suggested},
    )
    return redirect(f"/duty/?month={duty.date.year}-{duty.date.month:02d}")


@require_POST
def swap_decide(request: Any, pk: int, decision: str) -> HttpResponse:
    swap = get_object_or_404(Swap.objects.select_related("duty"), pk=pk)
    if decision not in ("approve", "refuse"):
        raise Http404
    run_action(
        request,
        None,
        lambda _d: service.swap_decide(actor=request.user, swap=swap, approve=decision == "approve"),
        _("已处理换班申请。"),
    )
    return redirect(f"/duty/?month={swap.duty.date.year}-{swap.duty.date.month:02d}")
