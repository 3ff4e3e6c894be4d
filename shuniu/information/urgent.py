"""Urgent information (紧急信息, SPEC §4): one event with its 首报, 续报 and 终报, and the clocks that time them.

The limits (`UrgentLimit`, minutes from the event time, by level) give the phone and written 首报 deadlines when
the event is registered; each day's 续报 slots (`InformationConfig.follow_up_slots`, default 08:00 and 17:00) are
deadlines too, from the first slot after the written 首报's deadline until the 终报. Deadlines are rows: the moment
one passes without its report `late` is stored (by `check_urgent_clocks`, which runs every few minutes, and by
every read of the event), and the office director and the duty officers are notified; a report sent after its
deadline is stored late at once. Nothing is recomputed later."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.choices import check_choice
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.core.workdays import check_date
from shuniu.information.defaults import URGENT_LIMITS
from shuniu.information.models import InformationConfig, UrgentDeadline, UrgentEvent, UrgentLimit, UrgentReport
from shuniu.information.policies import event_policy

WHERE = "information.urgent"
# The elements a written report must carry (SPEC §4), each as "要素：内容" in the text.
REQUIRED_ELEMENTS = (
    "时间",
    "地点",
    "信息来源",
    "起因性质",
    "基本过程",
    "已造成后果",
    "影响范围",
    "发展趋势",
    "处置情况",
    "拟采取措施",
    "现场负责人及联系方式",
)
K, C = UrgentReport.Kind, UrgentReport.Channel


def limits(level: str) -> tuple[int | None, int]:
    row = UrgentLimit.objects.filter(level=level).first()
    if row is not None:
        return row.phone_minutes, row.written_minutes
    return URGENT_LIMITS[level]


def missing_elements(text: str) -> list[str]:
    """The required elements a written report lacks (an element counts when its name is followed by a colon and
    some content)."""
    return [e for e in REQUIRED_ELEMENTS if not re.search(rf"{re.escape(e)}\s*[:：]\s*\S", text)]


def slot_times(config: InformationConfig) -> list[dt.time]:
    times = []
    for part in config.follow_up_slots.replace("，", ",").split(","):
        try:
            hours, minutes = part.strip().split(":")
            times.append(dt.time(int(hours), int(minutes)))
        except ValueError:
            continue
    return sorted(set(times)) or [dt.time(8), dt.time(17)]


def _slots_between(start: dt.datetime, end: dt.datetime, times: list[dt.time]) -> list[dt.datetime]:
    """The 续报 slots after `start` up to and including the first one at or after `end`."""
    tz = timezone.get_current_timezone()
    day = timezone.localtime(start).date()
    found: list[dt.datetime] = []
    while day <= timezone.localtime(end).date() + dt.timedelta(days=1):
        for t in times:
            moment = dt.datetime.combine(day, t, tz)
            if moment > start:
                found.append(moment)
                if moment >= end:
                    return found
        day += dt.timedelta(days=1)
    return found


def ensure_slots(event: UrgentEvent, now: dt.datetime, times: list[dt.time] | None = None) -> None:
    """Create the 续报 deadlines up to the next one after `now` (none after the 终报)."""
    if event.closed_at is not None:
        return
    written = event.deadlines.filter(kind=K.INITIAL, channel=C.WRITTEN).values_list("due_at", flat=True).first()
    start = written or event.occurred_at
    times = times or slot_times(InformationConfig.current())
    rows = [
        UrgentDeadline(event=event, kind=K.FOLLOW_UP, channel=C.WRITTEN, due_at=moment)
        for moment in _slots_between(start, max(now, start), times)
    ]
    UrgentDeadline.objects.bulk_create(rows, ignore_conflicts=True)


def event_create(
    *,
    actor: Any,
    title: str,
    level: str,
    occurred_at: dt.datetime,
    place: str,
    summary: str,
    unit: Any = None,
    check_clocks: bool = True,
    now: dt.datetime | None = None,
) -> UrgentEvent:
    """Register the event; its phone and written 首报 deadlines are stored from the limits of its level (and, with
    `check_clocks`, those already passed are stored late at once; a back-filled record enters its reports first)."""
    authorize(event_policy, actor, "create")
    refuse_marked([(_("事件名称"), title), (_("地点"), place), (_("简要情况"), summary)], user=actor, where=WHERE)
    check_choice(level, UrgentEvent.UrgentLevel, _("等级"))
    if not title.strip() or not place.strip() or not summary.strip():
        raise ValidationError(_("请填写事件名称、地点和简要情况。"))
    if timezone.is_naive(occurred_at):
        raise ValidationError(_("发生时间须带时区（如 +08:00）。"))
    check_date(timezone.localtime(occurred_at).date())
    now = now or timezone.now()
    if occurred_at > now + dt.timedelta(minutes=5):
        raise ValidationError(_("发生时间不能晚于现在。"))
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError(_("您的账户未归属任何单位。"))
    phone, written = limits(level)
    with transaction.atomic():
        year = timezone.localtime(occurred_at).year
        event = UrgentEvent.objects.create(
            code=f"JJ-{year}-{next_value(f'JJ-{year}'):04d}",
            title=title.strip(),
            level=level,
            occurred_at=occurred_at,
            place=place.strip(),
            summary=summary.strip(),
            unit=unit,
            reported_by=person(actor),
        )
        deadlines = [
            UrgentDeadline(
                event=event, kind=K.INITIAL, channel=C.WRITTEN, due_at=occurred_at + dt.timedelta(minutes=written)
            )
        ]
        if phone is not None:
            deadlines.append(
                UrgentDeadline(
                    event=event, kind=K.INITIAL, channel=C.PHONE, due_at=occurred_at + dt.timedelta(minutes=phone)
                )
            )
        UrgentDeadline.objects.bulk_create(deadlines)
        audit.record(
            actor=actor,
            action="create",
            obj=event,
            changes={"level": [None, level], "occurred_at": [None, occurred_at.isoformat()]},
        )
    if check_clocks:
        mark_late(now=now, events=[event])
    return event


def _deadline_for(event: UrgentEvent, kind: str, channel: str, sent_at: dt.datetime) -> UrgentDeadline | None:
    """The deadline a report meets: its own 首报 row; for a 续报 the first open slot (a late one first)."""
    open_rows = event.deadlines.filter(met_by__isnull=True)
    if kind == K.INITIAL:
        return open_rows.filter(kind=K.INITIAL, channel=channel).first()
    if kind == K.FOLLOW_UP:
        return (
            open_rows.filter(kind=K.FOLLOW_UP, due_at__lte=sent_at, late=True).first()
            or open_rows.filter(kind=K.FOLLOW_UP, due_at__gte=sent_at).first()
        )
    return None


def report_add(
    *,
    actor: Any,
    event: UrgentEvent,
    kind: str,
    channel: str,
    sent_at: dt.datetime | None,
    text: str,
    now: dt.datetime | None = None,
) -> UrgentReport:
    """A 首报, 续报 or 终报 by phone or in writing. A written report must carry every required element (the missing
    ones are named); the 终报 closes the event and its open 续报 slots."""
    authorize(event_policy, actor, "report", event)
    refuse_marked([(_("报告内容"), text)], user=actor, where=WHERE)
    check_choice(kind, K, _("报告类型"))
    check_choice(channel, C, _("方式"))
    if event.closed_at is not None:
        raise ValidationError(_("该事件已终报，不能再报告。"), code="closed")
    if not text.strip():
        raise ValidationError(_("请填写报告内容。"))
    if channel == C.WRITTEN:
        missing = missing_elements(text)
        if missing:
            raise ValidationError(
                _("书面报告缺少以下要素：%(m)s。请按“要素：内容”逐项填写。") % {"m": "、".join(missing)},
                code="missing_elements",
            )
    now = now or timezone.now()
    sent_at = sent_at or now
    if timezone.is_naive(sent_at):
        raise ValidationError(_("报送时间须带时区（如 +08:00）。"))
    if sent_at > now + dt.timedelta(minutes=5) or sent_at < event.occurred_at:
        raise ValidationError(_("报送时间应在事件发生之后、不晚于现在。"))
    with transaction.atomic():
        event = UrgentEvent.objects.select_for_update().get(pk=event.pk)
        ensure_slots(event, sent_at)
        report = UrgentReport.objects.create(
            event=event, kind=kind, channel=channel, sent_at=sent_at, text=text.strip(), by=person(actor)
        )
        met = [_deadline_for(event, kind, channel, sent_at)]
        if kind == K.INITIAL and channel == C.WRITTEN:  # a written 首报 answers a phone one never made (late if so)
            met.append(_deadline_for(event, kind, C.PHONE, sent_at))
        for deadline in [d for d in met if d is not None]:
            deadline.met_by = report
            if sent_at > deadline.due_at and not deadline.late:
                deadline.late, deadline.late_marked_at = True, now
            deadline.save(update_fields=["met_by", "late", "late_marked_at"])
        if kind == K.FINAL:
            event.closed_at = sent_at
            event.save(update_fields=["closed_at", "updated_at"])
            event.deadlines.filter(met_by__isnull=True, due_at__gt=sent_at).delete()
        audit.record(
            actor=actor,
            action=f"report_{kind}",
            obj=event,
            changes={
                "report_kind": [None, str(UrgentReport.Kind(kind).label)],
                "report_channel": [None, str(UrgentReport.Channel(channel).label)],
                "sent_at": [None, sent_at.isoformat()],
            },
        )
    return report


def _recipients() -> list[Any]:
    from shuniu.org.models import User

    return list(
        User.objects.filter(is_active=True, groups__role__slug__in=["office_director", "duty_officer"]).distinct()
    )


def mark_late(*, now: dt.datetime | None = None, events: list[UrgentEvent] | None = None) -> int:
    """Store `late` on every deadline that has passed without its report, and notify the office director and the
    duty officers once per deadline. Idempotent; returns how many were marked."""
    from shuniu.notifications.services import notify

    now = now or timezone.now()
    open_events = events if events is not None else list(UrgentEvent.objects.filter(closed_at__isnull=True))
    times = slot_times(InformationConfig.current())
    for event in open_events:
        ensure_slots(event, now, times)
    due = UrgentDeadline.objects.filter(met_by__isnull=True, late=False, due_at__lt=now)
    if events is not None:
        due = due.filter(event__in=events)
    rows = list(due.select_related("event"))
    if not rows:
        return 0
    recipients = _recipients()
    with transaction.atomic():
        UrgentDeadline.objects.filter(pk__in=[r.pk for r in rows], late=False).update(late=True, late_marked_at=now)
        for row in rows:
            kind = UrgentReport.Kind(row.kind).label
            channel = UrgentReport.Channel(row.channel).label
            notify(
                recipients=recipients,
                title=_("紧急信息超时：%(code)s %(kind)s（%(ch)s）")
                % {"code": row.event.code, "kind": kind, "ch": channel},
                body=_("%(title)s：%(kind)s（%(ch)s）时限 %(due)s 已过，尚未报告。")
                % {
                    "title": row.event.title,
                    "kind": kind,
                    "ch": channel,
                    "due": timezone.localtime(row.due_at).strftime("%m-%d %H:%M"),
                },
                url=row.event.get_absolute_url(),
                level="danger",
                dedupe_key=f"urgent-late:{row.pk}",
            )
    return len(rows)


def next_deadline(event: UrgentEvent) -> UrgentDeadline | None:
    """The next limit the event must meet (for the running clock)."""
    return event.deadlines.filter(met_by__isnull=True).order_by("due_at").first()
