"""Pages of 请销假: my leave with balances and the form that previews before sending, the approver's queue, a
request with its chain, the personnel clerk's records and the rules. Thin: the services decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import get_for_user, has_perm
from shuniu.core.actions import run_action, transition_view
from shuniu.core.configs import update_config
from shuniu.leave import rules, selectors, services
from shuniu.leave.forms import LeaveConfigForm, LeaveForm, ProfileForm
from shuniu.leave.models import Approver, ChainRule, Counts, LeaveConfig, LeaveRequest, LeaveType, StaffProfile
from shuniu.leave.policies import MANAGE, VIEW_ALL, leave_policy
from shuniu.leave.transitions import LEAVE_FLOW

leave_transition = transition_view(leave_policy, LEAVE_FLOW)


def home(request: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    form = LeaveForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST":
        done: list[LeaveRequest] = []

        def call(data: dict[str, Any]) -> None:
            done.append(
                services.leave_apply(
                    actor=user,
                    kind=data["kind"],
                    variant=data["variant"],
                    start_date=data["start_date"],
                    days=data["days"],
                    reason=data["reason"],
                    destination=data["destination"],
                    certificate=data["certificate"],
                )
            )

        if run_action(request, form, call, _("已提交请假申请。")):
            return redirect(done[0])
    visible = selectors.leave_of(user)
    context = {
        "form": form,
        "mine": list(visible.filter(person=user)[:30]),
        "balances": rules.balances(user, today.year, today),
        "entitlement": rules.annual_entitlement(user, today),
        "waiting": [r for r in visible.filter(status=LeaveRequest.Status.PENDING)[:100] if rules.may_decide(user, r)],
        "away": list(
            visible.exclude(person=user)
            .filter(status=LeaveRequest.Status.APPROVED, start_date__lte=today, return_date__gte=today)
            .order_by("return_date")[:100]
        ),
        "late": list(
            visible.filter(status=LeaveRequest.Status.APPROVED, return_date__lt=today).order_by("return_date")[:100]
        ),
        "sees_others": has_perm(user, VIEW_ALL) or has_perm(user, "leave.approve_leave"),
    }
    return render(request, "leave/home.html", context)


def preview(request: Any) -> HttpResponse:
    """The htmx partial under the form: end date, day back, chain — before anything is sent."""
    form = LeaveForm(request.GET or None, user=request.user)
    data: dict[str, Any] | None = None
    error = ""
    if form.is_valid():
        d = form.cleaned_data
        try:
            data = services.preview(
                actor=request.user, kind=d["kind"], start_date=d["start_date"], days=d["days"], variant=d["variant"]
            )
        except ValidationError as exc:
            error = "；".join(exc.messages)
    return render(request, "leave/_preview.html", {"p": data, "error": error})


def detail(request: Any, code: str) -> HttpResponse:
    leave = get_for_user(leave_policy, request.user, queryset=selectors.leave_of(request.user), code=code)
    actions = leave_policy.allowed_actions(request.user, leave)
    context = {
        "leave": leave,
        "decisions": list(leave.decisions.select_related("approver")),
        "chain": [(i, rules.role_name(r)) for i, r in enumerate(leave.chain)],
        "transitions": [t for t in LEAVE_FLOW if t.name in actions],
    }
    return render(request, "leave/request.html", context)


def people(request: Any) -> HttpResponse:
    """人员信息 (the personnel clerk): service start, breaks, the 寒暑假 exclusion, the clock's 工号."""
    if not has_perm(request.user, MANAGE):
        raise PermissionDenied
    today = timezone.localdate()
    users = get_user_model().objects.filter(is_active=True, unit__isnull=False).select_related("unit", "staff_profile")
    rows = [(u, getattr(u, "staff_profile", None)) for u in users.order_by("unit__sort_order", "unit_id", "id")[:500]]
    listed = [(u, p, rules.service_years(p, today)) for u, p in rows]
    return render(request, "leave/people.html", {"rows": listed})


def person(request: Any, code: str) -> HttpResponse:
    if not has_perm(request.user, MANAGE):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), code=code)
    profile = StaffProfile.objects.filter(user=user).first()
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and run_action(
        request, form, lambda d: services.profile_save(actor=request.user, user=user, **d), _("已保存人员信息。")
    ):
        return redirect("leave:people")
    today = timezone.localdate()
    context = {"who": user, "form": form, "balances": rules.balances(user, today.year, today)}
    return render(request, "leave/person.html", context)


def rules_page(request: Any) -> HttpResponse:
    """The province table and the approval chain rules, data edited here by the personnel clerk (audited)."""
    user = request.user
    if not (has_perm(user, MANAGE) or has_perm(user, VIEW_ALL)):
        raise PermissionDenied
    config_form = LeaveConfigForm(request.POST or None, instance=LeaveConfig.current(), prefix="config")
    if request.method == "POST":
        post = request.POST
        if "kind" in post:
            done = run_action(
                request,
                None,
                lambda _d: services.type_update(
                    actor=user,
                    kind=post["kind"],
                    counts=post.get("counts", ""),
                    days=_decimal(post.get("days")),
                    certificate_from=_decimal(post.get("certificate_from")),
                ),
                _("已修改假期类型。"),
            )
        elif "chain" in post:
            rule = get_object_or_404(ChainRule, pk=post["chain"]) if post["chain"].isdigit() else None
            done = rule is not None and run_action(
                request,
                None,
                lambda _d: services.chain_update(
                    actor=user, rule=rule, max_days=_decimal(post.get("max_days")), roles=post.getlist("roles")
                ),
                _("已修改审批顺序。"),
            )
        else:
            done = run_action(
                request,
                config_form,
                lambda d: update_config(LeaveConfig, actor=user, perm=MANAGE, values=d),
                _("已保存年休假规则。"),
            )
        if done:
            return redirect("leave:rules")
    context = {
        "types": list(LeaveType.objects.prefetch_related("variants")),
        "chains": list(ChainRule.objects.all()),
        "config": LeaveConfig.current(),
        "config_form": config_form,
        "counts": Counts.choices,
        "approvers": Approver.choices,
        "can_edit": has_perm(user, MANAGE),
    }
    return render(request, "leave/rules.html", context)


def _decimal(text: str | None) -> Decimal | None:
    """A day count typed on the rules page (blank: none); a malformed one is a Chinese error, not a crash."""
    if not text or not text.strip():
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation as exc:
        raise ValidationError(_("天数应为数字。")) from exc
