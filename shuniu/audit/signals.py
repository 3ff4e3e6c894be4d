"""Logins, logouts and failed logins go to the audit chain."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from shuniu.audit.context import client_ip
from shuniu.audit.services import record


def _ip(request: Any) -> str | None:
    return client_ip(request.META) if request is not None else None


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(actor=user, action="login", obj=user, ip=_ip(request))


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(actor=user, action="logout", obj=user, ip=_ip(request))


@receiver(user_login_failed)
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    record(
        actor=None,
        actor_name=username,
        action="login_failed",
        object_type="auth.login",
        object_repr=username,
        ip=_ip(request),
    )
