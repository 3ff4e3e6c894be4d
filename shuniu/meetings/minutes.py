"""Notices, replies and sign-in, and the minutes: typed outcomes whose decisions become supervision tasks in one
action (through supervision's own service, so its policy, guard and audit apply)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.core.system import person
from shuniu.core.workdays import add_workdays
from shuniu.meetings.models import Invitation, Meeting, Outcome
from shuniu.meetings.policies import meeting_policy
from shuniu.meetings.transitions import GOING_AHEAD

R = Invitation.Reply


def invite(*, actor: Any, meeting: Meeting, users: Iterable[Any], now: dt.datetime | None = None) -> int:
    """会议通知 to `users` (inbox and the notification channels); returns how many were newly invited."""
    from shuniu.notifications.services import notify

    authorize(meeting_policy, actor, "notify", meeting)
    if meeting.status not in GOING_AHEAD:
        raise ValidationError(_("会议报备或批准后才能发通知。"), code="state")
    users = [u for u in users if u is not None and u.is_active]
    if not users:
        raise ValidationError(_("请选择参会人员。"), code="required")
    with transaction.atomic():
        known = set(meeting.invitations.values_list("user_id", flat=True))
        fresh = [u for u in users if u.pk not in known]
        Invitation.objects.bulk_create(
            [Invitation(meeting=meeting, user=u, notified_at=now or timezone.now()) for u in fresh]
        )
        audit.record(
            actor=actor,
            action="notify",
            obj=meeting,
            object_repr=meeting.code,
            changes={"invited": [None, [str(u) for u in fresh]]},
        )
        start = timezone.localtime(meeting.start)
        notify(
            recipients=fresh,
            title=_("会议通知：%(name)s") % {"name": meeting.name},
            body=_("%(t)s 在%(p)s召开，请回执。")
            % {"t": f"{start:%m月%d日 %H:%M}", "p": meeting.venue or meeting.get_form_display()},
            url=meeting.get_absolute_url(),
            level="reminder",
            todo_key=f"meeting-reply:{meeting.pk}",
        )
    return len(fresh)


def reply(*, actor: Any, invitation: Invitation, answer: str, deputy_name: str = "", reason: str = "") -> Invitation:
    """回执: attend, send a deputy (named), or absent (with the reason). The invitee's own."""
    if invitation.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if answer not in (R.ATTEND, R.DEPUTY, R.ABSENT):
        raise ValidationError(_("回执应为：attend（参加）、deputy（委派他人参加）、absent（请假）。"), code="choice")
    if answer == R.DEPUTY and not deputy_name.strip():
        raise ValidationError(_("委派他人参加须写明参会人姓名。"), code="deputy")
    if answer == R.ABSENT and not reason.strip():
        raise ValidationError(_("请假须写明事由。"), code="reason")
    refuse_marked([("参会人", deputy_name), ("请假事由", reason)], user=actor, where="meetings.invitation")
    with transaction.atomic():
        invitation.reply, invitation.replied_at = answer, timezone.now()
        invitation.deputy_name = deputy_name.strip()[:50] if answer == R.DEPUTY else ""
        invitation.reason = reason.strip()[:200] if answer == R.ABSENT else ""
        invitation.save(update_fields=["reply", "replied_at", "deputy_name", "reason"])
        audit.record(
            actor=actor,
            action="reply",
            obj=invitation.meeting,
            object_repr=invitation.meeting.code,
            changes={"reply": [None, str(R(answer).label)]},
        )
    return invitation


def reply_counts(meeting: Meeting) -> dict[str, int]:
    """The organiser's figures: invited, each reply, signed in (one query)."""
    from django.db.models import Count

    found = meeting.invitations.aggregate(
        invited=Count("id"),
        attend=Count("id", filter=Q(reply=R.ATTEND)),
        deputy=Count("id", filter=Q(reply=R.DEPUTY)),
        absent=Count("id", filter=Q(reply=R.ABSENT)),
        pending=Count("id", filter=Q(reply=R.PENDING)),
        signed=Count("id", filter=Q(signed_in_at__isnull=False)),
    )
    return {k: int(v or 0) for k, v in found.items()}


def sign_in(
    *, actor: Any, meeting: Meeting, user: Any = None, code: str = "", now: dt.datetime | None = None
) -> Invitation:
    """签到 on the day: the organiser signs in any invitee; an invitee signs himself in with the room's short code."""
    now = now or timezone.now()
    target = user or actor
    invitation = meeting.invitations.filter(user=target).first()
    if invitation is None:
        raise ValidationError(_("%(u)s 不在本次会议的通知名单中。") % {"u": target}, code="not_invited")
    if target.pk != actor.pk or not code:
        authorize(meeting_policy, actor, "notify", meeting)  # the organiser's desk
    elif code.strip() != meeting.sign_code:
        raise ValidationError(_("签到码不正确。"), code="sign_code")
    if timezone.localtime(now).date() != timezone.localtime(meeting.start).date():
        raise ValidationError(_("只能在会议当天签到。"), code="day")
    with transaction.atomic():
        if invitation.signed_in_at is None:
            invitation.signed_in_at = now
            invitation.save(update_fields=["signed_in_at"])
            audit.record(
                actor=actor,
                action="sign_in",
                obj=meeting,
                object_repr=meeting.code,
                changes={"signed_in": [None, str(target)]},
            )
    return invitation


def outcome_add(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str,
    text: str,
    lead_unit: Any = None,
    co_units: Iterable[Any] = (),
    due_workdays: int | None = None,
) -> Outcome:
    """One item of the minutes (information / decision / task); a task needs its lead unit and time limit."""
    authorize(meeting_policy, actor, "minutes", meeting)
    if meeting.status not in (*GOING_AHEAD, Meeting.Status.HELD):
        raise ValidationError(_("该会议未报备或未获批准，不能记录纪要。"), code="state")
    if kind not in Outcome.OutcomeKind.values:
        raise ValidationError(
            _("纪要事项类型应为：information（通报事项）、decision（议定事项）、task（工作任务）。"), code="choice"
        )
    if not text.strip():
        raise ValidationError(_("请填写纪要内容。"), code="required")
    if kind == Outcome.OutcomeKind.TASK and (lead_unit is None or not due_workdays):
        raise ValidationError(_("工作任务须指定牵头单位和办理时限（工作日）。"), code="task")
    if due_workdays is not None and not 1 <= due_workdays <= 750:
        raise ValidationError(_("办理时限应为 1–750 个工作日。"), code="due")
    refuse_marked([("纪要内容", text)], user=actor, where="meetings.outcome")
    with transaction.atomic():
        number = (meeting.outcomes.aggregate(n=Max("number"))["n"] or 0) + 1
        outcome = Outcome.objects.create(
            meeting=meeting,
            number=number,
            kind=kind,
            text=text.strip(),
            lead_unit=lead_unit,
            due_workdays=due_workdays,
            created_by=person(actor),
        )
        outcome.co_units.set([u for u in co_units if lead_unit is None or u.pk != lead_unit.pk])
        audit.record(
            actor=actor,
            action="minutes",
            obj=meeting,
            object_repr=meeting.code,
            changes={"outcome": [None, f"{number} {outcome.get_kind_display()}"]},
        )
    return outcome


def outcome_to_task(
    *,
    actor: Any,
    outcome: Outcome,
    lead_unit: Any = None,
    due_workdays: int | None = None,
    today: dt.date | None = None,
) -> Any:
    """A decision of the minutes becomes a supervision task (source 会议议定事项, the meeting as its reference, the
    due date counted in working days from today); once only."""
    from shuniu.supervision import services as supervision

    meeting = outcome.meeting
    authorize(meeting_policy, actor, "minutes", meeting)
    if not outcome.trackable:
        raise ValidationError(_("通报事项不转督办。"), code="kind")
    if outcome.task is not None:
        raise ValidationError(_("该事项已转为督办事项 %(c)s。") % {"c": outcome.task.code}, code="done")
    lead_unit = lead_unit or outcome.lead_unit
    days = due_workdays or outcome.due_workdays
    if lead_unit is None or not days:
        raise ValidationError(_("转督办须指定牵头单位和办理时限（工作日）。"), code="task")
    if not 1 <= days <= 750:
        raise ValidationError(_("办理时限应为 1–750 个工作日。"), code="due")
    start = today or timezone.localdate()
    title = outcome.text.strip().splitlines()[0][:120]
    with transaction.atomic():
        task = supervision.task_register(
            actor=actor,
            title=title,
            requirements=outcome.text,
            source="meeting",
            source_ref=_("%(code)s %(name)s 第%(n)s项")
            % {"code": meeting.code, "name": meeting.name, "n": outcome.number},
            lead_unit=lead_unit,
            co_units=list(outcome.co_units.all()),
            start_date=start,
            due_date=add_workdays(start, days),
        )
        outcome.task, outcome.lead_unit, outcome.due_workdays = task, lead_unit, days
        outcome.save(update_fields=["task", "lead_unit", "due_workdays"])
        audit.record(
            actor=actor, action="to_task", obj=meeting, object_repr=meeting.code, changes={"task": [None, task.code]}
        )
    return task


def open_decisions(meeting: Meeting) -> list[Outcome]:
    """The decisions and tasks of the earlier meetings of the same series that are still open (not yet a task, or a
    task not yet closed): the next meeting's agenda lists them."""
    from shuniu.supervision.selectors import OPEN_STATES

    if meeting.series_id is None:
        return []
    earlier = Outcome.objects.filter(
        meeting__series_id=meeting.series_id,
        meeting__start__lt=meeting.start,
        kind__in=[Outcome.OutcomeKind.DECISION, Outcome.OutcomeKind.TASK],
    ).exclude(meeting__status__in=[Meeting.Status.REFUSED, Meeting.Status.CANCELLED])
    still = earlier.filter(Q(task__isnull=True) | Q(task__status__in=OPEN_STATES))
    return list(still.select_related("meeting", "lead_unit", "task").order_by("meeting__start", "number"))
