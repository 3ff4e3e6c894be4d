"""Personal access tokens: shown once, stored as a SHA-256 digest, revocable."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shuniu.audit import services as audit
from shuniu.core.guard import refuse_marked
from shuniu.core.models import ApiToken


def token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw value is returned once and never stored."""
    refuse_marked([("名称", name)], user=user, where="core.apitoken")
    raw = ApiToken.PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(user=user, name=name[:100] or "token", digest=ApiToken.digest_of(raw), hint=raw[:10])
        token.full_clean()
        token.save()
        audit.record(actor=user, action="create", obj=token, changes={"name": [None, token.name]})
    return token, raw


def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token; only its owner may."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit.record(actor=actor, action="revoke", obj=token, changes={"revoked_at": [None, token.revoked_at]})
    return token
