"""Who sees which units and users (SPEC §2.2): scope from roles, reach from the unit tree."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shuniu.org.models import Role, Unit, User

_SCOPE_RANK = {Role.Scope.ALL: 0, Role.Scope.SUBTREE: 1, Role.Scope.UNIT: 2, Role.Scope.OWN: 3}


def user_scope(user: Any) -> str:
    """The widest data scope among the user's roles ("own" when they hold none)."""
    if not getattr(user, "is_authenticated", False):
        return Role.Scope.OWN
    if user.is_superuser or getattr(user, "is_system", False):  # a job acts county-wide
        return Role.Scope.ALL
    cached: str | None = getattr(user, "_shuniu_scope", None)
    if cached is None:
        scopes = list(Role.objects.filter(group__user=user).values_list("scope", flat=True))
        cached = min(scopes, key=lambda s: _SCOPE_RANK[Role.Scope(s)], default=Role.Scope.OWN)
        user._shuniu_scope = cached
    return cached


def role_slugs(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Role.objects.filter(group__user=user).values_list("slug", flat=True))


def _unit_path(user: Any) -> str | None:
    unit = getattr(user, "unit", None)
    return unit.path if unit is not None else None


class UnitPolicy:
    """Units: everyone sees their own unit; scope widens it to the subtree or the county."""

    def visible(self, user: Any, queryset: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
        """The units `user` may see (within `queryset` when given)."""
        qs = Unit.objects.all() if queryset is None else queryset
        if not getattr(user, "is_authenticated", False):
            return qs.none()
        scope = user_scope(user)
        if scope == Role.Scope.ALL:
            return qs
        path = _unit_path(user)
        if path is None:
            return qs.none()
        if scope == Role.Scope.SUBTREE:
            return qs.filter(path__startswith=path)
        return qs.filter(pk=user.unit_id)

    def can(self, user: Any, action: str, obj: Unit | None = None) -> bool:
        """view: anyone who sees it; create/change/import: holders of org.change_unit."""
        if action == "view":
            return bool(getattr(user, "is_authenticated", False))
        if action in {"create", "change", "import"}:
            return bool(user.has_perm("org.change_unit"))
        return False


class UserPolicy:
    """Users: the same reach as units, except the "own" scope sees only oneself."""

    def visible(self, user: Any, queryset: QuerySet[User] | None = None) -> QuerySet[User]:
        """The users `user` may see (within `queryset` when given)."""
        qs = User.objects.select_related("unit") if queryset is None else queryset
        if not getattr(user, "is_authenticated", False):
            return qs.none()
        scope = user_scope(user)
        if scope == Role.Scope.ALL:
            return qs
        path = _unit_path(user)
        if scope == Role.Scope.SUBTREE and path is not None:
            return qs.filter(unit__path__startswith=path)
        if scope == Role.Scope.UNIT and path is not None:
            return qs.filter(unit_id=user.unit_id)
        return qs.filter(pk=user.pk)

    def can(self, user: Any, action: str, obj: User | None = None) -> bool:
        """三员分立: accounts (create/change/import/reset_password) are the system administrator's (org.change_user),
        roles (set_roles) the security administrator's (org.assign_role), never on oneself; nobody but its owner
        resets the password of an account that holds one of the three administrator roles."""
        if action == "view":
            return bool(getattr(user, "is_authenticated", False))
        if action in {"create", "change", "import"}:
            return bool(user.has_perm("org.change_user"))
        if action == "reset_password":
            return bool(user.has_perm("org.change_user")) and obj is not None and not holds_admin_role(obj)
        if action == "set_roles":
            return bool(user.has_perm("org.assign_role")) and (obj is None or obj.pk != user.pk)
        return False


def holds_admin_role(user: Any) -> bool:
    """Whether `user` holds one of the three administrator roles (系统管理员, 安全管理员, 审计管理员)."""
    from shuniu.org.roles import THREE_ADMINS

    return bool(role_slugs(user) & THREE_ADMINS)


unit_policy = UnitPolicy()
user_policy = UserPolicy()
