"""API plumbing: token and session authentication, and JSON errors for every status (SPEC §2.8)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from shuniu.core import versions
from shuniu.core.middleware import json_error
from shuniu.core.models import ApiToken

logger = logging.getLogger(__name__)
TOKEN_TTL = 300


class TokenAuth(HttpBearer):
    """`Authorization: Bearer snu_…` with a personal access token that is neither revoked nor of an inactive user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(ApiToken.PREFIX):
            return None
        # Looked up once per generation of the organisation data: revoking a token, deactivating a user or
        # changing their roles starts a new generation, so the next request looks again.
        digest = ApiToken.digest_of(token)
        generation = versions.current("org")[0]
        key = f"token:{digest}:{generation}"
        cached: tuple[int, dt.datetime | None, Any] | None = cache.get(key)
        store = cached is None
        if cached is None:
            found = (
                ApiToken.objects.select_related("user", "user__unit")
                .filter(digest=digest, revoked_at__isnull=True, user__is_active=True)
                .first()
            )
            if found is None:
                return None
            cached = (found.pk, found.last_used_at, found.user)
        token_pk, last_used_at, user = cached[0], cached[1], cached[2]
        now = timezone.now()
        if last_used_at is None or now - last_used_at > dt.timedelta(minutes=5):
            ApiToken.objects.filter(pk=token_pk).update(last_used_at=now)
            cached, store = (token_pk, now, user), True
        if store:
            cache.set(key, cached, TOKEN_TTL)
        setattr(user, "org_generation", generation)  # noqa: B010 (the permission lookup of this request keys on it)
        refuse_until_password_changed(user)
        request.user = user
        return user


def refuse_until_password_changed(user: Any) -> None:
    """A user who must change the initial password reaches the API only after doing so (as on the pages)."""
    if getattr(user, "must_change_password", False):
        raise PasswordChangeRequiredError(_("请先在网页上修改初始密码，再使用接口。"))


class PasswordChangeRequiredError(PermissionDenied):
    pass


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser session, with CSRF checked on unsafe methods."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user:
            refuse_until_password_changed(request.user)
        return user


def install_error_handlers(api: NinjaAPI) -> None:
    def handler(status: int, detail_of: Any) -> Any:
        def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
            return json_error(status, detail_of(exc))

        return handle

    api.add_exception_handler(Http404, handler(404, lambda e: _("未找到该对象")))
    api.add_exception_handler(PermissionDenied, handler(403, lambda e: str(e) or _("没有权限执行该操作")))
    api.add_exception_handler(AuthenticationError, handler(401, lambda e: _("需要登录或有效的访问令牌")))
    api.add_exception_handler(NinjaValidationError, handler(422, lambda e: e.errors))
    api.add_exception_handler(DjangoValidationError, handler(400, lambda e: e.messages))
    api.add_exception_handler(HttpError, lambda request, exc: json_error(exc.status_code, str(exc)))

    def crash(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return json_error(500, _("服务器内部错误"))

    api.add_exception_handler(Exception, crash)  # type: ignore[arg-type]


def actor(request: HttpRequest) -> Any:
    """The authenticated user of an API call (token or session)."""
    return getattr(request, "auth", None) or request.user


MAX_OFFSET = 1_000_000


def page_window(limit: int, offset: int, *, max_limit: int = 100) -> tuple[int, int]:
    """The (limit, offset) of a list call, clamped; an offset beyond any table is refused with a 400."""
    if offset > MAX_OFFSET:
        raise HttpError(400, _("offset 不能超过 %(n)s。") % {"n": MAX_OFFSET})
    return min(max(limit, 1), max_limit), max(offset, 0)


def staff_only_docs(view: Any) -> Any:
    """The API's documentation (the page and openapi.json) for signed-in users and token holders only: a browser
    without a session goes to the login page, a script without a token gets 401 JSON."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        header = request.headers.get("Authorization", "")
        if user is None and header.startswith("Bearer "):
            try:
                user = TokenAuth().authenticate(request, header.removeprefix("Bearer ").strip())
            except PermissionDenied:
                user = None
        if user is None:
            if request.path.endswith(".json"):
                return json_error(401, _("需要登录或有效的访问令牌"))
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def reason_from_body(request: HttpRequest) -> dict[str, str]:
    """The optional JSON body {"reason": …} of a transition route, read once the object is found (an invisible
    object is 404 whatever was sent); a body that is not JSON is a Chinese 400."""
    import json

    try:
        data = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise DjangoValidationError(_('请求体应为 JSON，如 {"reason": "……"}。')) from exc
    return {"reason": str(data.get("reason") or "")[:5000]} if isinstance(data, dict) else {"reason": ""}


REASON_BODY = {
    "requestBody": {
        "content": {"application/json": {"schema": {"type": "object", "properties": {"reason": {"type": "string"}}}}}
    }
}
