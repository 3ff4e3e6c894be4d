"""Units and users from Excel: every row checked first, then all created in one transaction or none."""

from __future__ import annotations

import re
from typing import IO, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.core.access import authorize
from shuniu.core.excel import ImportReport, RowError, SheetRow, read_sheet, report_progress
from shuniu.core.guard import ClassifiedContentError, refuse_marked
from shuniu.org import services
from shuniu.org.models import Unit, User
from shuniu.org.policies import unit_policy, user_policy
from shuniu.org.roles import ROLE_BY_NAME, ROLE_BY_SLUG, THREE_ADMINS

UNIT_COLUMNS = ["单位名称", "类型", "上级单位", "简称", "排序"]
UNIT_REQUIRED = ["单位名称", "类型"]
USER_COLUMNS = ["登录名", "姓名", "单位", "初始密码", "职务", "手机", "邮箱", "角色"]
USER_REQUIRED = ["登录名", "姓名", "单位", "初始密码"]
_KIND_BY_LABEL = {str(label): value for value, label in Unit.Kind.choices} | {v: v for v in Unit.Kind.values}
_USERNAME = re.compile(r"^[\w.@+-]{2,150}$")
_PHONE = re.compile(r"^[0-9-]{7,20}$")


def _guard(row: SheetRow, actor: Any, where: str) -> list[RowError]:
    for column, text in row.values.items():
        try:
            refuse_marked([(column, text)], user=actor, where=where)
        except ClassifiedContentError as exc:
            return [RowError(row.number, column, exc.messages[0])]
    return []


def _unit_row_errors(row: SheetRow, known: dict[str, int], actor: Any) -> list[RowError]:
    v, errors = row.values, _guard(row, actor, "org.units_import")
    if v["类型"] and v["类型"] not in _KIND_BY_LABEL:
        errors.append(RowError(row.number, "类型", _("未知类型“%(v)s”") % {"v": v["类型"]}))
    parent = v.get("上级单位", "")
    if parent and known.get(parent, 0) == 0:
        errors.append(
            RowError(row.number, "上级单位", _("找不到上级单位“%(v)s”（须已存在或在前面的行中）") % {"v": parent})
        )
    if parent and known.get(parent, 0) > 1:
        errors.append(RowError(row.number, "上级单位", _("有多个名为“%(v)s”的单位，无法确定") % {"v": parent}))
    if v.get("排序") and not v["排序"].isdigit():
        errors.append(RowError(row.number, "排序", _("应为非负整数")))
    if len(v["单位名称"]) > 100:
        errors.append(RowError(row.number, "单位名称", _("不能超过100个字")))
    return errors


def units_import(*, actor: Any, fileobj: IO[bytes], progress: Any = None) -> ImportReport:
    """Import units; parents are existing units or rows above. A bad file changes nothing."""
    authorize(unit_policy, actor, "import")
    rows, errors = read_sheet(fileobj, columns=UNIT_COLUMNS, required=UNIT_REQUIRED)
    known: dict[str, int] = {}
    for name in Unit.objects.values_list("name", flat=True):
        known[name] = known.get(name, 0) + 1
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=1):
        report_progress(progress, number, len(rows))
        errors += _unit_row_errors(row, known, actor)
        key = (row.values.get("上级单位", ""), row.values["单位名称"])
        if key in seen or Unit.objects.filter(name=key[1], parent__name=key[0] or None).exists():
            errors.append(RowError(row.number, "单位名称", _("同一上级下已有同名单位")))
        seen.add(key)
        known[row.values["单位名称"]] = known.get(row.values["单位名称"], 0) + 1
    if errors:
        return ImportReport(errors=errors)
    return _commit(rows, lambda row, by_name: _create_unit(actor, row, by_name))


def _create_unit(actor: Any, row: SheetRow, by_name: dict[str, Any]) -> None:
    v = row.values
    parent_name = v.get("上级单位", "")
    parent = by_name.get(parent_name) or (Unit.objects.get(name=parent_name) if parent_name else None)
    unit = services.unit_create(
        actor=actor,
        name=v["单位名称"],
        kind=_KIND_BY_LABEL[v["类型"]],
        parent=parent,
        short_name=v.get("简称", ""),
        sort_order=int(v.get("排序") or 0),
    )
    by_name[unit.name] = unit


def _roles_of(text: str) -> list[str]:
    names = [p.strip() for p in re.split(r"[、,，;；\s]+", text) if p.strip()]
    return [ROLE_BY_NAME[n].slug if n in ROLE_BY_NAME else n for n in names]


def _user_row_errors(row: SheetRow, units: dict[str, list[Unit]], actor: Any) -> list[RowError]:
    v, errors = row.values, _guard(row, actor, "org.users_import")
    if not _USERNAME.match(v["登录名"]):
        errors.append(RowError(row.number, "登录名", _("只能包含字母、数字和 @.+-_，2至150个字符")))
    elif User.objects.filter(username=v["登录名"]).exists():
        errors.append(RowError(row.number, "登录名", _("登录名已存在")))
    if v["单位"] and len(units.get(v["单位"], [])) != 1:
        problem = _("找不到该单位") if not units.get(v["单位"]) else _("有多个同名单位，无法确定")
        errors.append(RowError(row.number, "单位", problem))
    if v.get("手机") and not _PHONE.match(v["手机"]):
        errors.append(RowError(row.number, "手机", _("号码格式不正确")))
    slugs = _roles_of(v.get("角色", ""))
    if slugs and not user_policy.can(actor, "set_roles"):
        errors.append(RowError(row.number, "角色", _("三员分立：角色由安全管理员分配，导入时请留空")))
    unknown = [s for s in slugs if s not in ROLE_BY_SLUG]
    if unknown:
        errors.append(RowError(row.number, "角色", _("未知角色：%(r)s") % {"r": "、".join(unknown)}))
    if len(set(slugs) & THREE_ADMINS) > 1:
        errors.append(RowError(row.number, "角色", _("三员分立：三个管理员角色不能由同一人担任")))
    if v["初始密码"]:
        try:
            validate_password(v["初始密码"], User(username=v["登录名"]))
        except ValidationError as exc:
            errors.append(RowError(row.number, "初始密码", "；".join(exc.messages)))
    return errors


def users_import(*, actor: Any, fileobj: IO[bytes], progress: Any = None) -> ImportReport:
    """Import users with their roles; each must change the password at first login."""
    authorize(user_policy, actor, "import")
    rows, errors = read_sheet(fileobj, columns=USER_COLUMNS, required=USER_REQUIRED)
    units: dict[str, list[Unit]] = {}
    for unit in Unit.objects.all():
        units.setdefault(unit.name, []).append(unit)
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        report_progress(progress, number, len(rows))
        errors += _user_row_errors(row, units, actor)
        if row.values["登录名"] in seen:
            errors.append(RowError(row.number, "登录名", _("与前面的行重复")))
        seen.add(row.values["登录名"])
    if errors:
        return ImportReport(errors=errors)

    def create(row: SheetRow, _by_name: dict[str, Any]) -> None:
        v = row.values
        services.user_create(
            actor=actor,
            username=v["登录名"],
            real_name=v["姓名"],
            password=v["初始密码"],
            unit=units[v["单位"]][0],
            position=v.get("职务", ""),
            phone=v.get("手机", ""),
            email=v.get("邮箱", ""),
            role_slugs=_roles_of(v.get("角色", "")),
        )

    return _commit(rows, create)


def _commit(rows: list[SheetRow], create: Any) -> ImportReport:
    by_name: dict[str, Any] = {}
    current = 0
    try:
        with transaction.atomic():
            for row in rows:
                current = row.number
                create(row, by_name)
    except ValidationError as exc:
        return ImportReport(errors=[RowError(current, "", "；".join(exc.messages))])
    return ImportReport(created=len(rows))
