from __future__ import annotations

from decimal import Decimal

from django import template

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
