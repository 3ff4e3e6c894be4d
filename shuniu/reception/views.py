"""Pages of 公务接待: the list (search, year, .xlsx), the 公函 and 审批单 form, a reception with its 接待清单, checks
and differences, the reimbursement pack, the year's statistics. Thin: services and rules decide."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shuniu.core.access import authorize, get_for_user, has_any_perm
from shuniu.core.actions import run_action, transition_view
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.listing import Column, export_xlsx, searched, wants_export
from shuniu.core.pagination import CappedPaginator
from shuniu.core.periods import year_asked
from shuniu.reception import pack as packs
from shuniu.reception import rules, services
from shuniu.reception.forms import ApplyForm, GuestForm, ItemForm
from shuniu.reception.models import Item, Reception
from shuniu.reception.policies import APPROVE, MANAGE, VIEW_ALL, reception_policy
from shuniu.reception.transitions import RECEPTION_FLOW

reception_transition = transition_view(reception_policy, RECEPTION_FLOW)
LETTER_FIELDS = ("sending_unit", "doc_number", "guests", "guest_count", "start_date", "end_date", "activities", "file")
COLUMNS = [
    Column(_("编号"), "code"),
    Column(_("来函单位"), "letter.sending_unit"),
    Column(_("接待事由"), "purpose"),
    Column(_("接待单位"), "host_unit.name"),
    Column(_("来访日期"), "letter.start_date"),
    Column(_("接待对象人数"), "planned_guests"),
    Column(_("费用（元）"), lambda r: r.cost or 0),
    Column(_("状态"), lambda r: r.get_status_display()),
    Column(_("违规提示"), lambda r: "；".join(b["text"] for b in r.breaches)),
]


def _refuse_outsiders(user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    if not has_any_perm(user, MANAGE, APPROVE, VIEW_ALL):
        raise PermissionDenied


def reception_list(request: Any) -> HttpResponse:
    _refuse_outsiders(request.user)
    year = year_asked(request)
    qs = (
        reception_policy.visible(request.user)
        .filter(letter__start_date__year=year)
        .select_related("letter", "host_unit")
        .annotate(cost=Sum("items__cost"))
        .order_by("-letter__start_date", "-id")
    )
    qs = searched(qs, request, ["code", "purpose", "letter__sending_unit", "host_unit__name"])
    if request.GET.get("status") in Reception.Status.values:
        qs = qs.filter(status=request.GET["status"])
    if wants_export(request):
        return export_xlsx(qs, COLUMNS, _("%(y)s年公务接待") % {"y": year})
    page = CappedPaginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "statuses": Reception.Status.choices,
        "can_apply": reception_policy.can(request.user, "apply"),
    }
    return render(request, "reception/list.html", context)


def reception_new(request: Any) -> HttpResponse:
    user = request.user
    authorize(reception_policy, user, "apply")
    form = ApplyForm(request.POST or None, request.FILES or None, user=user)
    done: list[Reception] = []
    if request.method == "POST":

        def call(d: dict[str, Any]) -> None:
            letter = {k: d.pop(k) for k in LETTER_FIELDS}
            done.append(services.reception_request(actor=user, letter=letter, **d))

        if run_action(request, form, call, _("已登记公函并提交接待审批。")):
            return redirect(done[0])
    return render(request, "reception/new.html", {"form": form, "limit": rules.accompany_limit(10)})


def detail(request: Any, code: str) -> HttpResponse:
    user = request.user
    queryset = Reception.objects.select_related("letter", "host_unit", "approved_by")
    reception = get_for_user(reception_policy, user, queryset=queryset, code=code)
    guest_form, item_form = GuestForm(user=user, prefix="g"), ItemForm(user=user, prefix="i")
    if request.method == "POST":
        if request.POST.get("what") == "guest":
            guest_form = GuestForm(request.POST, user=user, prefix="g")
            run_action(
                request,
                guest_form,
                lambda d: services.guest_add(actor=user, reception=reception, **d),
                _("已添加接待对象。"),
            )
        else:
            item_form = ItemForm(request.POST, user=user, prefix="i")
            run_action(
                request,
                item_form,
                lambda d: services.item_add(actor=user, reception=reception, **d),
                _("已记入接待清单。"),
            )
        return redirect(reception)
    items = list(reception.items.all())
    actions = reception_policy.allowed_actions(user, reception)
    context = {
        "r": reception,
        "guests": list(reception.guest_rows.select_related("rank")),
        "items": items,
        "summary": rules.summary(items),
        "breaches": reception.breaches
        if reception.status == Reception.Status.DONE
        else [b.as_dict() for b in rules.check_reception(reception, items)],
        "differences": rules.differences(reception, items),
        "transitions": [t for t in RECEPTION_FLOW if t.name in actions],
        "editable": reception.status == Reception.Status.APPROVED and reception_policy.can(user, "edit", reception),
        "guest_form": guest_form,
        "item_form": item_form,
    }
    return render(request, "reception/detail.html", context)


def pack(request: Any, code: str) -> HttpResponse:
    reception = get_for_user(reception_policy, request.user, "pack", code=code)
    response = HttpResponse(packs.pack_zip(reception), content_type="application/zip")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(reception.code + '-报销材料.zip')}"
    return response


def stats(request: Any) -> HttpResponse:
    """The year's receptions by month and by host unit: count, guests, accompanying, cost; breaches counted."""
    _refuse_outsiders(request.user)
    year = year_asked(request)
    done = reception_policy.visible(request.user).filter(letter__start_date__year=year, status=Reception.Status.DONE)
    by_unit = list(
        done.values("host_unit__name")
        .annotate(
            n=Count("id", distinct=True), guests=Sum("planned_guests"), flagged=Count("id", filter=~Q(breaches=[]))
        )
        .order_by("-n")
    )
    costs = dict(
        Item.objects.filter(reception__in=done)
        .values_list("reception__host_unit__name")
        .annotate(c=Sum("cost"))
        .order_by()
    )
    for row in by_unit:
        row["cost"] = costs.get(row["host_unit__name"]) or 0
    by_month = {
        m: (n, c or 0)
        for m, n, c in done.values_list("letter__start_date__month")
        .annotate(n=Count("id", distinct=True), c=Sum("items__cost"))
        .order_by()
    }
    months = [(m, *by_month.get(m, (0, 0))) for m in range(1, 13)]
    if wants_export(request):
        headers = [_("接待单位"), _("接待次数"), _("接待对象人次"), _("费用（元）"), _("有违规提示的次数")]
        rows = [[r["host_unit__name"], r["n"], r["guests"], r["cost"], r["flagged"]] for r in by_unit]
        title = _("%(y)s年公务接待统计") % {"y": year}
        return xlsx_response(xlsx_bytes(headers, rows, title=title), f"{title}.xlsx")
    context = {"year": year, "by_unit": by_unit, "months": months, "total": sum(r["cost"] for r in by_unit)}
    return render(request, "reception/stats.html", context)
