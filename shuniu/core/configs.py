"""Changing a county's rule table (a `SingletonConfig`): one audited write for every module's rules page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.models import SingletonConfig

C = TypeVar("C", bound=SingletonConfig)


def update_config(model: type[C], *, actor: Any, perm: str, values: Mapping[str, Any]) -> C:
    """Set `values` (unknown keys ignored) on the rule row under its lock, validate, save, and audit the change with
    its old and new values; PermissionDenied without `perm`."""
    if not has_perm(actor, perm):
        raise PermissionDenied
    fields = [f.name for f in model._meta.concrete_fields if f.name not in {"id", "updated_at"}]
    with transaction.atomic():
        config = model._default_manager.select_for_update().get(pk=model.current().pk)
        before = audit.snapshot(config, fields)
        for key, value in values.items():
            if key in fields:
                setattr(config, key, value)
        config.full_clean()
        config.save()
        audit.record(
            actor=actor, action="update", obj=config, changes=audit.diff(before, audit.snapshot(config, fields))
        )
    return config
