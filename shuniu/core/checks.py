from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def field_encryption_keys(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Personal data cannot be stored without FIELD_ENCRYPTION_KEYS."""
    if settings.FIELD_ENCRYPTION_KEYS:
        return []
    return [
        Error(
            "FIELD_ENCRYPTION_KEYS is not set.",
            hint="Set it to one or more Fernet keys (see README).",
            id="shuniu.E001",
        )
    ]
