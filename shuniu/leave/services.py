"""Writes of 请销假: preview, apply, the chain's decisions, withdrawal and 销假, the personnel records and rules. Each
authorises through the policy, guards the texts and files, and is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize, has_perm
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.workdays import check_date
from shuniu.leave import rules
from shuniu.leave.models import (
    Approver,
    ChainRule,
    Counts,
    Kind,
    LeaveRequest,
    LeaveType,
    LeaveVariant,
    StaffProfile,
)
from shuniu.leave.policies import MANAGE, leave_policy
from shuniu.leave.signals import leave_changed
from shuniu.leave.transitions import LEAVE_FLOW

WHERE = "leave.request"


def _person_for(actor: Any, person: Any) -> Any:
    """The applicant: the caller, or another person when the personnel clerk files for him."""
    if person is None or person.pk == actor.pk:
        return actor
    if not has_perm(actor, MANAGE):
        raise PermissionDenied
    return person


def _variant(kind: str, variant: LeaveVariant | None) -> LeaveVariant | None:
    if variant is not None and variant.leave_type.kind != kind:
        raise ValidationError(_("所选情形不属于该假期类型。"), code="variant")
    if variant is None:
        return next(iter(rules.variants(kind)), None)
    return variant


def preview(
    *,
    actor: Any,
    kind: str,
    start_date: dt.date,
    days: Decimal,
    person: Any = None,
    variant: LeaveVariant | None = None,
) -> dict[str, Any]:
    """What a request would be, before it is sent: its end date, the day back, how it counts, the chain in Chinese,
    what is left of the balance, and a note when the dates run through a year whose holidays are not known."""
    person = _person_for(actor, person)
    if kind not in Kind.values:
        raise ValidationError(_("没有这种假期类型：%(k)s。") % {"k": str(kind)[:20]}, code="type")
    lt = rules.leave_type(kind)
    variant = _variant(kind, variant)
    found = rules.span(start_date, Decimal(days), lt.counts)
    roles = rules.chain(person, kind, Decimal(days))
    left = rules.limit(person, kind, start_date, variant)
    return {
        "type": kind,
        "type_name": lt.get_kind_display(),
        "start_date": found.start,
        "end_date": found.end,
        "return_date": found.return_date,
        "counts": lt.counts,
        "counts_name": Counts(lt.counts).label,
        "chain": [rules.role_name(r) for r in roles],
        "roles": roles,
        "left": left,
        "variant": variant.name if variant else "",
        "provisional": bool(found.provisional_years),
        "note": found.note,
        "certificate_needed": lt.certificate_from is not None and Decimal(days) >= lt.certificate_from,
    }


def _overlap(person: Any, start: dt.date, end: dt.date, exclude: int | None = None) -> LeaveRequest | None:
    qs = LeaveRequest.objects.filter(person=person, status__in=rules.HOLDING, start_date__lte=end, end_date__gte=start)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.order_by("start_date").first()


def _check(person: Any, kind: str, start: dt.date, days: Decimal, variant: LeaveVariant | None, end: dt.date) -> None:
    clash = _overlap(person, start, end)
    if clash is not None:
        raise ValidationError(
            _("与已有请假 %(code)s（%(a)s 至 %(b)s，%(s)s）时间重叠。")
            % {"code": clash.code, "a": clash.start_date, "b": clash.end_date, "s": clash.get_status_display()},
            code="overlap",
        )
    left = rules.limit(person, kind, start, variant)
    if left is not None and days > left:
        label = variant.name if variant else str(Kind(kind).label)
        raise ValidationError(
            _("%(t)s可用额度为%(left)s天，申请%(days)s天超出额度。") % {"t": label, "left": max(left, 0), "days": days},
            code="balance",
        )
    if kind == Kind.CHILDCARE:
        profile = StaffProfile.objects.filter(user=person).first()
        born = profile.youngest_child_birth if profile else None
        age = rules.config().childcare_child_age
        if born is None or start >= born.replace(year=born.year + age):
            raise ValidationError(_("育儿假限子女未满%(n)s周岁，人员信息中没有符合的子女。") % {"n": age}, code="child")


def leave_apply(
    *,
    actor: Any,
    kind: str,
    start_date: dt.date,
    days: Decimal,
    person: Any = None,
    variant: LeaveVariant | None = None,
    reason: str = "",
    destination: str = "",
    certificate: Any = None,
) -> LeaveRequest:
    """请假: checked against overlapping leave, the balance and the type's conditions (a certificate from the
    configured days of sick leave); numbered QJ-<year>-<nnnn>; the first approver is told."""
    authorize(leave_policy, actor, "create")
    person = _person_for(actor, person)
    refuse_marked([(_("事由"), reason), (_("去向"), destination)], user=actor, where=WHERE)
    if certificate:
        check_upload(certificate, user=actor, where=WHERE)
    days = rules.check_days(Decimal(days))
    check_date(start_date)
    seen = preview(actor=actor, kind=kind, start_date=start_date, days=days, person=person, variant=variant)
    variant = _variant(kind, variant)
    if seen["certificate_needed"] and not certificate:
        raise ValidationError(
            _("%(t)s%(d)s天及以上须提交证明材料（病历、诊断证明等）。")
            % {"t": seen["type_name"], "d": rules.leave_type(kind).certificate_from},
            code="certificate",
        )
    if person.unit_id is None:
        raise ValidationError(_("申请人没有所在单位，无法确定审批人。"), code="unit")
    if not rules.approvers(person, seen["roles"][0]):
        raise ValidationError(
            _("没有可审批的%(r)s：请人事干事设置分管关系或角色。") % {"r": seen["chain"][0]}, code="approver"
        )
    with transaction.atomic():
        _check(person, kind, start_date, days, variant, seen["end_date"])
        leave = LeaveRequest.objects.create(
            code=f"QJ-{start_date.year}-{next_value(f'leave:{start_date.year}'):04d}",
            person=person,
            unit_id=person.unit_id,
            kind=kind,
            variant=variant,
            start_date=start_date,
            days=days,
            end_date=seen["end_date"],
            return_date=seen["return_date"],
            counts=seen["counts"],
            reason=reason.strip()[:300],
            destination=destination.strip()[:100],
            certificate=certificate or "",
            chain=seen["roles"],
            provisional=seen["provisional"],
        )
        audit.record(
            actor=actor,
            action="apply",
            obj=leave,
            changes={
                "kind": [None, kind],
                "start_date": [None, str(start_date)],
                "days": [None, str(days)],
                "chain": [None, seen["chain"]],
            },
        )
        _notify_next(leave)
    return leave


def _notify_next(leave: LeaveRequest) -> None:
    from shuniu.notifications.services import notify

    role = leave.next_role
    if not role:
        return
    notify(
        recipients=rules.approvers(leave.person, role),
        title=_("请假审批：%(p)s %(t)s %(d)s天") % {"p": leave.person, "t": leave.get_kind_display(), "d": leave.days},
        body=_("%(a)s 至 %(b)s，%(r)s") % {"a": leave.start_date, "b": leave.end_date, "r": leave.reason},
        url=leave.get_absolute_url(),
        level="reminder",
        todo_key=f"leave:{leave.pk}:{leave.step}",
    )


def _changed(leave: LeaveRequest, change: str) -> None:
    transaction.on_commit(lambda: leave_changed.send(sender=LeaveRequest, leave=leave, change=change))


def _decision(leave: LeaveRequest, actor: Any, agreed: bool, comment: str) -> None:
    leave.decisions.create(role=leave.next_role, approver=actor, agreed=agreed, comment=comment[:300])


def leave_approve(*, actor: Any, leave: LeaveRequest, reason: str = "") -> LeaveRequest:
    """This step agrees: the next role decides, or the leave is approved after the last (and the roster hears)."""

    def apply(obj: LeaveRequest) -> list[str]:
        _decision(obj, actor, True, reason)
        obj.step += 1
        if obj.step >= len(obj.chain):
            obj.status = LeaveRequest.Status.APPROVED
        obj.status_reason = reason[:300]
        return ["step", "status", "status_reason"]

    def after(obj: LeaveRequest) -> None:
        if obj.status == LeaveRequest.Status.APPROVED:
            _notify_person(obj, _("请假已批准：%(c)s，%(b)s 到岗销假") % {"c": obj.code, "b": obj.return_date})
            _changed(obj, "approved")
        else:
            _notify_next(obj)

    LEAVE_FLOW.run("approve", actor=actor, obj=leave, reason=reason, apply=apply, after=after)
    return leave


def _notify_person(leave: LeaveRequest, title: str) -> None:
    from shuniu.notifications.services import notify

    notify(recipients=[leave.person], title=title, url=leave.get_absolute_url())


def leave_refuse(*, actor: Any, leave: LeaveRequest, reason: str) -> LeaveRequest:
    def apply(obj: LeaveRequest) -> list[str]:
        _decision(obj, actor, False, reason)
        obj.status_reason = reason[:300]
        return ["status_reason"]

    LEAVE_FLOW.run(
        "refuse",
        actor=actor,
        obj=leave,
        reason=reason,
        apply=apply,
        after=lambda obj: _notify_person(obj, _("请假未获批准：%(c)s") % {"c": obj.code}),
    )
    return leave


def leave_withdraw(*, actor: Any, leave: LeaveRequest, reason: str = "", today: dt.date | None = None) -> LeaveRequest:
    """撤回: a request still waiting, or an approved one that has not started."""
    today = today or timezone.localdate()

    def validate(obj: LeaveRequest) -> None:
        if obj.status == LeaveRequest.Status.APPROVED and obj.start_date <= today:
            raise ValidationError(_("假期已经开始，请办理销假，不能撤回。"), code="started")

    was = leave.status
    LEAVE_FLOW.run(
        "withdraw",
        actor=actor,
        obj=leave,
        reason=reason,
        validate=validate,
        after=lambda obj: _changed(obj, "withdrawn") if was == LeaveRequest.Status.APPROVED else None,
    )
    return leave


def leave_back(*, actor: Any, leave: LeaveRequest, reason: str = "", today: dt.date | None = None) -> LeaveRequest:
    """销假 on the day back (or earlier: the days not taken are given back to the balance)."""
    today = today or timezone.localdate()

    def validate(obj: LeaveRequest) -> None:
        if today < obj.start_date:
            raise ValidationError(_("假期尚未开始，不能销假；如不再请假请撤回申请。"), code="not_started")

    def apply(obj: LeaveRequest) -> list[str]:
        obj.back_date = today
        if today <= obj.end_date:
            taken = rules.counted_days(obj.start_date, today - dt.timedelta(days=1), obj.counts)
            obj.days = min(obj.days, max(taken, Decimal("0.5")))
            obj.end_date = max(obj.start_date, today - dt.timedelta(days=1))
            obj.return_date = today
        return ["back_date", "days", "end_date", "return_date"]

    LEAVE_FLOW.run(
        "back",
        actor=actor,
        obj=leave,
        reason=reason,
        validate=validate,
        apply=apply,
        after=lambda o: _changed(o, "back"),
    )
    return leave


def flag_overdue(*, today: dt.date | None = None) -> int:
    """Approved leave whose day back has passed without 销假: told to the section head once (idempotent per day)."""
    from shuniu.notifications.services import notify

    today = today or timezone.localdate()
    late = LeaveRequest.objects.filter(
        status=LeaveRequest.Status.APPROVED, return_date__lt=today, overdue_flagged__isnull=True
    ).select_related("person")
    n = 0
    for leave in late:
        heads = rules.approvers(leave.person, "section_head") or rules.approvers(leave.person, "office_director")
        notify(
            recipients=heads,
            title=_("逾期未销假：%(p)s（%(c)s，应于%(d)s到岗）")
            % {"p": leave.person, "c": leave.code, "d": leave.return_date},
            url=leave.get_absolute_url(),
            level="warning",
            dedupe_key=f"leave-overdue:{leave.pk}",
        )
        LeaveRequest.objects.filter(pk=leave.pk).update(overdue_flagged=today)
        n += 1
    return n


def profile_save(*, actor: Any, user: Any, **values: Any) -> StaffProfile:
    """The personnel clerk keeps a person's service record (audited)."""
    if not has_perm(actor, MANAGE):
        raise PermissionDenied
    fields = ["service_start", "break_months", "has_school_vacation", "clock_id", "married", "youngest_child_birth"]
    refuse_marked([(_("考勤工号"), str(values.get("clock_id", "")))], user=actor, where="leave.profile")
    if values.get("service_start"):
        check_date(values["service_start"])
    with transaction.atomic():
        profile, created = StaffProfile.objects.get_or_create(
            user=user, defaults={"service_start": values.get("service_start") or timezone.localdate()}
        )
        before = audit.snapshot(profile, fields)
        for key in fields:
            if key in values:
                setattr(profile, key, values[key])
        profile.full_clean(exclude=["user"])
        profile.save()
        audit.record(
            actor=actor,
            action="create" if created else "update",
            obj=profile,
            changes=audit.diff(before, audit.snapshot(profile, fields)),
        )
    return profile


def type_update(
    *, actor: Any, kind: str, counts: str, days: Decimal | None, certificate_from: Decimal | None
) -> LeaveType:
    """The province table is data: a type's way of counting, its days and the certificate rule (audited)."""
    if not has_perm(actor, MANAGE):
        raise PermissionDenied
    if counts not in Counts.values:
        raise ValidationError(_("计算方式应为工作日或自然日。"), code="counts")
    for value in (days, certificate_from):
        if value is not None and not Decimal(0) < value <= rules.MAX_DAYS:
            raise ValidationError(_("天数应在 0.5 至 400 之间。"), code="days")
    fields = ["counts", "days", "certificate_from"]
    with transaction.atomic():
        row = LeaveType.objects.select_for_update().get(kind=kind)
        before = audit.snapshot(row, fields)
        row.counts, row.days, row.certificate_from = counts, days, certificate_from
        row.save(update_fields=fields)
        audit.record(actor=actor, action="update", obj=row, changes=audit.diff(before, audit.snapshot(row, fields)))
    return row


def chain_update(*, actor: Any, rule: ChainRule, max_days: Decimal | None, roles: list[str]) -> ChainRule:
    """An approval rule: up to `max_days` days (None: any), the roles in order (audited)."""
    if not has_perm(actor, MANAGE):
        raise PermissionDenied
    if not roles or any(r not in Approver.values for r in roles) or len(set(roles)) != len(roles):
        raise ValidationError(_("审批顺序应为科室负责人、分管领导、主要领导中的一个或几个，不重复。"), code="roles")
    if max_days is not None and not Decimal(0) < max_days <= rules.MAX_DAYS:
        raise ValidationError(_("天数上限应在 0.5 至 400 之间。"), code="days")
    fields = ["max_days", "roles"]
    with transaction.atomic():
        before = audit.snapshot(rule, fields)
        rule.max_days, rule.roles = max_days, roles
        rule.save(update_fields=fields)
        audit.record(actor=actor, action="update", obj=rule, changes=audit.diff(before, audit.snapshot(rule, fields)))
    return rule
