"""值班日志 (SPEC §7): record calls, visits and handover notes; close an open item; raise an entry to urgent
information through the information app's own service (its clocks start there), linked both ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.workdays import check_date
from shuniu.duty.models import LogEntry
from shuniu.information import urgent

KEEP = "duty.keep_log"
WHERE = "duty.log"


def require_keeper(actor: Any) -> None:
    if not has_perm(actor, KEEP):
        raise PermissionDenied


def entry_create(
    *,
    actor: Any,
    kind: str,
    at: dt.datetime,
    content: str,
    unit: str = "",
    caller: str = "",
    handling: str = "",
    now: dt.datetime | None = None,
) -> LogEntry:
    require_keeper(actor)
    refuse_marked(
        [(_("单位"), unit), (_("来电（来访）人"), caller), (_("内容"), content), (_("处理情况"), handling)],
        user=actor,
        where=WHERE,
    )
    if kind not in LogEntry.Kind.values:
        raise ValidationError(_("类别应为来电、来访、交接班或其他。"), code="kind")
    if not content.strip():
        raise ValidationError(_("请填写内容。"), code="content")
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    check_date(timezone.localtime(at).date())
    if at > (now or timezone.now()) + dt.timedelta(minutes=5):
        raise ValidationError(_("时间不能晚于现在。"), code="future")
    with transaction.atomic():
        year = timezone.localtime(at).year
        entry = LogEntry.objects.create(
            code=f"ZR-{year}-{next_value(f'dutylog:{year}'):04d}",
            kind=kind,
            at=at,
            unit=unit.strip()[:100],
            caller=caller.strip()[:50],
            content=content.strip()[:3000],
            handling=handling.strip()[:3000],
            recorded_by=actor,
        )
        audit.record(actor=actor, action="log", obj=entry, changes={"kind": [None, kind]})
    return entry


def entry_close(*, actor: Any, entry: LogEntry, handling: str) -> LogEntry:
    """办结 an open item with how it was handled."""
    require_keeper(actor)
    refuse_marked([(_("处理情况"), handling)], user=actor, where=WHERE)
    if not handling.strip():
        raise ValidationError(_("请填写处理情况。"), code="handling")
    if entry.status == LogEntry.Status.CLOSED:
        raise ValidationError(_("该事项已办结。"), code="closed")
    with transaction.atomic():
        entry.handling = (entry.handling + "\n" if entry.handling else "") + handling.strip()
        entry.status, entry.closed_at = LogEntry.Status.CLOSED, timezone.now()
        entry.save(update_fields=["handling", "status", "closed_at"])
        audit.record(actor=actor, action="close", obj=entry, changes={"status": ["open", "closed"]})
    return entry


RAISED = {"urgent": _lazy("紧急信息"), "task": _lazy("督办事项"), "request": _lazy("群众诉求")}


def _raise(actor: Any, entry: LogEntry, kind: str, make: Callable[[], Any]) -> Any:
    """One action: the other app's service makes the item (its own rules, clocks and audit); the entry keeps its
    code and link, and that item's page links back to the entry."""
    require_keeper(actor)
    if entry.raised_code:
        raise ValidationError(_("该条日志已转办：%(c)s。") % {"c": entry.raised_code}, code="raised")
    with transaction.atomic():
        made = make()
        entry.raised_kind, entry.raised_code, entry.raised_url = kind, made.code, made.get_absolute_url()
        entry.save(update_fields=["raised_kind", "raised_code", "raised_url"])
        audit.record(actor=actor, action="raise", obj=entry, changes={kind: [None, made.code]})
    return made


def entry_to_urgent(
    *, actor: Any, entry: LogEntry, title: str, level: str, place: str, now: dt.datetime | None = None
) -> Any:
    """转紧急信息: the information app registers the event (its 首报 clocks run from the entry's time)."""
    return _raise(
        actor,
        entry,
        "urgent",
        lambda: urgent.event_create(
            actor=actor, title=title, level=level, occurred_at=entry.at, place=place, summary=entry.content, now=now
        ),
    )


def entry_to_task(
    *, actor: Any, entry: LogEntry, title: str, lead_unit: Any, due_date: dt.date, today: dt.date | None = None
) -> Any:
    """转督办: supervision registers a task (交办事项, the entry's code as its 来源依据) for the lead unit."""
    from shuniu.supervision.services import task_register

    if lead_unit is None:
        raise ValidationError(_("请选择牵头单位。"), code="lead_unit")
    start = today or timezone.localdate()
    return _raise(
        actor,
        entry,
        "task",
        lambda: task_register(
            actor=actor,
            title=title.strip()[:200],
            source="assigned",
            source_ref=_("值班日志 %(c)s") % {"c": entry.code},
            lead_unit=lead_unit,
            start_date=start,
            due_date=due_date,
            requirements=entry.content,
        ),
    )


def entry_to_request(*, actor: Any, entry: LogEntry, title: str, request_type: str, phone: str = "") -> Any:
    """转群众诉求: the hotline's intake registers a request (来电 → 热线电话, 来访 → 来访) with its own time limits; a
    caller who left no number is recorded as anonymous."""
    from shuniu.governance.requests.services import request_receive

    channel = "visit" if entry.kind == LogEntry.Kind.VISIT else "hotline"
    return _raise(
        actor,
        entry,
        "request",
        lambda: request_receive(
            actor=actor,
            channel=channel,
            request_type=request_type,
            title=title.strip()[:200],
            content=entry.content,
            citizen_name=entry.caller,
            phone=phone,
            anonymous=not phone.strip(),
        ),
    )


def entries_raised(kind: str, code: str) -> list[tuple[str, str]]:
    """The duty-log entries an item was raised from (that item's page lists them)."""
    return [
        (_("值班日志 %(c)s") % {"c": e.code}, f"/duty/log/#{e.code}")
        for e in LogEntry.objects.filter(raised_kind=kind, raised_code=code)
    ]
