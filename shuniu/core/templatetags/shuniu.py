from __future__ import annotations

from decimal import Decimal

from django import template

from shuniu.core.privacy import redact

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
