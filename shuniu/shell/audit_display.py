"""The audit log as an auditor reads it: Chinese action names, object names with links, field labels instead of
column names, ids resolved to names (∅ as 空), and jobs shown as 系统（任务名）. One query per kind of object on a
page, not one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


def action_label(action: str) -> str:
    """The words for an audit action: the platform's (ACTIONS), else the app's own (registry.audit_actions)."""
    from shuniu.core import registry

    return str(ACTIONS.get(action) or registry.audit_action_labels().get(action) or action)


ACTIONS: dict[str, Any] = {
    "register": _("立项"),
    "calendar_recompute": _("节假日调整后重算"),
    "assign": _("交办"),
    "accept": _("签收"),
    "report_submit": _("报送进展"),
    "report_accepted": _("采纳进展报告"),
    "report_returned": _("退回进展报告"),
    "request_close": _("申请办结"),
    "close": _("办结"),
    "return_close": _("退回办结申请"),
    "suspend": _("中止"),
    "cancel": _("撤销"),
    "resume": _("恢复办理"),
    "override_light": _("人工调整亮灯"),
    "research_record": _("登记调研成果"),
    "extension_request": _("申请延期"),
    "extension_approved": _("批准延期"),
    "extension_refused": _("不批准延期"),
    "extend": _("延长期限"),
    "commend": _("表扬加分"),
    "issue_bulletin": _("印发通报"),
    "receive": _("受理诉求"),
    "dispatch": _("派单"),
    "return": _("退单"),
    "refuse_return": _("不同意退单"),
    "reject": _("不予受理"),
    "reply": _("答复"),
    "callback": _("回访"),
    "archive": _("归档"),
    "reopen": _("重办"),
    "link_duplicate": _("关联重复诉求"),
    "escalate": _("升级督办"),
    "view_personal_data": _("查看完整个人信息"),
    "create": _("新建"),
    "update": _("修改"),
    "admin_update": _("后台修改"),
    "admin_create": _("后台新建"),
    "admin_delete": _("后台删除"),
    "set_roles": _("分配角色"),
    "login": _("登录"),
    "logout": _("退出"),
    "login_failed": _("登录失败"),
    "password_change": _("修改密码"),
    "password_change_failed": _("修改密码时原密码错误"),
    "password_reset": _("重置密码"),
    "password_break_glass": _("紧急重置密码"),
    "unlock": _("解锁账户"),
    "classification_refused": _("拦截涉密内容"),
    "mark_read": _("标为已读"),
    "import_queued": _("提交后台导入"),
    "refresh_lights": _("刷新亮灯"),
    "send_reminders": _("发送提醒"),
    "publish": _("公开结果"),
    "unpublish": _("撤回公开"),
    "signup": _("报名志愿活动"),
    "hours": _("登记服务时长"),
    "mediation_session": _("记录调解"),
    "route_to_adviser": _("转法律顾问"),
    "train_dispatch": _("训练派单建议模型"),
    "load_demo": _("载入演示数据"),
    "edit": _("修改"),
    "push_cuiban": _("发送催办通知"),
    "push_duban": _("发送督办单"),
}
JOBS: dict[str, Any] = {  # jobs whose name is not an action (the others read as their action)
    "escalate_requests": _("诉求升级督办"),
    "break_glass_password": _("紧急重置密码"),
}
EXTRA_FIELDS: dict[str, Any] = {
    "reason": _("理由"),
    "attachments": _("附件"),
    "comment": _("意见"),
    "roles": _("角色"),
    "file": _("文件"),
    "task": _("督办事项"),
    "marking": _("密级标志"),
    "progress": _("进度"),
    "month": _("月份"),
    "correction": _("更正号"),
    "failures": _("失败次数"),
    "ip": _("IP"),
    "read": _("已读"),
    "adviser": _("法律顾问"),
    "changed": _("变化数"),
    "date": _("日期"),
    # The reminders a run of send_reminders sent, by kind.
    "overdue": _("超期提醒"),
    "due_soon": _("临近截止提醒"),
    "sign": _("签收提醒"),
    "window_open": _("报送窗口开启提醒"),
    "window_close": _("报送截止提醒"),
    "missing": _("缺报提醒"),
    "cuiban": _("催办通知"),
    "duban": _("督办单"),
    # train_dispatch, load_demo, the holiday recomputation.
    "samples": _("训练样本数"),
    "units": _("单位数"),
    "users_created": _("新建用户数"),
    "tasks_created": _("新建督办事项数"),
    "requests_created": _("新建诉求数"),
    "request_due_dates": _("调整的诉求截止日期数"),
    "task_lights": _("更新的督办亮灯数"),
    "due_date": _("截止日期"),
}
# Object kinds that are not models: the periodic jobs and the demo loader.
OBJECT_KINDS: dict[str, Any] = {"system.job": _("定时任务"), "demo": _("演示数据")}
EMPTY = _("空")


@dataclass
class Row:
    record: Any
    action: str
    actor: str
    object_label: str
    object_url: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def actor_label(name: str) -> str:
    if name.startswith("system:"):
        job = name.removeprefix("system:")
        return str(_("系统（%(job)s）") % {"job": JOBS.get(job) or action_label(job)})
    if name == "portal":
        return str(_("门户（群众）"))
    return name or "—"


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _objects(records: Iterable[Any]) -> dict[tuple[str, str], Any]:
    """The audited objects of these records that still exist, fetched one query per kind."""
    ids: defaultdict[str, set[str]] = defaultdict(set)
    for rec in records:
        if rec.object_id and rec.object_id.isdigit():
            ids[rec.object_type].add(rec.object_id)
    found: dict[tuple[str, str], Any] = {}
    for object_type, pks in ids.items():
        model = _model(object_type)
        if model is not None:
            for obj in model._default_manager.filter(pk__in=pks):
                found[(object_type, str(obj.pk))] = obj
    return found


def _field(model: type[models.Model] | None, name: str) -> Any:
    """The model's field called `name`, or None (a record may name a field the model no longer has)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _value(model: type[models.Model] | None, name: str, value: Any, names: dict[tuple[Any, Any], str]) -> str:
    if value is None or value == "":
        return str(EMPTY)
    f = _field(model, name)
    if f is not None and f.is_relation and f.related_model is not None:
        if isinstance(value, list):  # a many-to-many or reverse relation: each id by its name
            return "、".join(names.get((f.related_model, v), str(v)) for v in value if _hashable(v)) or str(EMPTY)
        return names.get((f.related_model, value), str(value)) if _hashable(value) else str(value)
    if f is not None and getattr(f, "choices", None):
        return str(dict(f.choices).get(value, value))
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or str(EMPTY)
    return str(value)


def _hashable(value: Any) -> bool:
    """An id a relation can be looked up by (every related table here has an integer key); anything else that an
    app wrote under a relation's name (a name, a list) is shown as written."""
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and value.isdigit())


def _related_names(records: Iterable[Any]) -> dict[tuple[Any, Any], str]:
    """Names for every foreign-key id the changes mention (a unit's name, not 17): one query per related model."""
    wanted: defaultdict[Any, set[Any]] = defaultdict(set)
    for rec in records:
        model = _model(rec.object_type)
        if model is None or not isinstance(rec.changes, dict):
            continue
        for name, pair in rec.changes.items():
            f = _field(model, name)
            if f is not None and f.is_relation and f.related_model is not None and isinstance(pair, list):
                for v in pair:  # an id, or a list of ids (many-to-many)
                    wanted[f.related_model].update(x for x in (v if isinstance(v, list) else [v]) if _hashable(x))
    names: dict[tuple[Any, Any], str] = {}
    for related, pks in wanted.items():
        for obj in related._default_manager.filter(pk__in=pks):
            names[(related, obj.pk)] = str(obj)
    return names


def _label(model: type[models.Model] | None, name: str) -> str:
    f = _field(model, name)
    if f is not None and hasattr(f, "verbose_name"):
        return str(f.verbose_name)
    from shuniu.core import registry

    return str(EXTRA_FIELDS.get(name) or registry.audit_field_labels().get(name) or name)


def _may_open(viewer: Any, model: type[models.Model] | None) -> bool:
    """Whether to link an object of `model` for `viewer`: an auditor reads the log, not the business it records
    (三员分立), so business objects are named without a link unless the viewer may view that kind of object."""
    if viewer is None or model is None:
        return True
    meta = model._meta
    if meta.app_label in PLATFORM_APPS:  # units, users, holidays: their own pages apply their own policies
        return True
    return bool(viewer.has_perm(f"{meta.app_label}.view_{meta.model_name}"))


PLATFORM_APPS = frozenset({"org", "core", "audit", "auth"})


def readable(records: Iterable[Any], viewer: Any = None) -> list[Row]:
    """The records of one page, in words (objects linked when `viewer` may open them)."""
    records = list(records)
    objects, names = _objects(records), _related_names(records)
    rows = []
    for rec in records:
        model = _model(rec.object_type)
        obj = objects.get((rec.object_type, rec.object_id))
        kind = (
            str(model._meta.verbose_name)
            if model is not None
            else str(OBJECT_KINDS.get(rec.object_type, rec.object_type))
        )
        url = obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""
        if url and not _may_open(viewer, model):
            url = ""
        row = Row(rec, action_label(rec.action), actor_label(rec.actor_name), f"{kind} {rec.object_repr}", url)
        if isinstance(rec.changes, dict):
            for name, pair in rec.changes.items():
                old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
                row.changes.append(
                    (_label(model, name), _value(model, name, old, names), _value(model, name, new, names))
                )
        rows.append(row)
    return rows


def action_choices() -> list[tuple[str, str]]:
    from shuniu.core import registry

    labels = {**registry.audit_action_labels(), **ACTIONS}
    return [("", str(_("全部操作"))), *sorted(((k, str(v)) for k, v in labels.items()), key=lambda kv: kv[1])]


def object_type_choices() -> list[tuple[str, str]]:
    types = [m for m in apps.get_models() if m.__module__.startswith("shuniu.") or m._meta.app_label == "auth"]
    return [("", str(_("全部对象"))), *sorted((m._meta.label_lower, str(m._meta.verbose_name)) for m in types)]
