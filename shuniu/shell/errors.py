"""The error pages, in Chinese inside the product's shell, each with a way back (403, 404, 400, CSRF failure);
the 500 page is a plain template that needs no database."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _page(request: HttpRequest, status: int, heading: str, explanation: str) -> HttpResponse:
    context = {"code": status, "heading": heading, "explanation": explanation}
    return render(request, "_error.html", context, status=status)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 404, _("页面不存在"), _("您要找的页面不存在，或者您没有查看它的权限。"))


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 403, _("没有权限"), _("您的角色不能执行这项操作。如确需办理，请联系本单位管理员。"))


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 400, _("请求有误"), _("提交的内容不符合要求，请返回检查后再试。"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        _("页面已过期"),
        _("为保护您的账户，这次提交没有被接受（页面停留过久或已在别处退出）。请返回、刷新页面后重新提交。"),
    )
