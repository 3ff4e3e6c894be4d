"""The default roles (SPEC §1) with their data scopes and permissions; created after every migrate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission

SYSADMIN, SECADMIN, AUDITOR = "sysadmin", "secadmin", "auditor"
# 三员分立: nobody may hold two of these.
THREE_ADMINS = frozenset({SYSADMIN, SECADMIN, AUDITOR})

ORG_VIEW = ["org.view_unit", "org.view_user"]
SUP_ALL = "supervision.view_all_tasks"
SUP_MANAGE = "supervision.manage_task"
SUP_REPORT = "supervision.report_task"
GOV_ALL = "governance.view_all_requests"
GOV_DISPATCH = "governance.dispatch_request"
GOV_HANDLE = "governance.handle_request"
GOV_PERSONAL = "governance.view_personal_data"


@dataclass(frozen=True)
class RoleDef:
    slug: str
    name: str
    scope: str
    perms: tuple[str, ...]
    description: str = ""


ROLE_DEFS: tuple[RoleDef, ...] = (
    RoleDef(
        SYSADMIN,
        "系统管理员",
        "all",
        (
            *ORG_VIEW,
            "org.add_unit",
            "org.change_unit",
            "org.add_user",
            "org.change_user",
            "core.view_holidayoverride",
            "core.add_holidayoverride",
            "core.change_holidayoverride",
            "core.delete_holidayoverride",
            "supervision.change_supervisionconfig",
            "governance.change_governanceconfig",
        ),
        "管理用户、单位和系统配置；不能查看审计日志",
    ),
    RoleDef(
        SECADMIN,
        "安全管理员",
        "all",
        (*ORG_VIEW, "core.view_classificationrefusal"),
        "查看涉密拦截记录和登录锁定；不能管理用户",
    ),
    RoleDef(AUDITOR, "审计管理员", "all", ("audit.view_auditrecord",), "只读审计日志；不能修改用户和数据"),
    RoleDef("county_leader", "县领导", "all", (*ORG_VIEW, SUP_ALL, GOV_ALL)),
    RoleDef(
        "office_director",
        "办公室主任",
        "all",
        (
            *ORG_VIEW,
            SUP_ALL,
            SUP_MANAGE,
            "supervision.change_supervisionconfig",
            GOV_ALL,
            GOV_DISPATCH,
            "governance.change_governanceconfig",
        ),
    ),
    RoleDef("supervisor", "督查员", "all", (*ORG_VIEW, SUP_ALL, SUP_MANAGE, GOV_ALL)),
    RoleDef("info_officer", "信息员", "subtree", tuple(ORG_VIEW)),
    RoleDef("section_head", "科室负责人", "subtree", (*ORG_VIEW, SUP_REPORT)),
    RoleDef("liaison", "单位联络员", "subtree", (*ORG_VIEW, SUP_REPORT, GOV_HANDLE)),
    RoleDef("handler", "承办人", "unit", (*ORG_VIEW, SUP_REPORT, GOV_HANDLE)),
    RoleDef("duty_officer", "值班员", "unit", tuple(ORG_VIEW)),
    RoleDef("operator", "话务员", "all", (*ORG_VIEW, GOV_ALL, GOV_DISPATCH, GOV_PERSONAL)),
    RoleDef("mediator", "调解员/法律顾问", "own", tuple(ORG_VIEW)),
    RoleDef("volunteer_admin", "志愿者管理员", "subtree", (*ORG_VIEW, "governance.manage_volunteers")),
)

ROLE_BY_SLUG = {r.slug: r for r in ROLE_DEFS}
ROLE_BY_NAME = {r.name: r for r in ROLE_DEFS}


def ensure_roles(**kwargs: Any) -> None:
    """Create or refresh the default roles; idempotent, runs after `migrate`."""
    from shuniu.org.models import Role

    perms = {f"{p.content_type.app_label}.{p.codename}": p for p in Permission.objects.select_related("content_type")}
    for definition in ROLE_DEFS:
        group, _ = Group.objects.get_or_create(name=definition.name)
        Role.objects.update_or_create(
            group=group,
            defaults={"slug": definition.slug, "scope": definition.scope, "description": definition.description},
        )
        group.permissions.set([perms[p] for p in definition.perms if p in perms])
