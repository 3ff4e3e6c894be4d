"""民主议政日 and 百姓夜话: record the event, its items, and turn each item into a request or a task."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.core.workdays import add_workdays
from shuniu.governance.models import CitizenRequest, EventItem, ParticipationEvent
from shuniu.governance.participation.policies import event_policy
from shuniu.governance.requests import services
from shuniu.org.models import Unit


def event_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str,
    town: Unit | None = None,
    hosts: str = "",
    participants: str = "",
    minutes: str = "",
) -> ParticipationEvent:
    """Record an event (by the office: holders of governance.dispatch_request)."""
    authorize(event_policy, actor, "create")
    texts = [
        (_("主题"), title),
        (_("地点"), place),
        (_("主持人"), hosts),
        (_("参加人员"), participants),
        (_("会议纪要"), minutes),
    ]
    refuse_marked(texts, user=actor, where="governance.event")
    with transaction.atomic():
        event = ParticipationEvent(
            kind=kind,
            title=title,
            held_on=held_on,
            place=place,
            town=town,
            hosts=hosts,
            participants=participants,
            minutes=minutes,
            created_by=actor,
        )
        event.full_clean()
        event.save()
        audit.record(actor=actor, action="create", obj=event, changes={"title": [None, title]})
    return event


def item_add(*, actor: Any, event: ParticipationEvent, content: str, raised_by: str = "") -> EventItem:
    """An item raised at the event (a question, a suggestion)."""
    authorize(event_policy, actor, "item", event)
    refuse_marked([(_("事项"), content), (_("提出人"), raised_by)], user=actor, where="governance.event_item")
    with transaction.atomic():
        item = EventItem.objects.create(event=event, content=content, raised_by=raised_by[:50])
        audit.record(actor=actor, action="create", obj=item, changes={"content": [None, content[:100]]})
    return item


def item_to_request(*, actor: Any, item: EventItem, request_type: str = "suggestion") -> CitizenRequest:
    """The item becomes a citizen request from this channel (anonymous: the event is the source)."""
    authorize(event_policy, actor, "to_request", item.event)
    if item.request_id or item.task_id:
        raise ValidationError(_("该事项已转办。"))
    with transaction.atomic():
        req = services.request_receive(
            actor=actor,
            channel=item.event.kind,
            request_type=request_type,
            title=item.content[:60],
            content=item.content,
            anonymous=True,
            town=item.event.town,
            address=item.event.place,
        )
        item.request = req
        item.save(update_fields=["request"])
    return req


def item_to_task(*, actor: Any, item: EventItem, lead_unit: Unit, days: int = 20) -> Any:
    """The item becomes a supervision task (for matters a single request cannot settle)."""
    from shuniu.supervision.services import task_register

    # Registering the task is authorised by supervision (a supervisor's act), on an event the actor can see.
    if not event_policy.visible(actor).filter(pk=item.event_id).exists():
        raise PermissionDenied
    if item.request_id or item.task_id:
        raise ValidationError(_("该事项已转办。"))
    event = item.event
    with transaction.atomic():
        task = task_register(
            actor=actor,
            title=f"{event.get_kind_display()}事项：{item.content}"[:200],
            source="citizen",
            lead_unit=lead_unit,
            start_date=event.held_on,
            due_date=add_workdays(event.held_on, days),
            report_cycle="once",
            source_ref=f"{event.get_kind_display()} {event.held_on} {event.title}"[:300],
            requirements=item.content,
        )
        item.task = task
        item.save(update_fields=["task"])
    return task


def event_publish(*, actor: Any, event: ParticipationEvent, published: bool) -> ParticipationEvent:
    """Publish the event's results on the portal, or take them down."""
    authorize(event_policy, actor, "publish", event)
    with transaction.atomic():
        before = event.published
        event.published = published
        event.save(update_fields=["published", "updated_at"])
        audit.record(
            actor=actor,
            action="publish" if published else "unpublish",
            obj=event,
            changes={"published": [before, published]},
        )
    return event


def item_set_outcome(*, actor: Any, item: EventItem, outcome: str) -> EventItem:
    """What came of the item (shown on the portal once the event is published)."""
    authorize(event_policy, actor, "outcome", item.event)
    refuse_marked([(_("办理结果"), outcome)], user=actor, where="governance.event_item")
    with transaction.atomic():
        before = item.outcome
        item.outcome = outcome
        item.save(update_fields=["outcome"])
        audit.record(actor=actor, action="update", obj=item, changes={"outcome": [before, outcome]})
    return item
