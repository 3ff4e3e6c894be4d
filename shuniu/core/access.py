"""One way to fetch and authorise: invisible objects are 404, forbidden actions are 403 (SPEC §2.2).

Every model a user can reach has a policy with `visible(user) -> QuerySet` and `can(user, action, obj) -> bool`.
Most are a `ScopedPolicy`: capability from a permission, reach from the unit tree (the units the user's roles let
him see, registered by the org app). Pages and the API fetch through `get_for_user` — once, with what the page
needs — and children (reports, extensions) through `get_child_for_user`, so the rule is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from shuniu.core.workflow import Workflow

M = TypeVar("M", bound=Model)
C = TypeVar("C", bound=Model)


class Policy(Protocol[M]):
    def visible(self, user: Any) -> QuerySet[M]: ...

    def can(self, user: Any, action: str, obj: M | None) -> bool: ...


_unit_scope: list[Callable[[Any], QuerySet[Any]]] = []


def register_unit_scope(scope: Callable[[Any], QuerySet[Any]]) -> None:
    """The org app registers how a user's visible units are found (core cannot import org)."""
    _unit_scope[:] = [scope]


def visible_units(user: Any) -> QuerySet[Any]:
    """The units `user` may see (his own unit, his subtree or the county, by his roles' data scope)."""
    if not _unit_scope:
        raise RuntimeError("no unit scope registered (is shuniu.org installed?)")
    return _unit_scope[0](user)


def unit_ids(user: Any) -> frozenset[int]:
    """The ids of the units `user` may see, read once per user object (one request): a page asks it for every
    button it might show."""
    cached: frozenset[int] | None = getattr(user, "_shuniu_unit_ids", None)
    if cached is None:
        cached = frozenset(visible_units(user).values_list("pk", flat=True))
        user._shuniu_unit_ids = cached
    return cached


def authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def in_a_unit(user: Any) -> bool:
    """A signed-in member of a unit (the office's own staff pages: leave, duty, attendance)."""
    return authenticated(user) and getattr(user, "unit_id", None) is not None


def has_perm(user: Any, perm: str) -> bool:
    return bool(perm) and authenticated(user) and bool(user.has_perm(perm))


def has_any_perm(user: Any, *perms: str) -> bool:
    """Whether `user` holds at least one of `perms` (empty names are ignored)."""
    return any(has_perm(user, p) for p in perms if p)


class ScopedPolicy(Generic[M]):
    """Visibility by permission and unit tree; actions by permission, unit actions only in the acting unit.

    - `view_all_perm` sees every object; otherwise an object is visible when one of `unit_fields` (a foreign key
      or many-to-many to Unit) is among the user's visible units, or `own_field` points at the user.
    - `manage_actions` need `manage_perm`; `unit_actions` need `unit_perm` and the object's `acting_unit_field`
      among the user's visible units (or `own_field` pointing at him); "view" needs only visibility.
    - `allowed_actions(user, obj)` reads the declared workflow."""

    model: ClassVar[type[Model]]
    view_all_perm: ClassVar[str] = ""
    manage_perm: ClassVar[str] = ""
    unit_perm: ClassVar[str] = ""
    unit_fields: ClassVar[tuple[str, ...]] = ()
    acting_unit_field: ClassVar[str] = ""
    own_field: ClassVar[str] = ""
    manage_actions: ClassVar[frozenset[str]] = frozenset()
    unit_actions: ClassVar[frozenset[str]] = frozenset()
    workflow: ClassVar[Workflow[Any] | None] = None

    def __init__(self) -> None:
        if self.workflow is not None:
            self.workflow.policy = self

    def base_queryset(self) -> QuerySet[M]:
        return self.model._default_manager.all()  # type: ignore[return-value]

    def sees_all(self, user: Any) -> bool:
        return has_perm(user, self.view_all_perm)

    def scope_filter(self, user: Any) -> Q | None:
        """The condition for what a user who does not see all may see (None: nothing). Reach by the unit tree needs
        a capability too: an account whose roles grant nothing in this module (the three administrators, a
        hotline operator for tasks) sees nothing of it, however wide its data scope."""
        if not has_any_perm(user, self.unit_perm, self.manage_perm):
            return None
        units = visible_units(user).values("pk")
        condition = Q()
        for name in self.unit_fields:
            field = self.model._meta.get_field(name)
            if field.many_to_many:  # a subquery on the link table: no join, no DISTINCT on the list
                through = field.remote_field.through  # type: ignore[union-attr]
                links = through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": units})  # type: ignore[union-attr]
                condition |= Q(pk__in=links.values(field.m2m_field_name()))  # type: ignore[union-attr]
            else:
                condition |= Q(**{f"{name}__in": units})
        if self.own_field:
            condition |= Q(**{self.own_field: user.pk})
        return condition if condition else None

    def visible(self, user: Any, queryset: QuerySet[M] | None = None) -> QuerySet[M]:
        """The objects `user` may see (within `queryset` when given, keeping its select/prefetch)."""
        qs = self.base_queryset() if queryset is None else queryset
        if not authenticated(user):
            return qs.none()
        if self.sees_all(user):
            return qs
        condition = self.scope_filter(user)
        return qs.filter(condition) if condition is not None else qs.none()

    def in_acting_unit(self, user: Any, obj: M) -> bool:
        """Whether `obj`'s acting unit is among the user's units (or the object is his own)."""
        if self.own_field and self._own(user, obj):
            return True
        unit_id = getattr(obj, f"{self.acting_unit_field}_id", None) if self.acting_unit_field else None
        return unit_id is not None and unit_id in unit_ids(user)

    def _own(self, user: Any, obj: M) -> bool:
        return self.base_queryset().filter(pk=obj.pk, **{self.own_field: user.pk}).exists()

    def can(self, user: Any, action: str, obj: M | None = None) -> bool:
        """view for whoever sees it; manage actions by permission; unit actions in the acting unit."""
        if not authenticated(user):
            return False
        if action == "view":
            return True
        if action in self.manage_actions and has_perm(user, self.manage_perm):
            return True
        if action in self.unit_actions:
            return obj is not None and has_perm(user, self.unit_perm) and self.in_acting_unit(user, obj)
        return False

    def allowed_actions(self, user: Any, obj: M) -> list[str]:
        """The declared transitions `user` may run on `obj` in its present state."""
        from shuniu.core.workflow import allowed

        return [t.name for t in allowed(self.workflow, self, user, obj)] if self.workflow is not None else []


def authorize(policy: Policy[M], user: Any, action: str, obj: M | None = None) -> None:
    """Raise PermissionDenied unless `user` may do `action` on `obj` (or in general when obj is None)."""
    if not policy.can(user, action, obj):
        raise PermissionDenied


def get_for_user(
    policy: Policy[M], user: Any, action: str = "view", *, queryset: QuerySet[M] | None = None, **lookup: Any
) -> M:
    """The object matching `lookup` among those `user` may see (else 404), authorised for `action` (else 403).

    `queryset` carries the select/prefetch the page needs: the object is fetched once, already scoped."""
    visible = policy.visible(user) if queryset is None else policy.visible(user, queryset)  # type: ignore[call-arg]
    obj = get_object_or_404(visible, **lookup)
    authorize(policy, user, action, obj)
    return obj


def get_child_for_user(
    policy: Policy[M], user: Any, children: QuerySet[C], parent: str, action: str = "view", **lookup: Any
) -> tuple[C, M]:
    """A child object (a report, an extension) found only through a parent `user` may see (else 404), with the
    parent authorised for `action` (else 403)."""
    child = get_object_or_404(children.select_related(parent), **{f"{parent}__in": policy.visible(user)}, **lookup)
    owner: M = getattr(child, parent)
    authorize(policy, user, action, owner)
    return child, owner
