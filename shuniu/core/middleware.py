from __future__ import annotations

import logging
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
API_PREFIX = "/api/"
PUBLIC_PREFIXES = (API_PREFIX, "/static/", "/i18n/", "/healthz", "/portal/", "/open311/")


def _error_code(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def json_error(status: int, detail: Any = None, error: str | None = None) -> JsonResponse:
    """The API's one error shape: {"error": "...", "detail": ...} (SPEC §2.8)."""
    if detail is None:
        detail = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
    return JsonResponse(
        {"error": error or _error_code(status), "detail": detail},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class ApiJsonErrorsMiddleware:
    """Under /api/, every error is JSON — also 404s for unknown paths, 405s and crashes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return json_error(response.status_code)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(API_PREFIX) and isinstance(exception, Http404):
            return json_error(404, _("未找到该对象"))
        if request.path.startswith(API_PREFIX) and isinstance(exception, PermissionDenied):
            return json_error(403, str(exception) or _("没有权限执行该操作"))
        if isinstance(exception, ValidationError):  # bad input that reached a read (a date out of range…): 400
            if request.path.startswith(API_PREFIX):
                return json_error(400, exception.messages)
            return render(request, "400.html", {"messages_list": exception.messages}, status=400)
        if request.path.startswith(API_PREFIX):
            logger.exception("API error", exc_info=exception)
            return json_error(500, _("服务器内部错误"))
        return None


class ChineseFirstMiddleware:
    """Chinese unless the user chose English: the browser's Accept-Language is not consulted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class LoginRequiredExceptApiMiddleware(LoginRequiredMiddleware):
    """Deny by default; the API answers 401 JSON itself instead of redirecting to the login page."""

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path.startswith(PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PasswordChangeRequiredMiddleware:
    """A user created by an administrator must choose a new password before anything else."""

    allowed = ("password_change", "logout")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(PUBLIC_PREFIXES)
            and request.path not in {reverse(name) for name in self.allowed}
        ):
            return redirect("password_change")
        return self.get_response(request)


class SlidingSessionMiddleware:
    """Idle timeout without a database write on every page: a signed-in session is saved (and its expiry pushed
    SESSION_COOKIE_AGE ahead) at most once per SESSION_TOUCH_SECONDS, so it expires after 30 minutes of
    inactivity give or take that minute. Replaces SESSION_SAVE_EVERY_REQUEST (three queries per page)."""

    KEY = "_touched"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.SESSION_TOUCH_SECONDS:
                session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response
