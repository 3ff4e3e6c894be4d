from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from shuniu.audit.context import client_ip, reset_current_ip, set_current_ip


class AuditRequestMiddleware:
    """Makes the request's IP available to audit records written by services."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_current_ip(client_ip(request.META))
        try:
            return self.get_response(request)
        finally:
            reset_current_ip(token)
