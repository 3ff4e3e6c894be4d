"""One way to fetch and authorise: invisible objects are 404, forbidden actions are 403.

Each app's `policies.py` declares a policy with `visible(user) -> QuerySet` and
`can(user, action, obj) -> bool`. Pages and the API both go through `get_for_user`, so the rule
is the same everywhere (SPEC §2.2).
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


class Policy(Protocol[M]):
    def visible(self, user: Any) -> QuerySet[M]: ...

    def can(self, user: Any, action: str, obj: M | None) -> bool: ...


def authorize(policy: Policy[M], user: Any, action: str, obj: M | None = None) -> None:
    """Raise PermissionDenied unless `user` may do `action` on `obj` (or in general when obj is None)."""
    if not policy.can(user, action, obj):
        raise PermissionDenied


def get_for_user(policy: Policy[M], user: Any, action: str = "view", **lookup: Any) -> M:
    """The object matching `lookup` among those `user` may see (else 404), authorised for `action` (else 403)."""
    obj = get_object_or_404(policy.visible(user), **lookup)
    authorize(policy, user, action, obj)
    return obj
