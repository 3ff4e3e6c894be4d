from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from shuniu.audit import services as audit
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


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "parent", "sort_order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["path", "depth"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tree paths are kept by the services: create units on the units page


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin[User]):
    list_display = ["username", "real_name", "unit", "position", "is_active"]
    search_fields = ["username", "real_name"]
    list_select_related = ["unit"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("枢纽", {"fields": ("real_name", "unit", "position", "phone", "must_change_password")}),
    )
    filter_horizontal = ()
    readonly_fields = ["groups", "is_superuser", "user_permissions"]


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ["group", "slug", "scope"]
