"""The current request's IP address, for audit records written deep inside services."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar
from typing import Any

from django.conf import settings

_current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)


def current_ip() -> str | None:
    return _current_ip.get()


def set_current_ip(ip: str | None) -> object:
    return _current_ip.set(ip)


def reset_current_ip(token: object) -> None:
    _current_ip.reset(token)  # type: ignore[arg-type]


def client_ip(meta: Any) -> str | None:
    """The client's address. Behind `PROXY_COUNT` trusted reverse proxies (each appends the address it saw to
    X-Forwarded-For), the client is that many entries from the right; what a client writes further left is not
    trusted. Without proxies, REMOTE_ADDR."""
    hops = int(getattr(settings, "SHUNIU_PROXY_COUNT", 0) or 0)
    remote = meta.get("REMOTE_ADDR") or None
    forwarded = [p.strip() for p in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if p.strip()]
    if hops <= 0 or not forwarded:
        return remote
    candidate = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_ip_of_request(request: Any) -> str | None:
    """`client_ip` for a request (django-axes' AXES_CLIENT_IP_CALLABLE, so lockouts count the same address)."""
    return client_ip(request.META)
