"""To-dos on the home page: each module registers a provider that returns the user's open items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    due: str = ""
    level: str = "info"


_providers: list[Callable[[Any], list[Todo]]] = []


def register(provider: Callable[[Any], list[Todo]]) -> Callable[[Any], list[Todo]]:
    _providers.append(provider)
    return provider


def todos_for(user: Any) -> list[Todo]:
    items: list[Todo] = []
    for provider in _providers:
        items.extend(provider(user))
    return items
