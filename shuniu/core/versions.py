"""Generational caching: a read that is asked for again and again (the list API) is cached under the current
version of its data domain, and every committed change bumps that version.

The version lives in the database (`DataVersion`), so every web worker, the task worker and the periodic jobs see
the same generation; the cached bodies may live in a per-process cache. A reader takes the version first and the
data second, so a body is never stored under a newer generation than its data. The bump runs after the commit
(a counter row locked inside every write transaction would serialise writers and invite deadlocks with the audit
chain head); cached bodies also expire after `ttl` seconds, which bounds the harm of a bump that never ran.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from shuniu.core.models import DataVersion


def current(*names: str) -> tuple[int, ...]:
    """The domains' generations (0 before a domain's first change), in one indexed read."""
    # Plain SQL over the whole (tiny: one row per domain) table: this read runs on every cached call, and building
    # it through the ORM would cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, value FROM core_dataversion")
        found = dict(cursor.fetchall())
    return tuple(found.get(name, 0) for name in names)


def bump_now(name: str) -> None:
    if not DataVersion.objects.filter(name=name).update(value=F("value") + 1):
        DataVersion.objects.get_or_create(name=name, defaults={"value": 1})


class _Bump:
    """One pending bump of a domain, registered with `on_commit`; it knows whether it has run (a test's
    captureOnCommitCallbacks runs callbacks without removing them)."""

    def __init__(self, name: str) -> None:
        self.name, self.done = name, False

    def __call__(self) -> None:
        self.done = True
        bump_now(self.name)


def bump(name: str) -> None:
    """Start a new generation once the current transaction commits (at once outside a transaction); many changes in
    one atomic block bump once."""
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        # one pending bump of the same savepoints is enough, not counting blocks opened without one
        # (atomic(savepoint=False): the audit record, the light history), which roll back only with their enclosing
        # block
        here = {sid for sid in conn.savepoint_ids if sid}
        for sids, func, _robust in conn.run_on_commit:
            if isinstance(func, _Bump) and func.name == name and not func.done and {s for s in sids if s} == here:
                return
    # robust: a failed bump is logged, never turned into an error for a write that has already committed (the
    # cached bodies' ttl bounds how long it can show).
    transaction.on_commit(_Bump(name), robust=True)


def cached(
    names: tuple[str, ...],
    key_parts: Iterable[object],
    compute: Callable[[], bytes],
    ttl: int = 60,
    versions: tuple[int, ...] | None = None,
) -> bytes:
    """`compute()` cached under the current generations of the domains it reads and the caller's key parts (a
    caller that has just read the generations passes them)."""
    versions = versions if versions is not None else current(*names)
    digest = hashlib.sha256(repr((names, versions, *key_parts)).encode()).hexdigest()
    key = f"gen:{digest}"
    body: bytes | None = cache.get(key)
    if body is None:
        body = compute()
        cache.set(key, body, ttl)
    return body


def bump_on_change(name: str, app_labels: set[str], models: Iterable[type[Model]] = ()) -> None:
    """Bump `name` whenever a model of these apps (or one of `models`) is saved or deleted, or an m2m of theirs
    changes. Writes through `QuerySet.update()` or `bulk_update()` send no signal: call `bump()` beside them."""
    extra = set(models)

    @functools.cache  # every save in the system asks: answer once per model class
    def watched(sender: Any) -> bool:
        meta = getattr(sender, "_meta", None)
        if meta is None:
            return False
        if meta.auto_created:  # an m2m through table: watched when one of its ends is
            return any(watched(f.related_model) for f in meta.get_fields() if f.is_relation and f.related_model)
        return meta.app_label in app_labels or sender in extra

    def on_change(sender: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):  # fixtures
            return
        if watched(sender):
            bump(name)

    def on_m2m(sender: Any, action: str, **kwargs: Any) -> None:
        if action.startswith("post_") and watched(sender):
            bump(name)

    uid = f"shuniu.versions.{name}"
    post_save.connect(on_change, weak=False, dispatch_uid=uid + ".save")
    post_delete.connect(on_change, weak=False, dispatch_uid=uid + ".delete")
    m2m_changed.connect(on_m2m, weak=False, dispatch_uid=uid + ".m2m")
