"""The main navigation, built from the entries each app registers (`shuniu.core.registry.nav`)."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from shuniu.core import registry


def nav_for(user: Any) -> list[dict[str, str]]:
    """The entries `user` may use, in their registered order, with resolved URLs."""
    items = []
    for item in registry.nav_items():
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": str(item.label), "url": url, "name": item.url_name})
    return items
