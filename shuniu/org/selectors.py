"""Reads of units and users, already scoped by the policies."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from shuniu.org.models import Unit, User
from shuniu.org.policies import unit_policy, user_policy


def unit_list_visible(user: Any, *, q: str = "", kind: str = "") -> QuerySet[Unit]:
    """Visible units in tree order, with their parent and user count."""
    qs = unit_policy.visible(user).select_related("parent").annotate(user_count=Count("users"))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("path")


def user_list_visible(user: Any, *, q: str = "", unit: Unit | None = None) -> QuerySet[User]:
    """Visible users with their unit and roles."""
    qs = user_policy.visible(user).select_related("unit").prefetch_related("groups")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(real_name__icontains=q) | Q(position__icontains=q))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("unit__path", "username")


LEADER_ROLES = ("county_leader", "office_director")


def leaders() -> QuerySet[User]:
    """The accounts a task's 责任领导 may be: county leaders and the office director, active, by name."""
    return (
        User.objects.filter(is_active=True, groups__role__slug__in=LEADER_ROLES)
        .distinct()
        .select_related("unit")
        .order_by("real_name", "pk")
    )


def holders(perm: str) -> QuerySet[User]:
    """The active accounts whose roles grant `perm` ("app_label.codename"), e.g. whom to tell about a roster."""
    app_label, codename = perm.split(".", 1)
    return User.objects.filter(
        is_active=True,
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ).distinct()


def is_leader(user: Any) -> bool:
    """Whether the account is an active leader's (one EXISTS on its roles; `leaders()` lists them)."""
    return bool(user.is_active) and user.groups.filter(role__slug__in=LEADER_ROLES).exists()


def leader_named(name: str) -> User | None:
    """The leader account of that name (an imported or typed 责任领导), or None when no single one matches."""
    found = list(leaders().filter(real_name=name.strip())[:2]) if name.strip() else []
    return found[0] if len(found) == 1 else None
