from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core import registry
from shuniu.core.access import authorize, get_for_user
from shuniu.core.actions import extension_decide_view, transition_view
from shuniu.core.crypto import blind_index
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.listing import export_xlsx, query_without, sorted_by, wants_export
from shuniu.core.pagination import CappedPaginator
from shuniu.core.periods import month_end, parse_month
from shuniu.governance.models import CitizenRequest, GovernanceConfig
from shuniu.governance.requests import listing, selectors, services
from shuniu.governance.requests.deadlines import all_limits, deadline_text
from shuniu.governance.requests.forms import (
    CallbackForm,
    DispatchForm,
    ExtensionForm,
    IntakeForm,
    RejectForm,
    ReplyForm,
    RulesForm,
)
from shuniu.governance.requests.policies import MEDIATE, VOLUNTEERS, rates_policy, request_policy, sees_all
from shuniu.governance.requests.transitions import OPEN_STATUSES, REQUEST_FLOW
from shuniu.governance.smart import selectors as smart
from shuniu.governance.smart.topics import hot_keywords, hot_windows, surges
from shuniu.org.http import AuthedRequest

OPEN = sorted(OPEN_STATUSES)


def request_list(request: AuthedRequest) -> HttpResponse:
    """Operators and the office: every request, newest first; a unit: its inbox, most urgent deadline first. Search
    by code, phone, caller, unit, channel, category and dates; sort by any column; export what is shown."""
    form = listing.RequestFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = listing.apply_filters(selectors.request_list_visible(request.user).select_related("town"), data)
    inbox = not sees_all(request.user)
    if inbox and not data.get("status") and not any(data.get(k) for k in ("q", "phone", "caller")):
        qs = qs.filter(status__in=OPEN)
    qs, sort = sorted_by(qs, request, listing.SORTS, "due" if inbox else "-created")
    if wants_export(request):
        return export_xlsx(qs, listing.COLUMNS, "诉求工单", title="诉求工单")
    page = CappedPaginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "inbox": inbox,
        "sort": sort,
        "today": timezone.localdate(),
        "statuses": CitizenRequest.Status.choices,
        "can_receive": request_policy.can(request.user, "receive"),
        "query": query_without(request, "page"),
    }
    return render(request, "governance/request_list.html", context)


def console(request: AuthedRequest) -> HttpResponse:
    """The hotline operator's console: keyboard-only intake, duplicate warning, suggested units, dispatch."""
    authorize(request_policy, request.user, "receive")
    form = IntakeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = data.pop("dispatch_to")
        try:
            req = services.request_receive(actor=request.user, channel="hotline", **data)
            if unit is not None:
                services.request_dispatch(actor=request.user, req=req, unit=unit)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("已受理：%(c)s") % {"c": req.code} + (_("，已派往%(u)s") % {"u": unit.name} if unit else "")
            )
            return redirect("governance:console")
    return render(request, "governance/console.html", {"form": form})


def console_duplicates(request: AuthedRequest) -> HttpResponse:
    """htmx: requests in the last N days from the same phone or with a similar title."""
    authorize(request_policy, request.user, "receive")
    phone = request.GET.get("phone", "").strip()
    title = request.GET.get("title", "").strip()
    window = GovernanceConfig.current().duplicate_window_days
    since = timezone.now() - dt.timedelta(days=window)
    found = smart.duplicates_of(
        phone_index=blind_index(phone, purpose="phone") if len(phone) >= 7 else "",
        text=title if len(title) >= 4 else "",
        since=since,
    )[:5]
    return render(request, "governance/_duplicates.html", {"found": found, "window": window})


def console_suggest(request: AuthedRequest) -> HttpResponse:
    """htmx: the suggested units for what the operator has typed so far."""
    authorize(request_policy, request.user, "receive")
    title, content = request.GET.get("title", ""), request.GET.get("content", "")
    suggestions = smart.suggest_units(title, content, limit=3) if len(title + content) >= 4 else []
    return render(request, "governance/_suggestions.html", {"suggestions": suggestions})


def request_detail(request: AuthedRequest, code: str) -> HttpResponse:
    queryset = CitizenRequest.objects.select_related(
        "handling_unit", "category", "escalated_task", "town", "duplicate_of"
    )
    req = get_for_user(request_policy, request.user, queryset=queryset, code=code)
    transitions = [REQUEST_FLOW.get(name) for name in request_policy.allowed_actions(request.user, req)]
    allowed = {t.name for t in transitions}
    explanation = (
        deadline_text(timezone.localdate(req.dispatched_at), req.request_type, req.urgency) if req.dispatched_at else ""
    )
    context = {
        "req": req,
        "allowed": allowed,
        "simple_transitions": [t for t in transitions if not t.form],
        "can_decide_extension": request_policy.can(request.user, "decide_extension", req),
        "explanation": explanation,
        "today": timezone.localdate(),
        "dispatch_form": DispatchForm(),
        "reply_form": ReplyForm(),
        "callback_form": CallbackForm(),
        "reject_form": RejectForm(),
        "extension_form": ExtensionForm(),
        "suggestions": smart.suggest_units(req.title, req.content, limit=3) if "dispatch" in allowed else [],
        "dispatches": req.dispatches.select_related("unit"),
        "extensions": req.extensions.all(),
        "backlinks": registry.backlinks("governance.request", req),
    }
    return render(request, "governance/request_detail.html", context)


request_action = transition_view(request_policy, REQUEST_FLOW)


extension_decide = extension_decide_view(services.EXTENSIONS)


@require_POST
def personal_data(request: AuthedRequest, code: str) -> HttpResponse:
    """htmx: reveal the full phone and ID number (audited)."""
    req = get_for_user(request_policy, request.user, code=code)
    try:
        data = services.personal_data(viewer=request.user, req=req)
    except PermissionDenied:
        return HttpResponse(status=403)
    return render(request, "governance/_personal.html", {"data": data})


def rates(request: AuthedRequest) -> HttpResponse:
    """The three rates per unit for a month, with 红榜 and 黑榜 and the definitions."""
    authorize(rates_policy, request.user, "view")
    today = timezone.localdate()
    try:
        month = parse_month(request.GET.get("month", ""))
    except ValueError:
        month = today.replace(day=1)
    end = month_end(month)
    rows = selectors.three_rates(month, end)
    if request.GET.get("export") == "xlsx":
        data = (
            [
                i + 1,
                r["unit"],
                r["dispatched"],
                float(r["response_rate"]),
                float(r["resolution_rate"]),
                float(r["satisfaction_rate"]),
                float(r["composite"]),
            ]
            for i, r in enumerate(rows)
        )
        headers = ["名次", "单位", "派单数", "响应率", "解决率", "满意率", "综合得分"]
        percent = {3: "0.0%", 4: "0.0%", 5: "0.0%", 6: "0.0%"}  # rates stored as numbers, shown as percentages
        content = xlsx_bytes(headers, data, title=f"{month:%Y-%m}三率", formats=percent)
        return xlsx_response(content, f"三率排名{month:%Y-%m}.xlsx")
    config = GovernanceConfig.current()
    context = {
        "rows": rows,
        "month": month,
        "red": rows[:5],
        "black": list(reversed(rows[-5:])) if len(rows) > 5 else [],
        "config": config,
        "prev": (month - dt.timedelta(days=1)).replace(day=1),
        "next": end + dt.timedelta(days=1),
    }
    return render(request, "governance/rates.html", context)


def topics(request: AuthedRequest) -> HttpResponse:
    """Hot words of the last week and month, and surging categories (智治)."""
    if not sees_all(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    (week_start, week_end), (month_start, month_end) = hot_windows(today)
    context = {
        "week": hot_keywords(week_start, week_end),
        "month": hot_keywords(month_start, month_end),
        "week_window": f"received_from={week_start}&received_to={week_end}",
        "month_window": f"received_from={month_start}&received_to={month_end}",
        "surges": surges(today),
        "config": GovernanceConfig.current(),
    }
    return render(request, "governance/topics.html", context)


def home(request: AuthedRequest) -> HttpResponse:
    """The first page of 基层治理 for this user: requests, or the mediation cases, or the volunteers."""
    user = request.user
    if rates_policy.can(user, "view"):
        return redirect(reverse("governance:request-list"))
    if user.has_perm(MEDIATE):
        return redirect(reverse("governance:mediation"))
    if user.has_perm(VOLUNTEERS):
        return redirect(reverse("governance:volunteers"))
    raise PermissionDenied


def rules(request: AuthedRequest) -> HttpResponse:
    """基层治理规则: escalation, duplicate window, surge threshold, rate weights and the time-limit table."""
    if not request.user.has_perm("governance.change_governanceconfig"):
        raise PermissionDenied
    limits = all_limits()
    form = RulesForm(request.POST or None, instance=GovernanceConfig.current(), limits=limits)
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_update(actor=request.user, data=form.cleaned_data, limits=form.limits())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("规则已保存；新的办理时限适用于此后派出的工单。"))
            return redirect("governance:rules")
    return render(request, "governance/rules.html", {"form": form})
