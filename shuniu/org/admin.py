"""Django admin for the organisation, kept inside 三员分立: every account change goes through the audited services.

Accounts are created on the users page; the admin edits profile fields through `user_update` and resets a password
through `user_reset_password` (refused for the three administrators' accounts). Roles, groups and login lockouts are
read-only here: roles are the security administrator's (the roles page), lockouts are lifted on 账户解锁.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.audit import services as audit
from shuniu.org import services
from shuniu.org.models import Role, Unit, User


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin writes leave audit records like every other write."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changes = {k: [form.initial.get(k), form.cleaned_data.get(k)] for k in form.changed_data if "password" not in k}
        audit.record(actor=request.user, action="admin_update" if change else "admin_create", obj=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.record(actor=request.user, action="admin_delete", obj=obj)
        super().delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "parent", "sort_order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["path", "depth"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tree paths are kept by the services: create units on the units page


class AdminPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("新密码（临时）"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("再次输入"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") != cleaned.get("password2"):
            raise ValidationError(_("两次输入的密码不一致。"))
        return cleaned


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ["username", "real_name", "unit", "position", "is_active"]
    search_fields = ["username", "real_name"]
    list_select_related = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("枢纽"), {"fields": ("real_name", "unit", "position", "phone", "email", "is_active")}),
        (_("角色与权限（由安全管理员在角色页分配）"), {"fields": ("groups", "is_staff", "is_superuser")}),
    )
    readonly_fields = ["groups", "is_staff", "is_superuser", "last_login", "date_joined"]
    filter_horizontal = ()
    change_password_form = AdminPasswordForm

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accounts are created on the users page (user_create: audited, first-login password change)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the audit log keeps pointing at the person

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = [f for f in form.changed_data if f in services.USER_FIELDS]
        original = User.objects.get(pk=obj.pk)
        services.user_update(actor=request.user, user=original, **{f: form.cleaned_data[f] for f in fields})

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """The admin's password page, through `user_reset_password` (refused for the three administrators)."""
        target = get_object_or_404(User, pk=id)
        if not self.has_change_permission(request, target):
            raise PermissionDenied
        if request.method == "POST":
            form = AdminPasswordForm(request.POST)
            if form.is_valid():
                services.user_reset_password(
                    actor=request.user, user=target, new_password=form.cleaned_data["password1"]
                )
                messages.success(request, _("已设置临时密码，该用户下次登录时必须修改。"))
                return HttpResponseRedirect(reverse("admin:org_user_change", args=[target.pk]))
        from shuniu.org.policies import user_policy

        if not user_policy.can(request.user, "reset_password", target):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ["group", "slug", "scope"]


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin):
    """Groups carry the roles' permissions, which come from the apps (shuniu.core.registry.grant): read-only."""

    list_display = ["name"]


def _read_only_axes() -> None:
    """The login lockouts are lifted on 账户解锁 (audited), never by deleting rows here."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, ReadOnlyAdmin)


_read_only_axes()
