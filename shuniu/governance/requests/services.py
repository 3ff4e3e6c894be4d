"""Every write to a citizen request, one service per transition, each audited (SPEC §9)."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.crypto import blind_index, decrypt, encrypt, mask_phone
from shuniu.core.extensions import ExtensionFlow
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.privacy import redact
from shuniu.core.sequences import next_number
from shuniu.core.system import person
from shuniu.core.todos import todo_key
from shuniu.core.workdays import add_workdays
from shuniu.governance.models import (
    Attachment,
    Category,
    CitizenRequest,
    Dispatch,
    Extension,
    GovernanceConfig,
    TimeLimit,
)
from shuniu.governance.requests.deadlines import all_limits, deadline
from shuniu.governance.requests.policies import request_policy, sees_personal_data
from shuniu.governance.requests.transitions import OPEN_STATUSES, REQUEST_FLOW
from shuniu.notifications.services import notify
from shuniu.org.models import Unit, User

S = CitizenRequest.Status
EXTENSIONS = ExtensionFlow(model=Extension, owner_field="request", workflow=REQUEST_FLOW)
_PHONE = re.compile(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$")
_ID = re.compile(r"^\d{17}[\dXx]$")
_TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _unit_users(unit: Unit) -> list[User]:
    return list(
        User.objects.filter(unit=unit, is_active=True, groups__role__slug__in=["liaison", "handler"]).distinct()
    )


def request_receive(
    *,
    actor: Any,
    channel: str,
    request_type: str,
    title: str,
    content: str,
    urgency: str = "normal",
    category: Category | None = None,
    citizen_name: str = "",
    phone: str = "",
    id_number: str = "",
    anonymous: bool = False,
    town: Unit | None = None,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    duplicate_of: CitizenRequest | None = None,
    attachments: Iterable[Any] = (),
) -> CitizenRequest:
    """受理: record a request (from an operator, or from the public portal when `actor` is None), with its photos
    or files (each through the classification guard)."""
    if actor is not None:
        authorize(request_policy, actor, "receive")
    refuse_marked(
        [(_("标题"), title), (_("诉求内容"), content), (_("地点"), address), (_("诉求人"), citizen_name)],
        user=actor,
        where="governance.request",
    )
    phone = phone.strip().replace(" ", "")
    if phone and not _PHONE.match(phone):
        raise ValidationError(_("电话号码格式不正确。"))
    if id_number and not _ID.match(id_number.strip()):
        raise ValidationError(_("身份证号码格式不正确。"))
    if not anonymous and not phone:
        raise ValidationError(_("请留下联系电话，或选择匿名反映。"))
    year = timezone.localdate().year
    req = CitizenRequest(
        code="",
        tracking_code="".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(10)),
        channel=channel,
        request_type=request_type,
        urgency=urgency,
        title=title,
        content=content,
        category=category,
        citizen_name="" if anonymous else citizen_name,
        anonymous=anonymous,
        town=town,
        address=address,
        latitude=latitude,
        longitude=longitude,
        duplicate_of=duplicate_of,
        received_by=person(actor),
        phone_encrypted=encrypt(phone),
        phone_index=blind_index(phone, purpose="phone"),
        phone_last4=phone[-4:],
        phone_masked=mask_phone(phone) if phone else "",
        id_number_encrypted=encrypt(id_number.strip().upper()),
    )
    # Validated before the transaction; the related objects were passed in and the numbers are unique by
    # construction (the unique indexes still guard them), so no lookup query is needed here.
    req.full_clean(
        exclude=["code", "category", "town", "duplicate_of", "received_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    # Request numbers are unique and increasing but taken without a lock (a failed intake may skip one; 文号 stay
    # gap-free), so concurrent intakes queue only on the audit chain head, for its last statements and the commit.
    files = list(attachments)
    for upload in files:
        check_upload(upload, user=actor, where="governance.request")
    changes: dict[str, Any] = {"channel": [None, channel], "title": [None, title[:100]]}
    if files:
        changes["attachments"] = [None, [(f.name or "file")[:200] for f in files]]
    with transaction.atomic():
        req.code = f"SQ-{year}-{next_number(f'SQ-{year}'):06d}"
        req.save(force_insert=True)
        _attach(req, files)
        audit.record(
            actor=actor,
            actor_name="" if actor else "portal",
            action="receive",
            obj=req,
            object_repr=req.code,
            changes=changes,
        )
    return req


def _attach(req: CitizenRequest, files: list[Any]) -> None:
    for upload in files:
        Attachment.objects.create(request=req, file=upload, name=(upload.name or "file")[:200])


def _dispatch_to(req: CitizenRequest, unit: Unit, actor: Any, today: dt.date | None) -> list[str]:
    """Send `req` to `unit`: a fresh deadline from the day after, a dispatch record, the unit told on commit."""
    day = _today(today)
    req.handling_unit = unit
    now = timezone.localtime()
    req.dispatched_at = now if today is None else now.replace(year=day.year, month=day.month, day=day.day)
    req.due_date = deadline(day, req.request_type, req.urgency)
    req.accepted_at = req.accepted_in_time = None
    Dispatch.objects.create(request=req, unit=unit, dispatched_by=person(actor))
    notify(
        recipients=_unit_users(unit),
        title=_("请签收新派诉求：%(t)s") % {"t": req.title},
        level="reminder",
        url=req.get_absolute_url(),
        todo_key=todo_key(req, CitizenRequest.Status.DISPATCHED),  # done when signed for or returned
    )
    return ["handling_unit", "dispatched_at", "due_date", "accepted_at", "accepted_in_time"]


def _not_a_duplicate(req: CitizenRequest) -> None:
    if req.duplicate_of_id:
        raise ValidationError(_("该工单已关联为重复诉求，不再重复派单。"))


def request_dispatch(
    *, actor: Any, req: CitizenRequest, unit: Unit, reason: str = "", today: dt.date | None = None
) -> CitizenRequest:
    """派单 (or reassign after a 退单): the deadline runs from the day after dispatch."""
    return REQUEST_FLOW.run(
        "dispatch",
        actor=actor,
        obj=req,
        reason=reason,
        validate=_not_a_duplicate,
        apply=lambda r: _dispatch_to(r, unit, actor, today),
    )


def request_accept(
    *, actor: Any, req: CitizenRequest, reason: str = "", today: dt.date | None = None
) -> CitizenRequest:
    """签收 by the handling unit; in time when within the configured working days of dispatch (counts in 响应率)."""
    day = _today(today)

    def apply(r: CitizenRequest) -> list[str]:
        dispatched_on = timezone.localdate(r.dispatched_at) if r.dispatched_at else day
        r.accepted_at = timezone.now()
        r.accepted_in_time = day <= add_workdays(dispatched_on, GovernanceConfig.current().accept_days)
        return ["accepted_at", "accepted_in_time"]

    return REQUEST_FLOW.run("accept", actor=actor, obj=req, reason=reason, apply=apply)


def request_return(*, actor: Any, req: CitizenRequest, reason: str) -> CitizenRequest:
    """退单: the unit sends it back to the dispatcher with a reason (wrong unit)."""

    def apply(r: CitizenRequest) -> list[str]:
        Dispatch.objects.filter(request=r, returned=False).update(returned=True, return_reason=reason.strip()[:300])
        r.status_reason = reason.strip()[:300]
        return ["status_reason"]

    return REQUEST_FLOW.run("return", actor=actor, obj=req, reason=reason, apply=apply)


def _has_unit(req: CitizenRequest) -> None:
    if req.handling_unit is None:
        raise ValidationError(_("该工单没有承办单位，请重新派单。"))


def request_refuse_return(
    *, actor: Any, req: CitizenRequest, reason: str, today: dt.date | None = None
) -> CitizenRequest:
    """The dispatcher refuses a 退单: the request goes back to the same unit with a fresh deadline."""
    return REQUEST_FLOW.run(
        "refuse_return",
        actor=actor,
        obj=req,
        reason=reason,
        validate=_has_unit,
        apply=lambda r: _dispatch_to(r, r.handling_unit, actor, today),  # type: ignore[arg-type]
    )


def request_reject(*, actor: Any, req: CitizenRequest, reason: str, advice: str = "") -> CitizenRequest:
    """不予受理, with the reason and where to go instead, in plain words."""

    def validate(r: CitizenRequest) -> None:
        if not advice.strip():
            raise ValidationError(_("不予受理须写明理由和建议的办理途径。"))

    def apply(r: CitizenRequest) -> list[str]:
        r.status_reason, r.redirect_advice = reason.strip()[:300], advice.strip()[:300]
        return ["status_reason", "redirect_advice"]

    return REQUEST_FLOW.run(
        "reject", actor=actor, obj=req, reason=reason, texts={"advice": advice}, validate=validate, apply=apply
    )


def request_link_duplicate(
    *, actor: Any, req: CitizenRequest, original: CitizenRequest, reason: str = ""
) -> CitizenRequest:
    """Link a repeated request to the one already being handled: it is not dispatched twice."""

    def validate(r: CitizenRequest) -> None:
        if original.pk == r.pk or original.duplicate_of_id == r.pk:
            raise ValidationError(_("不能关联到自身。"))

    def apply(r: CitizenRequest) -> list[str]:
        r.duplicate_of = original.duplicate_of or original
        return ["duplicate_of"]

    return REQUEST_FLOW.run(
        "duplicate", actor=actor, obj=req, reason=reason, validate=validate, apply=apply, audit_action="link_duplicate"
    )


def request_reply(
    *,
    actor: Any,
    req: CitizenRequest,
    reply: str,
    publish: bool = False,
    attachments: Iterable[Any] = (),
    reason: str = "",
) -> CitizenRequest:
    """答复: the handling unit's answer to the citizen, with any files (each through the classification guard)."""
    files = list(attachments)

    def validate(r: CitizenRequest) -> None:
        if not reply.strip():
            raise ValidationError(_("请填写答复内容。"))

    def apply(r: CitizenRequest) -> list[str]:
        _attach(r, files)
        r.reply, r.replied_at, r.reply_published = reply, timezone.now(), publish
        return ["reply", "replied_at", "reply_published"]

    return REQUEST_FLOW.run(
        "reply",
        actor=actor,
        obj=req,
        reason=reason,
        texts={"reply": reply},
        files=files,
        validate=validate,
        apply=apply,
    )


def request_callback(
    *, actor: Any, req: CitizenRequest, satisfaction: str, resolution: str, reason: str = ""
) -> CitizenRequest:
    """回访: the operator records the citizen's satisfaction and whether the problem was solved."""

    def validate(r: CitizenRequest) -> None:
        if satisfaction not in CitizenRequest.Satisfaction.values or resolution not in CitizenRequest.Resolution.values:
            raise ValidationError(_("请选择满意度和解决情况。"))

    def apply(r: CitizenRequest) -> list[str]:
        r.satisfaction, r.resolution, r.called_back_at = satisfaction, resolution, timezone.now()
        if satisfaction == CitizenRequest.Satisfaction.UNSATISFIED:
            r.unsatisfied_count += 1
        return ["satisfaction", "resolution", "called_back_at", "unsatisfied_count"]

    return REQUEST_FLOW.run("callback", actor=actor, obj=req, reason=reason, validate=validate, apply=apply)


def request_close(*, actor: Any, req: CitizenRequest, reason: str = "") -> CitizenRequest:
    """办结 after the callback."""

    def apply(r: CitizenRequest) -> list[str]:
        r.closed_at = timezone.now()
        return ["closed_at"]

    return REQUEST_FLOW.run("close", actor=actor, obj=req, reason=reason, apply=apply)


def request_archive(*, actor: Any, req: CitizenRequest, reason: str = "") -> CitizenRequest:
    """归档 a closed or rejected request."""
    return REQUEST_FLOW.run("archive", actor=actor, obj=req, reason=reason)


def request_reopen(*, actor: Any, req: CitizenRequest, reason: str, today: dt.date | None = None) -> CitizenRequest:
    """重办: the citizen is not satisfied; the same unit handles it again under a new deadline."""

    def apply(r: CitizenRequest) -> list[str]:
        r.reopen_count += 1
        return ["reopen_count", *_dispatch_to(r, r.handling_unit, actor, today)]  # type: ignore[arg-type]

    return REQUEST_FLOW.run("reopen", actor=actor, obj=req, reason=reason, validate=_has_unit, apply=apply)


def extension_request(
    *, actor: Any, req: CitizenRequest, requested_due_date: dt.date, reason: str, today: dt.date | None = None
) -> Extension:
    """延期: asked by the handling unit before the deadline."""
    return EXTENSIONS.request(  # type: ignore[return-value]
        actor=actor, owner=req, requested_due_date=requested_due_date, reason=reason, today=today
    )


def extension_decide(*, actor: Any, ext: Extension, approve: bool, comment: str = "") -> Extension:
    """Approve (the deadline moves) or refuse, with a comment."""
    return EXTENSIONS.decide(actor=actor, extension=ext, approve=approve, comment=comment)  # type: ignore[return-value]


def escalation_reason(req: CitizenRequest, today: dt.date, config: GovernanceConfig | None = None) -> str:
    """Why `req` should become a supervision task now ('' when it should not)."""
    config = config or GovernanceConfig.current()
    if req.escalated_task_id:
        return ""
    if (
        req.status in OPEN_STATUSES
        and req.due_date
        and today > add_workdays(req.due_date, config.escalate_overdue_days)
    ):
        return _("超期%(n)s个工作日以上未办结") % {"n": config.escalate_overdue_days}
    if req.unsatisfied_count >= config.escalate_unsatisfied:
        return _("群众%(n)s次不满意") % {"n": req.unsatisfied_count}
    if req.flagged_by_leader:
        return _("领导批示督办")
    return ""


def request_escalate(*, actor: Any, req: CitizenRequest, reason: str, today: dt.date | None = None) -> Any:
    """督办: a supervision task led by the handling unit, linked both ways."""
    from shuniu.supervision.services import task_register

    if req.handling_unit is None:
        raise ValidationError(_("尚未派单的工单不能升级督办。"))
    if req.escalated_task_id:
        return req.escalated_task
    day = _today(today)
    with transaction.atomic():
        task = task_register(
            actor=actor,
            # The task is read by supervision staff and units without view_personal_data: numbers masked.
            title=redact(f"群众诉求督办：{req.title}")[:200],
            source="citizen",
            lead_unit=req.handling_unit,
            start_date=day,
            due_date=add_workdays(day, GovernanceConfig.current().escalated_task_days),
            report_cycle="once",
            source_ref=f"{req.code}（{reason}）"[:300],
            requirements=redact(req.content, [req.citizen_name])[:2000],
        )
        req.escalated_task = task
        req.save(update_fields=["escalated_task", "updated_at"])
        audit.record(actor=actor, action="escalate", obj=req, object_repr=req.code, changes={"task": [None, task.code]})
    return task


def personal_data(*, viewer: Any, req: CitizenRequest) -> dict[str, str]:
    """The full phone and ID number, for roles that need them; every such view is audited."""
    if not sees_personal_data(viewer):
        raise PermissionDenied
    audit.record(actor=viewer, action="view_personal_data", obj=req, object_repr=req.code)
    return {"phone": decrypt(req.phone_encrypted), "id_number": decrypt(req.id_number_encrypted)}


RULE_FIELDS = [f.name for f in GovernanceConfig._meta.fields if f.name != "id"]


def rules_update(*, actor: Any, data: dict[str, Any], limits: dict[tuple[str, str], int]) -> GovernanceConfig:
    """Change the county's request rules and time limits; each change is audited (new limits apply to requests
    dispatched from now on)."""
    if not actor.has_perm("governance.change_governanceconfig"):
        raise PermissionDenied
    with transaction.atomic():
        config = GovernanceConfig.objects.select_for_update().get(pk=GovernanceConfig.current().pk)
        before = audit.snapshot(config, RULE_FIELDS)
        for name in RULE_FIELDS:
            if name in data:
                setattr(config, name, data[name])
        config.full_clean()
        config.save()
        changes = audit.diff(before, audit.snapshot(config, RULE_FIELDS))
        current = all_limits()
        for (request_type, urgency), days in limits.items():
            old = current[(request_type, urgency)]
            if old != days:
                TimeLimit.objects.update_or_create(
                    request_type=request_type, urgency=urgency, defaults={"working_days": days}
                )
                changes[f"time_limit:{request_type}:{urgency}"] = [old, days]
        if changes:
            audit.record(actor=actor, action="update", obj=config, changes=changes)
    return config
