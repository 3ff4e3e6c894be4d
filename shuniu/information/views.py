"""Pages of 信息报送: the submitter's items, the 信息科's inbox and editing, commissions, periodicals, the urgent
board with its clocks, rankings and the rules. Thin: every write is a service, every read a policy."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core import registry
from shuniu.core.access import get_for_user, has_perm
from shuniu.core.actions import run_action, transition_view
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.workdays import add_workdays
from shuniu.information import commissions, forms, periodicals, selectors, services, urgent
from shuniu.information.models import InfoItem, InformationConfig, PeriodicalIssue, UrgentEvent
from shuniu.information.policies import (
    EDIT,
    SUBMIT,
    URGENT_BOARD,
    VIEW_ALL,
    commission_policy,
    event_policy,
    issue_policy,
    item_policy,
)
from shuniu.information.transitions import INFO_FLOW

item_action = transition_view(item_policy, INFO_FLOW)


def _need(request: HttpRequest, *perms: str) -> None:
    if not any(has_perm(request.user, p) for p in perms):
        raise PermissionDenied


def _labelled(counts: dict[str, int]) -> dict[str, int]:
    """The inbox counts by category name (the codes are for the API)."""
    labels = dict(InfoItem.Category.choices)
    return {str(labels.get(code, code)): n for code, n in counts.items()}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _need(request, VIEW_ALL, SUBMIT, EDIT)
    user: Any = request.user
    year = timezone.localdate().year
    mine = selectors.items_of(user)
    sees_all = has_perm(user, VIEW_ALL)
    if not sees_all and user.unit_id:
        mine = mine.filter(unit_id=user.unit_id)
    return render(
        request,
        "information/home.html",
        {
            "items": mine[:50],
            "points": selectors.unit_points(user.unit_id, year) if user.unit_id and not sees_all else 0,
            "year": year,
            "commissions": selectors.commissions_of(user).filter(due_date__gte=timezone.localdate())[:20],
            "is_editor": has_perm(user, EDIT),
            "can_submit": has_perm(user, SUBMIT),
            "counts": _labelled(selectors.inbox_counts(user)) if has_perm(user, EDIT) else {},
            "issues": issue_policy.visible(user)
            .filter(status=PeriodicalIssue.Status.ISSUED)
            .select_related("periodical")[:10],
        },
    )


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    _need(request, SUBMIT)
    user: Any = request.user
    open_commissions = commission_policy.visible(user).filter(units=user.unit_id, due_date__gte=timezone.localdate())
    form = forms.NewItemForm(request.POST or None, request.FILES or None, commissions=open_commissions)
    if request.method == "POST":
        created: list[InfoItem] = []

        def create(data: dict[str, Any]) -> None:
            created.append(
                services.item_create(
                    actor=user,
                    title=data["title"],
                    body=data["body"],
                    category=data["category"],
                    must_report_type=data["must_report_type"],
                    event_time=data["event_time"],
                    commission=data["commission"],
                    files=data["attachments"],
                )
            )

        if run_action(request, form, create, _("已保存草稿")):
            return redirect(created[0])
    return render(request, "information/item_form.html", {"form": form, "title": _("新建信息")})


@login_required
def item_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = get_for_user(
        item_policy,
        request.user,
        queryset=InfoItem.objects.select_related("unit", "author", "must_report_type", "commission"),
        code=code,
    )
    actions = item_policy.allowed_actions(request.user, item)
    flags = item.similar_flags.select_related("other__unit") if has_perm(request.user, EDIT) else []
    return render(
        request,
        "information/item_detail.html",
        {
            "item": item,
            "versions": item.versions.select_related("editor"),
            "adoptions": item.adoptions.all(),
            "instructions": item.instructions.all(),
            "printed": selectors.printed_in(item),
            "flags": flags,
            "attachments": item.attachments.all(),
            "transitions": [t for t in INFO_FLOW if t.name in actions and not t.page and not t.form],
            "can_edit": "edit" in actions,
            "can_adopt": "adopt" in actions,
            "can_instruct": "instruct" in actions,
            "adopt_form": forms.AdoptForm(),
            "instruct_form": forms.InstructionForm(),
        },
    )


@login_required
def item_edit(request: HttpRequest, code: str) -> HttpResponse:
    item = get_for_user(item_policy, request.user, "edit", code=code)
    initial = {
        "title": item.title,
        "body": item.body,
        "category": item.category,
        "must_report_type": item.must_report_type_id,
        "event_time": item.event_time,
    }
    form = forms.ItemForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> None:
            services.item_edit(
                actor=request.user,
                item=item,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                must_report_type=data["must_report_type"],
                event_time=data["event_time"],
            )

        if run_action(request, form, save, _("已保存 %(c)s") % {"c": item.code}):
            return redirect(item)
    return render(request, "information/item_form.html", {"form": form, "title": _("编辑信息"), "item": item})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    _need(request, EDIT)
    category = request.GET.get("category", "")
    if category and category not in InfoItem.Category.values:
        category = ""
    return render(
        request,
        "information/inbox.html",
        {
            "items": selectors.inbox(request.user, category)[:200],
            "counts": selectors.inbox_counts(request.user),
            "categories": InfoItem.Category.choices,
            "category": category,
            "adopted": item_policy.visible(request.user)
            .filter(status=InfoItem.Status.ADOPTED)
            .select_related("unit")
            .order_by("-updated_at")[:100],
        },
    )


@login_required
def commission_list(request: HttpRequest) -> HttpResponse:
    _need(request, VIEW_ALL, SUBMIT, EDIT)
    form = forms.CommissionForm(request.POST or None) if has_perm(request.user, EDIT) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied

        def create(data: dict[str, Any]) -> None:
            commissions.commission_create(
                actor=request.user,
                topic=data["topic"],
                description=data["description"],
                due_date=add_workdays(timezone.localdate(), data["workdays"]),
                units=list(data["units"]),
            )

        if run_action(request, form, create, _("已发出约稿")):
            return redirect("information:commissions")
    return render(
        request,
        "information/commissions.html",
        {
            "commissions": selectors.commissions_of(request.user).order_by("-due_date")[:100],
            "overdue": selectors.overdue_commissions(request.user),
            "form": form,
        },
    )


@login_required
def commission_detail(request: HttpRequest, code: str) -> HttpResponse:
    commission = get_for_user(commission_policy, request.user, code=code)
    # the replies the reader may open (a unit sees its own), and which named units have not replied at all
    replies = item_policy.visible(request.user).filter(selectors.SENT, commission=commission).select_related("unit")
    return render(
        request,
        "information/commission_detail.html",
        {"commission": commission, "replies": replies, "missing": selectors.missing_units(commission)},
    )


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    _need(request, VIEW_ALL, SUBMIT, EDIT)
    form = forms.CompileForm(request.POST or None) if has_perm(request.user, EDIT) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        created: list[PeriodicalIssue] = []

        def compile_issue(data: dict[str, Any]) -> None:
            created.append(
                periodicals.issue_compile(actor=request.user, periodical=data["periodical"], codes=data["codes"])
            )

        if run_action(request, form, compile_issue, _("已编排新一期")):
            return redirect(created[0])
    return render(
        request,
        "information/issues.html",
        {"issues": issue_policy.visible(request.user).select_related("periodical")[:100], "form": form},
    )


def _issue(request: HttpRequest, pk: int) -> PeriodicalIssue:
    return get_object_or_404(issue_policy.visible(request.user).select_related("periodical"), pk=pk)


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    entries = (
        issue.frozen
        if issue.status == PeriodicalIssue.Status.ISSUED
        else [
            {"code": e.item.code, "title": e.item.title, "body": e.item.body, "unit": e.item.unit.name}
            for e in issue.entries.select_related("item__unit")
        ]
    )
    return render(
        request,
        "information/issue_detail.html",
        {
            "issue": issue,
            "entries": entries,
            "can_compile": issue_policy.can(request.user, "compile"),
            "corrections": issue.corrections.all(),
        },
    )


@login_required
@require_POST
def issue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    run_action(request, None, lambda _d: periodicals.issue_publish(actor=request.user, issue=issue), _("已印发"))
    return redirect(issue)


@login_required
@require_POST
def issue_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    made: list[PeriodicalIssue] = []
    reason = request.POST.get("reason", "")
    if run_action(
        request,
        None,
        lambda _d: made.append(periodicals.issue_reissue(actor=request.user, issue=issue, reason=reason)),
        _("已更正重发"),
    ):
        return redirect(made[0])
    return redirect(issue)


@login_required
def issue_download(request: HttpRequest, pk: int) -> FileResponse:
    issue = _issue(request, pk)
    if not issue.docx:
        raise Http404
    return FileResponse(
        issue.docx.open("rb"), as_attachment=True, filename=f"{issue.periodical.name}{issue.label}.docx"
    )


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not event_policy.can(request.user, "create") and not has_perm(request.user, URGENT_BOARD):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None) if event_policy.can(request.user, "create") else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        made: list[UrgentEvent] = []

        def create(data: dict[str, Any]) -> None:
            made.append(
                urgent.event_create(
                    actor=request.user,
                    title=data["title"],
                    level=data["level"],
                    occurred_at=data["occurred_at"],
                    place=data["place"],
                    summary=data["summary"],
                )
            )

        if run_action(request, form, create, _("已登记紧急信息")):
            return redirect(made[0])
    visible = event_policy.visible(request.user)
    urgent.mark_late(events=list(visible.filter(closed_at__isnull=True)[:100]))  # the board shows stored lateness
    events = visible.select_related("unit").prefetch_related("deadlines")[:100]
    board = [
        (e, next((d for d in e.deadlines.all() if d.met_by_id is None), None) if e.closed_at is None else None)
        for e in events
    ]
    return render(request, "information/events.html", {"board": board, "form": form})


@login_required
def event_detail(request: HttpRequest, code: str) -> HttpResponse:
    event = get_for_user(event_policy, request.user, code=code)
    if request.method == "POST":
        form = forms.ReportForm(request.POST)

        def report(data: dict[str, Any]) -> None:
            urgent.report_add(
                actor=request.user,
                event=event,
                kind=data["kind"],
                channel=data["channel"],
                sent_at=None,
                text=data["text"],
            )

        if run_action(request, form, report, _("已报送")):
            return redirect(event)
    else:
        form = forms.ReportForm(initial={"text": "\n".join(f"{e}：" for e in urgent.REQUIRED_ELEMENTS)})
    urgent.mark_late(events=[event])
    return render(
        request,
        "information/event_detail.html",
        {
            "event": event,
            "deadlines": event.deadlines.select_related("met_by"),
            "reports": event.reports.all(),
            "next": urgent.next_deadline(event) if event.closed_at is None else None,
            "form": form,
            "can_report": event_policy.can(request.user, "report", event) and event.closed_at is None,
            "elements": urgent.REQUIRED_ELEMENTS,
            "backlinks": registry.backlinks("information.event", event),
        },
    )


def _window(request: HttpRequest) -> selectors.Window:
    """The period asked for (month, quarter or year); this year when the query is not one."""
    today = timezone.localdate()
    kind = request.GET.get("period", "year")
    default_n = today.month if kind == "month" else (today.month - 1) // 3 + 1
    try:
        return selectors.window(kind, int(request.GET.get("year", today.year)), int(request.GET.get("n", default_n)))
    except (ValueError, ValidationError):
        return selectors.window("year", today.year)


@login_required
def rankings(request: HttpRequest) -> HttpResponse:
    _need(request, VIEW_ALL, EDIT)
    w = _window(request)
    by = "author" if request.GET.get("by") == "author" else "unit"
    rows = selectors.ranking(w, by)
    if request.GET.get("export") == "xlsx":
        headers = [_("名次"), _("单位") if by == "unit" else _("信息员"), _("积分"), _("报送"), _("采用"), _("采用率")]
        data = [[n, r["name"], r["points"], r["submitted"], r["adopted"], r["rate"]] for n, r in enumerate(rows, 1)]
        body = xlsx_bytes(headers, data, title=str(w.label), formats={5: "0.0%"})
        return xlsx_response(body, _("%(period)s信息积分.xlsx") % {"period": w.label})
    return render(
        request,
        "information/rankings.html",
        {
            "rows": rows,
            "window": w,
            "number": w.start.month if w.kind == "month" else (w.start.month - 1) // 3 + 1,
            "by": by,
            "config": InformationConfig.current(),
        },
    )


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    _need(request, "information.change_informationconfig")
    config = InformationConfig.current()
    form = forms.ConfigForm(request.POST or None, instance=config)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> None:
            services.config_update(actor=request.user, **data)

        if run_action(request, form, save, _("已保存信息报送规则")):
            return redirect("information:rules")
    return render(request, "information/rules.html", {"form": form, "config": config})
