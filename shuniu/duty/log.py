"""值班日志 (SPEC §7): record calls, visits and handover notes; close an open item; raise an entry to urgent
information through the information app's own service (its clocks start there), linked both ways."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.workdays import check_date
from shuniu.duty.models import LogEntry
from shuniu.information import urgent

KEEP = "duty.keep_log"
WHERE = "duty.log"


def _require(actor: Any) -> None:
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
    _require(actor)
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
    _require(actor)
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


def entry_to_urgent(
    *, actor: Any, entry: LogEntry, title: str, level: str, place: str, now: dt.datetime | None = None
) -> Any:
    """转紧急信息: the information app registers the event (its 首报 clocks run from the entry's time); the entry
    keeps its code and link."""
    _require(actor)
    if entry.raised_code:
        raise ValidationError(_("该条日志已转办：%(c)s。") % {"c": entry.raised_code}, code="raised")
    with transaction.atomic():
        event = urgent.event_create(
            actor=actor, title=title, level=level, occurred_at=entry.at, place=place, summary=entry.content, now=now
        )
        entry.raised_kind, entry.raised_code, entry.raised_url = "urgent", event.code, event.get_absolute_url()
        entry.save(update_fields=["raised_kind", "raised_code", "raised_url"])
        audit.record(actor=actor, action="raise", obj=entry, changes={"urgent": [None, event.code]})
    return event


def entries_of_event(event: Any) -> list[tuple[str, str]]:
    """The duty-log entries an urgent event was raised from (the event page lists them)."""
    return [
        (_("值班日志 %(c)s") % {"c": e.code}, f"/duty/log/#{e.code}")
        for e in LogEntry.objects.filter(raised_kind="urgent", raised_code=event.code)
    ]
