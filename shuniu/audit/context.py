"""The current request's IP address, for audit records written deep inside services."""

from __future__ import annotations

from contextvars import ContextVar

_current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)


def current_ip() -> str | None:
    return _current_ip.get()


def set_current_ip(ip: str | None) -> object:
    return _current_ip.set(ip)


def reset_current_ip(token: object) -> None:
    _current_ip.reset(token)  # type: ignore[arg-type]


def client_ip(meta: dict[str, str]) -> str | None:
    """REMOTE_ADDR; behind a proxy the deployment sets it correctly (see docs/deployment.md)."""
    return meta.get("REMOTE_ADDR") or None
