"""Pages of 办文 — the home, 收文 (registry, 签收, the document with its steps' clocks, routing, 批示 into tasks). Thin:
the services decide. 发文 and the 文号 ledger are in views_outgoing.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shuniu.core.access import get_for_user, has_any_perm, has_perm
from shuniu.core.actions import run_action, transition_view
from shuniu.core.listing import query_without
from shuniu.core.pagination import CappedPaginator
from shuniu.documents import incoming as services
from shuniu.documents import rules, selectors
from shuniu.documents.forms import ConfigForm, InstructForm, PrefixForm, ReceiveForm, RouteForm
from shuniu.documents.instructions import TaskAsk, incoming_instruct
from shuniu.documents.models import DocPrefix, DocumentConfig, Incoming
from shuniu.documents.policies import ANY, CONFIG, VIEW_ALL, incoming_policy
from shuniu.documents.transitions import INCOMING_FLOW

AuthedRequest = Any
incoming_transition = transition_view(incoming_policy, INCOMING_FLOW)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def home(request: AuthedRequest) -> HttpResponse:
    _refuse_unless(has_any_perm(request.user, *ANY))
    return render(request, "documents/home.html", {"counts": selectors.counts(request.user), "active": "home"})


def incoming_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _refuse_unless(has_any_perm(user, *ANY))
    try:
        qs = selectors.filtered(selectors.incoming_of(user), request.GET, "created_at")
        qs = selectors.search_incoming(qs, request.GET.get("q", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        qs = selectors.incoming_of(user)
    qs, sort, export = selectors.INCOMING_LIST.apply(request, qs)
    if export is not None:
        return export
    page = CappedPaginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "sort": sort,
        "statuses": Incoming.Status.choices,
        "query": query_without(request, "page"),
        "units": selectors.unit_choices(user),
        "can_receive": incoming_policy.can(user, "create"),
        "active": "incoming",
    }
    return render(request, "documents/incoming_list.html", context)


def incoming_new(request: AuthedRequest) -> HttpResponse:
    _refuse_unless(incoming_policy.can(request.user, "create"))
    form = ReceiveForm(request.POST or None, user=request.user)
    if request.method == "POST":
        made: list[Incoming] = []
        if run_action(
            request, form, lambda d: made.append(services.incoming_receive(actor=request.user, **d)), _("已签收。")
        ):
            return redirect(made[0].get_absolute_url())
    return render(request, "documents/incoming_new.html", {"form": form, "active": "incoming"})


def _incoming(request: AuthedRequest, code: str, action: str = "view") -> Incoming:
    queryset = Incoming.objects.select_related(
        "unit", "lead_unit", "leader", "received_by", "source_outgoing", "instruction"
    )
    return get_for_user(incoming_policy, request.user, action, queryset=queryset, code=code)


def incoming_detail(request: AuthedRequest, code: str) -> HttpResponse:
    document = _incoming(request, code)
    user = request.user
    actions = incoming_policy.allowed_actions(user, document)
    steps = list(document.steps.select_related("actor"))
    context = {
        "d": document,
        "transitions": [t for t in INCOMING_FLOW if t.name in actions and not t.page],
        "can_route": "distribute" in actions,
        "can_instruct": "instruct" in actions,
        "can_circulate": incoming_policy.can(user, "handle", document) and document.status in ("reading", "handling"),
        "clock": services.step_clock(document, steps),
        "elapsed": services.elapsed(document),
        "limit": DocumentConfig.current().limit_for(document.urgency),
        "circulation": selectors.circulation(document),
        "handling_units": list(document.handling_units.all()),
        "tasks": _tasks_of(document),
        "route_form": RouteForm(),
        "instruct_form": InstructForm(initial={"task_title": document.title[:200]}),
        "active": "incoming",
    }
    return render(request, "documents/incoming.html", context)


def _tasks_of(document: Incoming) -> list[Any]:
    if document.instruction_id is None:
        return []
    from shuniu.supervision.selectors import tasks_of_instruction

    return list(tasks_of_instruction(document.instruction_id))


def incoming_route(request: AuthedRequest, code: str) -> HttpResponse:
    """承办: 阅知 → 传阅; 批办 → 拟办意见 to the leader; in 传阅/承办, more readers."""
    document = _incoming(request, code)
    if request.method != "POST":
        return redirect(document.get_absolute_url())
    form = RouteForm(request.POST)
    user = request.user

    def call(d: dict[str, Any]) -> None:
        if document.status in ("reading", "handling"):
            services.incoming_circulate(actor=user, incoming=document, readers=d["readers"])
        elif d["mode"] == "read":
            services.incoming_distribute(actor=user, incoming=document, readers=d["readers"])
        else:
            services.incoming_propose(actor=user, incoming=document, proposal=d["proposal"], leader=d["leader"])

    run_action(request, form, call, _("已分办 %(c)s") % {"c": document.receipt_number or document.code})
    return redirect(document.get_absolute_url())


def incoming_instruct_page(request: AuthedRequest, code: str) -> HttpResponse:
    """领导批示: the text, the units (a lead unit when two or more), and 转督办 in the same action."""
    document = _incoming(request, code)
    if request.method != "POST":
        return redirect(document.get_absolute_url())
    form = InstructForm(request.POST, user=request.user)

    def call(d: dict[str, Any]) -> None:
        units = list(d["handling_units"])
        tasks = []
        if d["to_task"]:
            lead = d["lead_unit"] or (units[0] if units else None)
            co = [u for u in units if u != lead]
            tasks = [
                TaskAsk(title=d["task_title"] or document.title, lead_unit=lead, co_units=co, due_date=d["due_date"])
            ]
        incoming_instruct(
            actor=request.user,
            incoming=document,
            text=d["text"],
            handling_units=units,
            lead_unit=d["lead_unit"],
            tasks=tasks,
        )

    run_action(request, form, call, _("已批示 %(c)s") % {"c": document.receipt_number})
    return redirect(document.get_absolute_url())


def rules_page(request: AuthedRequest) -> HttpResponse:
    """Time limits by urgency and the 发文字号 prefixes: read by the office, changed with documents' config right."""
    user = request.user
    _refuse_unless(has_any_perm(user, VIEW_ALL, CONFIG))
    can_edit = has_perm(user, CONFIG)
    config = DocumentConfig.current()
    form = ConfigForm(request.POST if request.POST.get("op") == "config" else None, instance=config)
    editing = DocPrefix.objects.filter(pk=request.GET.get("prefix") or 0).first()
    prefix_form = PrefixForm(request.POST if request.POST.get("op") == "prefix" else None, instance=editing, user=user)
    if request.method == "POST":
        _refuse_unless(can_edit)
        if request.POST.get("op") == "config" and form.is_valid():
            if run_action(
                request, None, lambda _d: rules.config_update(actor=user, **form.cleaned_data), _("已保存办文规则")
            ):
                return redirect("documents:rules")
        elif request.POST.get("op") == "prefix" and prefix_form.is_valid():
            values = {k: prefix_form.cleaned_data[k] for k in rules.PREFIX_FIELDS}
            if run_action(
                request, None, lambda _d: rules.prefix_save(actor=user, row=editing, **values), _("已保存发文字号")
            ):
                return redirect("documents:rules")
    context = {
        "form": form,
        "prefix_form": prefix_form,
        "editing": editing,
        "prefixes": DocPrefix.objects.select_related("unit", "principal"),
        "can_edit": can_edit,
        "active": "rules",
    }
    return render(request, "documents/rules.html", context)
