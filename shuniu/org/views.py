from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessLog
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shuniu.core.access import authorize, get_for_user
from shuniu.core.actions import run_action
from shuniu.core.excel import ImportReport, xlsx_bytes, xlsx_response
from shuniu.core.imports import import_file
from shuniu.core.models import ApiToken, ImportJob
from shuniu.core.tokens import token_create, token_revoke
from shuniu.org import imports, selectors, services
from shuniu.org.forms import ImportForm, NewUserForm, PasswordChangeForm, RolesForm, TokenForm, UnitForm, UserForm
from shuniu.org.http import AuthedRequest
from shuniu.org.models import Role, Unit, User
from shuniu.org.policies import unit_policy, user_policy


def unit_list(request: AuthedRequest) -> HttpResponse:
    units = selectors.unit_list_visible(request.user, q=request.GET.get("q", ""), kind=request.GET.get("kind", ""))
    if request.GET.get("export") == "xlsx":
        rows = (
            (u.name, u.get_kind_display(), u.parent.name if u.parent else "", u.short_name, u.sort_order) for u in units
        )
        return xlsx_response(xlsx_bytes(imports.UNIT_COLUMNS, rows, title="单位"), "单位.xlsx")
    page = Paginator(units, 100).get_page(request.GET.get("page"))
    context = {"page": page, "kinds": Unit.Kind.choices, "can_change": unit_policy.can(request.user, "create")}
    return render(request, "org/unit_list.html", context)


def unit_detail(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_for_user(unit_policy, request.user, code=code)
    children = unit_policy.visible(request.user).filter(parent=unit)
    users = user_policy.visible(request.user).filter(unit=unit).prefetch_related("groups")
    context = {
        "unit": unit,
        "children": children,
        "users": users,
        "can_change": unit_policy.can(request.user, "change", unit),
    }
    return render(request, "org/unit_detail.html", context)


def _save_form(request: AuthedRequest, form: Any, save: Any) -> Any:
    if request.method == "POST" and form.is_valid():
        try:
            return save(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
    return None


def _form_page(request: AuthedRequest, form: Any, save: Any, *, done: str, title: str) -> HttpResponse:
    """Validate, save through the service, then redirect to the object; or show the form with its errors."""
    obj = _save_form(request, form, save)
    if obj:
        messages.success(request, done)
        return redirect(obj)
    return render(request, "org/form.html", {"form": form, "title": title})


def unit_create(request: AuthedRequest) -> HttpResponse:
    authorize(unit_policy, request.user, "create")
    form = UnitForm(request.POST or None, user=request.user, units=unit_policy.visible(request.user))
    return _form_page(
        request,
        form,
        lambda data: services.unit_create(actor=request.user, **data),
        done=_("单位已创建。"),
        title=_("新建单位"),
    )


def unit_edit(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_for_user(unit_policy, request.user, "change", code=code)
    form = UnitForm(request.POST or None, instance=unit, user=request.user, units=unit_policy.visible(request.user))
    return _form_page(
        request,
        form,
        lambda data: services.unit_update(actor=request.user, unit=Unit.objects.get(pk=unit.pk), **data),
        done=_("已保存。"),
        title=_("编辑单位：%(n)s") % {"n": unit.name},
    )


def _import_page(request: AuthedRequest, *, kind: str, columns: list[str], importer: str) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report: ImportReport | None = None
    if request.method == "POST" and form.is_valid():
        result = import_file(actor=request.user, kind=importer, upload=form.cleaned_data["file"])
        if isinstance(result, ImportJob):  # a large file: checked and imported in the background
            return redirect("shell:import-job", code=result.code)
        report = result
        if report.ok:
            messages.success(request, _("导入成功：新增%(n)s条。") % {"n": report.created})
    if request.GET.get("template"):
        return xlsx_response(xlsx_bytes(columns, [], title=kind), f"{kind}导入模板.xlsx")
    return render(request, "org/import.html", {"form": form, "report": report, "kind": kind, "columns": columns})


def unit_import(request: AuthedRequest) -> HttpResponse:
    authorize(unit_policy, request.user, "import")
    return _import_page(request, kind="单位", columns=imports.UNIT_COLUMNS, importer="units")


def user_import(request: AuthedRequest) -> HttpResponse:
    authorize(user_policy, request.user, "import")
    return _import_page(request, kind="用户", columns=imports.USER_COLUMNS, importer="users")


def user_list(request: AuthedRequest) -> HttpResponse:
    users = selectors.user_list_visible(request.user, q=request.GET.get("q", ""))
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                u.username,
                u.real_name,
                u.unit.name if u.unit else "",
                "",
                u.position,
                u.phone,
                u.email,
                "、".join(g.name for g in u.groups.all()),
            )
            for u in users
        )
        return xlsx_response(xlsx_bytes(imports.USER_COLUMNS, rows, title="用户"), "用户.xlsx")
    page = Paginator(users, 100).get_page(request.GET.get("page"))
    return render(request, "org/user_list.html", {"page": page, "can_change": user_policy.can(request.user, "create")})


def user_detail(request: AuthedRequest, code: str) -> HttpResponse:
    target = get_for_user(user_policy, request.user, code=code)
    context = {
        "target": target,
        "roles": Role.objects.filter(group__user=target).select_related("group"),
        "can_change": user_policy.can(request.user, "change", target),
        "can_set_roles": user_policy.can(request.user, "set_roles", target),
    }
    return render(request, "org/user_detail.html", context)


def user_create(request: AuthedRequest) -> HttpResponse:
    authorize(user_policy, request.user, "create")
    form = NewUserForm(request.POST or None, user=request.user, units=unit_policy.visible(request.user))
    return _form_page(
        request,
        form,
        lambda data: services.user_create(actor=request.user, **data),
        done=_("用户已创建，首次登录须修改密码。"),
        title=_("新建用户"),
    )


def user_edit(request: AuthedRequest, code: str) -> HttpResponse:
    target = get_for_user(user_policy, request.user, "change", code=code)
    form = UserForm(request.POST or None, instance=target, user=request.user, units=unit_policy.visible(request.user))
    return _form_page(
        request,
        form,
        lambda data: services.user_update(actor=request.user, user=User.objects.get(pk=target.pk), **data),
        done=_("已保存。"),
        title=_("编辑用户：%(n)s") % {"n": target},
    )


def user_roles(request: AuthedRequest, code: str) -> HttpResponse:
    target = get_for_user(user_policy, request.user, "set_roles", code=code)
    current = list(Role.objects.filter(group__user=target).values_list("slug", flat=True))
    form = RolesForm(request.POST or None, initial={"roles": current})
    return _form_page(
        request,
        form,
        lambda data: services.user_set_roles(actor=request.user, user=target, role_slugs=data["roles"]),
        done=_("角色已更新。"),
        title=_("设置角色：%(n)s") % {"n": target},
    )


def account(request: AuthedRequest) -> HttpResponse:
    """The user's own page: login history and personal access tokens."""
    user = request.user
    form = TokenForm(request.POST or None, user=user)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = token_create(user=user, name=form.cleaned_data["name"])
    context = {
        "logins": AccessLog.objects.filter(username=user.get_username()).order_by("-attempt_time")[:30],
        "failures": AccessAttempt.objects.filter(username=user.get_username()).order_by("-attempt_time")[:10],
        "tokens": ApiToken.objects.filter(user=user),
        "form": form,
        "new_token": new_token,
    }
    return render(request, "org/account.html", context)


@require_POST
def token_revoke_view(request: AuthedRequest, code: str) -> HttpResponse:
    token = get_object_or_404(ApiToken, user=request.user, code=code)
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("令牌已吊销。"))
    return redirect("org:account")


def password_change(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and services.password_change_throttled(user):
        form.errors.clear()
        form.add_error(None, _("原密码输错次数过多，请%(m)s分钟后再试。") % {"m": services.password_cooloff_minutes()})
    elif request.method == "POST" and not form.is_valid() and "old_password" in form.errors:
        services.password_change_failed(user)
    elif request.method == "POST" and form.is_valid():
        services.user_change_password(user=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改。"))
        return redirect("shell:home")
    return render(request, "registration/password_change.html", {"form": form, "forced": user.must_change_password})


def account_locks(request: AuthedRequest) -> HttpResponse:
    """账户解锁: the security administrator lists locked sign-ins and lifts them (audited)."""
    if not request.user.has_perm("org.unlock_account"):
        raise PermissionDenied
    if request.method == "POST":
        attempt = request.POST.get("attempt", "")
        if not attempt.isdigit():
            raise Http404
        run_action(request, None, lambda _d: services.account_unlock(actor=request.user, attempt_id=int(attempt)))
        return redirect("org:account-locks")
    return render(request, "org/locks.html", {"rows": services.locked_accounts()})
