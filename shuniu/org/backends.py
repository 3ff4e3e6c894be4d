"""Permission lookups cached per user and per generation of the organisation data (units, users, roles)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from shuniu.core import versions

PERMISSION_TTL = 300


class CachedPermissionsBackend(ModelBackend):
    """Django's ModelBackend, whose two permission queries per request are replaced by one read of the "org"
    generation: any change to a user, a role or a role's permissions starts a new generation
    (`bump_on_change("org", …)` in OrgConfig.ready), so a removed role stops working with the next request."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            generation = getattr(user_obj, "org_generation", None)  # set by the token lookup of this request
            if generation is None:
                generation = versions.current("org")[0]
            key = f"perms:{user_obj.pk}:{generation}"
            perms: set[str] | None = cache.get(key)
            if perms is None:
                perms = set(super().get_all_permissions(user_obj))
                cache.set(key, perms, PERMISSION_TTL)
            user_obj._perm_cache = perms
        return user_obj._perm_cache
