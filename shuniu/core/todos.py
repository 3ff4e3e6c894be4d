"""The home page's 待办: each module registers a provider that returns the user's open items, one per thing to do
(with its deadline), so that the liaison's inbox reads by deadline. A provider caps long lists with one item that
stands for the rest (`count`) and links to the filtered list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

CAP = 30  # items of one kind listed one by one before "还有 N 项"


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    due: dt.date | None = None
    level: str = "info"
    module: str | Promise = ""
    count: int = 1  # >1: an item standing for several ("还有 N 项…")

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


_providers: list[Callable[[Any], list[Todo]]] = []


def register(provider: Callable[[Any], list[Todo]]) -> Callable[[Any], list[Todo]]:
    _providers.append(provider)
    return provider


def capped(items: Sequence[Todo], total: int, rest_url: str, module: str | Promise) -> list[Todo]:
    """The first CAP items, then one that stands for the other `total - CAP` and opens the list."""
    out = list(items[:CAP])
    if total > len(out):
        rest = total - len(out)
        out.append(Todo(_("还有%(n)s项，查看全部") % {"n": rest}, rest_url, module=module, count=rest))
    return out


def todos_for(user: Any) -> list[Todo]:
    """Every provider's items, by deadline (earliest first; items without one last)."""
    items: list[Todo] = []
    for provider in _providers:
        items.extend(provider(user))
    return sorted(items, key=lambda t: (t.count > 1, t.due is None, t.due or dt.date.max))


def todo_key(obj: Any, state: str) -> str:
    """The key of a to-do about `obj` in `state` (e.g. a task waiting in 已交办 to be signed for)."""
    return f"{obj._meta.label_lower}:{obj.pk}:{state}"[:120]


_state_listeners: list[Callable[[Any, str], None]] = []


def on_state_left(listener: Callable[[Any, str], None]) -> None:
    """`listener(obj, state)` runs (in the transaction) whenever a workflow moves `obj` out of `state`."""
    if listener not in _state_listeners:
        _state_listeners.append(listener)


def state_left(obj: Any, state: str) -> None:
    for listener in _state_listeners:
        listener(obj, state)
