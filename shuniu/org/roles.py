"""The default roles (SPEC §1) with their data scopes and permissions; created after every migrate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission

from shuniu.core import registry

SYSADMIN, SECADMIN, AUDITOR = "sysadmin", "secadmin", "auditor"
# 三员分立: nobody may hold two of these.
THREE_ADMINS = frozenset({SYSADMIN, SECADMIN, AUDITOR})

ORG_VIEW = ("org.view_unit", "org.view_user")


@dataclass(frozen=True)
class RoleDef:
    slug: str
    name: str
    scope: str
    perms: tuple[str, ...]
    description: str = ""


# The roles and the organisation's own permissions; every other app grants its permissions to these roles in its
# AppConfig.ready() (shuniu.core.registry.grant), so this list names no app above org.
ROLE_DEFS: tuple[RoleDef, ...] = (
    RoleDef(
        SYSADMIN,
        "系统管理员",
        "all",
        (*ORG_VIEW, "org.add_unit", "org.change_unit", "org.add_user", "org.change_user"),
        "管理账户、单位和系统配置；不能分配角色，不能查看审计日志",
    ),
    RoleDef(
        SECADMIN,
        "安全管理员",
        "all",
        (*ORG_VIEW, "org.assign_role", "org.unlock_account"),
        "分配角色、解锁账户、查看涉密拦截记录；不能管理账户",
    ),
    RoleDef(AUDITOR, "审计管理员", "all", ("audit.view_auditrecord",), "只读审计日志；不能修改用户和数据"),
    RoleDef("county_leader", "县领导", "all", ORG_VIEW),
    RoleDef("office_director", "办公室主任", "all", ORG_VIEW),
    RoleDef("supervisor", "督查员", "all", ORG_VIEW),
    RoleDef("secretary", "领导秘书", "all", ORG_VIEW, "安排领导日程、会议室和外出报备（办公室秘书科）"),
    RoleDef(
        "doc_clerk", "文书", "all", ORG_VIEW, "收文签收登记、分办传阅，发文核稿、编号、用印、分发、归档（办公室文秘科）"
    ),
    RoleDef("info_officer", "信息员", "subtree", ORG_VIEW),
    RoleDef("info_editor", "信息科编辑", "all", ORG_VIEW, "编辑、采用、编刊、统计积分（办公室信息科）"),
    RoleDef("section_head", "科室负责人", "subtree", ORG_VIEW),
    RoleDef("deputy_director", "分管领导", "all", ORG_VIEW, "办公室副主任：分管科室的请假审批，带班"),
    RoleDef("personnel", "人事干事", "all", ORG_VIEW, "人员信息、请销假规则与统计、考勤"),
    RoleDef("secrecy_inspector", "保密检查员", "all", ORG_VIEW, "制定保密检查计划、进驻检查、复查整改（保密办）"),
    RoleDef("united_front_officer", "统战干事", "all", ORG_VIEW, "统战对象名册、联谊交友、建言献策（县委统战部）"),
    RoleDef("reception_officer", "接待员", "all", ORG_VIEW, "登记公函、申请接待、填写接待清单、整理报销材料（接待办）"),
    RoleDef("liaison", "单位联络员", "subtree", ORG_VIEW),
    RoleDef("handler", "承办人", "unit", ORG_VIEW),
    RoleDef("duty_officer", "值班员", "unit", ORG_VIEW),
    RoleDef("operator", "话务员", "all", ORG_VIEW),
    RoleDef("mediator", "调解员/法律顾问", "own", ORG_VIEW),
    RoleDef("volunteer_admin", "志愿者管理员", "subtree", ORG_VIEW),
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
        wanted = {*definition.perms, *registry.grants_for(definition.slug)}
        group.permissions.set([perms[p] for p in sorted(wanted) if p in perms])
