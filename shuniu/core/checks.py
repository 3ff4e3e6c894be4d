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


@register(Tags.security, deploy=True)
def audit_hmac_key(app_configs: Any, **kwargs: Any) -> list[Error]:
    """The audit chain is signed with a key kept outside the database."""
    if getattr(settings, "AUDIT_HMAC_KEYS", None):
        return []
    return [
        Error(
            "AUDIT_HMAC_KEY is not set.",
            hint="Set it to a long random secret, kept outside the database (see docs/deployment.md).",
            id="shuniu.E002",
        )
    ]
