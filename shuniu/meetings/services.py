"""Writes of meeting applications: apply (the 精简 rules run, every breach needs its written justification; the room
and the leaders are booked in the same transaction, all or nothing), the approval chain's steps, and the plan
import. Every text passes the guard here, whatever the entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize, has_perm
from shuniu.core.choices import check_choice
from shuniu.core.configs import update_config
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.meetings import bookings, rules
from shuniu.meetings.models import Breach, Kind, Meeting, MeetingConfig, MeetingSeries, PlanItem, Venue
from shuniu.meetings.policies import CONFIG, meeting_policy
from shuniu.meetings.schedule import Slot
from shuniu.meetings.transitions import MEETING_FLOW

WHERE = "meetings.meeting"


class JustificationMissingError(ValidationError):
    """The application breaks rules without a written justification: `findings` lists every rule it breaks, the
    message the ones still unjustified."""

    def __init__(self, findings: list[rules.Finding], missing: list[rules.Finding]) -> None:
        names = "；".join(f"{f.text}（{f.detail}）" for f in missing)
        super().__init__(_("以下情况须书面说明理由：%(names)s") % {"names": names}, code="justification")
        self.findings = findings


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("经费预算应为金额。"), code="budget") from exc
    if amount < 0 or amount > Decimal("99999999"):
        raise ValidationError(_("经费预算应在 0 至 99999999 元之间。"), code="budget")
    return amount.quantize(Decimal("0.01"))


def meeting_apply(
    *,
    actor: Any,
    name: str,
    kind: str,
    necessity: str,
    start: dt.datetime,
    end: dt.datetime,
    attendee_scope: str,
    attendee_count: int,
    organiser: Any = None,
    venue: Venue | None = None,
    form: str = Meeting.Form.ONSITE,
    cost_class: str = Meeting.CostClass.THREE,
    comprehensive: bool = False,
    group_discussion: bool = False,
    agenda: str = "",
    speech_minutes: int = 0,
    budget: Any = 0,
    plan_item: PlanItem | None = None,
    series: str = "",
    leaders: Iterable[Any] = (),
    justifications: Mapping[str, str] | None = None,
) -> Meeting:
    """会议申请: 报备 when it is in the annual plan, otherwise 报批 along the configured chain. The rules run now;
    a breach without a justification refuses the application (JustificationMissingError lists them). The venue and every
    leader asked to attend are booked in the same transaction (ScheduleConflictError: nothing is written)."""
    authorize(meeting_policy, actor, "create")
    organiser = organiser or getattr(actor, "unit", None)
    if organiser is None:
        raise ValidationError(_("请指定主办单位。"), code="organiser")
    from shuniu.core.access import unit_ids

    if organiser.pk not in unit_ids(actor) and not has_perm(actor, "meetings.view_all_meetings"):
        raise PermissionDenied(_("只能以本单位名义申请会议。"))
    check_choice(kind, Kind, _("会议类型"))
    check_choice(form, Meeting.Form, _("会议形式"))
    check_choice(cost_class, Meeting.CostClass, _("会议类别"))
    if not name.strip() or not necessity.strip() or not attendee_scope.strip():
        raise ValidationError(_("请填写会议名称、必要性和参会范围。"), code="required")
    justifications = {k: v.strip() for k, v in (justifications or {}).items() if v and v.strip()}
    texts = [
        ("会议名称", name),
        ("必要性", necessity),
        ("参会范围", attendee_scope),
        ("会议议程", agenda),
        ("系列", series),
    ]
    refuse_marked([*texts, *(("说明理由", v) for v in justifications.values())], user=actor, where=WHERE)
    bookings.check_span(start, end)
    if attendee_count < 1 or attendee_count > 100000:
        raise ValidationError(_("参会人数应为正整数。"), code="attendees")
    if speech_minutes < 0 or speech_minutes > 24 * 60:
        raise ValidationError(_("主报告时长应在 0 至 1440 分钟之间。"), code="speech")
    amount = _amount(budget)
    leaders = list(dict.fromkeys(leaders))
    for leader in leaders:
        bookings.check_leader(leader)
    if venue is not None:
        bookings.check_venue(venue, actor, attendee_count if form != Meeting.Form.VIDEO else 0)
    if plan_item is not None and (plan_item.organiser_id != organiser.pk or plan_item.plan.year != start.year):
        raise ValidationError(_("所选计划内会议不属于本单位或本年度。"), code="plan")
    app = rules.Application(
        kind=kind,
        organiser_id=organiser.pk,
        start=start,
        end=end,
        attendee_count=attendee_count,
        speech_minutes=speech_minutes,
        budget=amount,
        cost_class=cost_class,
        comprehensive=comprehensive,
        group_discussion=group_discussion,
    )
    findings = rules.check(app)
    missing = [f for f in findings if f.rule not in justifications]
    if missing:
        raise JustificationMissingError(findings, missing)
    config = MeetingConfig.current()
    with transaction.atomic():
        year = timezone.localtime(start).year
        meeting = Meeting.objects.create(
            code=f"HY-{year}-{next_value(f'HY-{year}'):04d}",
            name=name.strip()[:120],
            kind=kind,
            cost_class=cost_class,
            comprehensive=comprehensive,
            group_discussion=group_discussion,
            necessity=necessity.strip(),
            organiser=organiser,
            start=start,
            end=end,
            venue=venue,
            form=form,
            attendee_scope=attendee_scope.strip()[:300],
            attendee_count=attendee_count,
            agenda=agenda.strip(),
            speech_minutes=speech_minutes,
            budget=amount,
            plan_item=plan_item,
            series=MeetingSeries.objects.get_or_create(name=series.strip()[:80])[0] if series.strip() else None,
            status=Meeting.Status.FILED if plan_item is not None else Meeting.Status.PENDING,
            approval_chain=[] if plan_item is not None else config.chain(),
            created_by=person(actor),
        )
        meeting.leaders.set(leaders)
        Breach.objects.bulk_create(
            Breach(
                meeting=meeting,
                rule=f.rule,
                rule_text=f.text[:200],
                detail=f.detail[:200],
                justification=justifications[f.rule],
            )
            for f in findings
        )
        _book(actor, meeting)
        audit.record(
            actor=actor,
            action="apply",
            obj=meeting,
            object_repr=meeting.code,
            changes={"status": [None, meeting.status], "breach_rules": [None, [f.text for f in findings]]},
        )
        _notify_approvers(meeting)
    return meeting


def _book(actor: Any, meeting: Meeting) -> None:
    """The meeting's room and its leaders, booked together (all or nothing)."""
    slots = (
        [Slot(title=meeting.name, start=meeting.start, end=meeting.end, venue=meeting.venue)] if meeting.venue else []
    )
    slots += [Slot(title=meeting.name, start=meeting.start, end=meeting.end, leader=u) for u in meeting.leaders.all()]
    if slots:
        location = meeting.venue.name if meeting.venue else ""
        bookings.book(actor, slots, kind="meeting", meeting=meeting, location=location)


def _notify_approvers(meeting: Meeting) -> None:
    from shuniu.notifications.services import notify

    role = meeting.next_role
    if not role:
        return
    users = get_user_model().objects.filter(is_active=True, groups__role__slug=role).distinct()
    notify(
        recipients=users,
        title=_("会议报批：%(name)s") % {"name": meeting.name},
        body=_("%(unit)s申请召开%(name)s，%(n)s项情况附说明理由。")
        % {"unit": meeting.organiser.name, "name": meeting.name, "n": meeting.breaches.count()},
        url=meeting.get_absolute_url(),
        level="reminder",
        todo_key=f"meeting:{meeting.pk}:{meeting.approval_step}",
    )


def meeting_approve(*, actor: Any, meeting: Meeting, reason: str = "") -> Meeting:
    """This step of the chain agrees: the next role decides, or the meeting is approved after the last."""

    def apply(m: Meeting) -> list[str]:
        m.approval_step += 1
        if m.approval_step >= len(m.approval_chain):
            m.status = Meeting.Status.APPROVED
        m.status_reason = reason[:300]
        return ["approval_step", "status", "status_reason"]

    MEETING_FLOW.run("approve", actor=actor, obj=meeting, reason=reason, apply=apply, after=_notify_approvers)
    return meeting


def meeting_return(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    MEETING_FLOW.run("return", actor=actor, obj=meeting, reason=reason, apply=lambda m: _reason(m, reason))
    return meeting


def meeting_refuse(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    MEETING_FLOW.run(
        "refuse", actor=actor, obj=meeting, reason=reason, apply=lambda m: _reason(m, reason), after=_release
    )
    return meeting


def meeting_resubmit(*, actor: Any, meeting: Meeting, reason: str = "") -> Meeting:
    def apply(m: Meeting) -> list[str]:
        m.approval_step = 0
        m.status_reason = ""
        return ["approval_step", "status_reason"]

    MEETING_FLOW.run("resubmit", actor=actor, obj=meeting, reason=reason, apply=apply, after=_notify_approvers)
    return meeting


def meeting_hold(*, actor: Any, meeting: Meeting, reason: str = "") -> Meeting:
    MEETING_FLOW.run("hold", actor=actor, obj=meeting, reason=reason)
    return meeting


def meeting_cancel(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    MEETING_FLOW.run(
        "cancel", actor=actor, obj=meeting, reason=reason, apply=lambda m: _reason(m, reason), after=_release
    )
    return meeting


def _reason(meeting: Meeting, reason: str) -> list[str]:
    meeting.status_reason = reason[:300]
    return ["status_reason"]


def _release(meeting: Meeting) -> None:
    """A refused or cancelled meeting gives its room and its leaders' time back."""
    meeting.activities.all().delete()


def config_update(*, actor: Any, **values: Any) -> MeetingConfig:
    """The 精简 rules and the approval chain: every change audited with its old and new values."""
    from shuniu.org.roles import ROLE_BY_SLUG

    chain = str(values.get("approval_chain", "")).split(",")
    unknown = [slug.strip() for slug in chain if slug.strip() and slug.strip() not in ROLE_BY_SLUG]
    if unknown:
        raise ValidationError(_("报批流程中的角色代码不存在：%(s)s") % {"s": "、".join(unknown)}, code="chain")
    return update_config(MeetingConfig, actor=actor, perm=CONFIG, values=values)
