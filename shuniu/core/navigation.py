"""The main navigation: one entry per module of SPEC; modules not installed yet are hidden."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    app_label: str
    allowed: Callable[[Any], bool] = lambda user: True


def _perm(codename: str) -> Callable[[Any], bool]:
    return lambda user: bool(user.has_perm(codename))


def _audit_reader(user: Any) -> bool:
    return bool(not user.is_superuser and user.has_perm("audit.view_auditrecord"))


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("首页"), "core:home", "core"),
    NavItem(_("督查督办"), "supervision:task-list", "supervision"),
    NavItem(_("信息报送"), "information:home", "information"),
    NavItem(_("办会"), "meetings:home", "meetings"),
    NavItem(_("办文"), "documents:home", "documents"),
    NavItem(_("值班考勤"), "duty:home", "duty"),
    NavItem(
        _("基层治理"),
        "governance:home",
        "governance",
        lambda user: any(
            user.has_perm(p)
            for p in ("governance.view_all_requests", "governance.handle_request", "governance.manage_volunteers")
        ),
    ),
    NavItem(_("组织机构"), "org:unit-list", "org", _perm("org.view_unit")),
    NavItem(_("节假日"), "core:holidays", "core", _perm("core.view_holidayoverride")),
    NavItem(_("涉密拦截"), "core:refusals", "core", _perm("core.view_classificationrefusal")),
    NavItem(_("审计日志"), "audit:log", "audit", _audit_reader),
)


def nav_for(user: Any) -> list[dict[str, str]]:
    """The entries `user` may use, with resolved URLs."""
    items = []
    for item in NAV_ITEMS:
        if not apps.is_installed(f"shuniu.{item.app_label}") or not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": str(item.label), "url": url, "name": item.url_name})
    return items
