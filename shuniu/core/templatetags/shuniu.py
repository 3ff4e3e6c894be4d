from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html

from shuniu.core.privacy import for_viewer, redact

register = template.Library()


@register.filter
def percent(value: Decimal | float | None, digits: int = 1) -> str:
    """0.6667 → 66.7%."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.{digits}f}%"


@register.filter(name="redact")
def redact_filter(value: str | None) -> str:
    """Public text with ID, mobile and landline numbers masked (shuniu.core.privacy)."""
    return redact(value or "")


@register.filter(name="personal")
def personal_filter(value: str | None, may_see: bool) -> str:
    """A citizen's own words as this viewer reads them: whole with view_personal_data, numbers masked otherwise."""
    return for_viewer(value or "", may_see=bool(may_see))


@register.simple_tag(takes_context=True)
def sort_link(context: dict[str, Any], key: str, label: str) -> str:
    """A sortable column header: a link that sorts by `key`, then the other way; an arrow on the active one."""
    request = context.get("request")
    if request is None:
        return conditional_escape(label)
    current = request.GET.get("sort", "") or context.get("sort", "")
    descending = current == f"-{key}"
    active = current.lstrip("-") == key
    query = request.GET.copy()
    query.pop("page", None)
    query["sort"] = key if descending or not active else f"-{key}"
    arrow = ("▼" if descending else "▲") if active else ""
    return format_html(
        '<a class="sort-link{}" href="?{}">{}{}</a>', " active" if active else "", query.urlencode(), label, arrow
    )


@register.filter(name="get_item")
def get_item(mapping: Any, key: Any) -> Any:
    """`{{ rows|get_item:key }}`: a dict's value in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
