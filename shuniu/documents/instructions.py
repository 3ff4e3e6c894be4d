"""A leader's 批示 on an incoming document (SPEC §6): recorded on the document and, in the same action, registered in
supervision's instruction registry with the 收文号 as its reference, each task it asks for registered from it
(source 领导批示). The registry is supervision's own (`instruction_register`, `instruction_create_task`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.documents.incoming import _run
from shuniu.documents.models import Incoming, Urgency

SUPERVISION_URGENCY = {Urgency.EXTRA: "urgent", Urgency.EXPEDITED: "urgent", Urgency.NONE: "normal"}


@dataclass(frozen=True)
class TaskAsk:
    """One task the 批示 asks for: what, the lead unit, the co-units, the due date (default: by urgency)."""

    title: str
    lead_unit: Any
    co_units: Sequence[Any] = ()
    due_date: dt.date | None = None


def incoming_instruct(
    *,
    actor: Any,
    incoming: Incoming,
    text: str,
    handling_units: Iterable[Any] = (),
    lead_unit: Any = None,
    tasks: Sequence[TaskAsk] = (),
    reason: str = "",
) -> Incoming:
    """领导批示: the leader's text; the units that handle it (a lead unit when two or more); each `tasks` entry a
    supervision task from the same instruction. All or nothing."""
    from shuniu.supervision import instructions as registry

    text = (text or "").strip()
    if not text:
        raise ValidationError(_("请填写批示内容。"), code="text")
    if len(text) > 2000:
        raise ValidationError(_("批示内容不超过 2000 字。"), code="text")
    units = list(handling_units)
    if lead_unit is not None and lead_unit not in units:
        units.insert(0, lead_unit)
    if len(units) >= 2 and lead_unit is None:
        raise ValidationError(_("两个以上单位承办的，须明确主办单位。"), code="lead_unit")
    for ask in tasks:
        if not (ask.title or "").strip() or ask.lead_unit is None:
            raise ValidationError(_("转督办的事项须填写事项名称和牵头单位。"), code="task")

    def apply(o: Incoming) -> list[str]:
        o.instruction_text, o.instructed_at = text, timezone.now()
        o.lead_unit = lead_unit or (units[0] if units else None)
        return ["instruction_text", "instructed_at", "lead_unit"]

    def related(o: Incoming) -> dict[str, Any]:
        o.handling_units.set(units)
        changes: dict[str, Any] = {"handling_units": [None, [u.name for u in units]]}
        if tasks:
            instruction = registry.instruction_register(
                actor=actor,
                document_title=o.title,
                leader_name=actor.real_name or actor.username,
                text=text,
                instructed_on=timezone.localdate(),
                urgency=SUPERVISION_URGENCY.get(o.urgency, "normal"),  # type: ignore[call-overload]
                doc_number=o.receipt_number,
            )
            o.instruction = instruction
            o.save(update_fields=["instruction"])
            made = [
                registry.instruction_create_task(
                    actor=actor,
                    instruction=instruction,
                    title=ask.title.strip()[:200],
                    lead_unit=ask.lead_unit,
                    co_units=list(ask.co_units),
                    due_date=ask.due_date,
                )
                for ask in tasks
            ]
            changes["tasks"] = [None, [t.code for t in made]]
        return changes

    with transaction.atomic():
        return _run(
            "instruct",
            actor=actor,
            incoming=incoming,
            reason=reason,
            texts={"批示内容": text, **{f"督办事项{i + 1}": a.title for i, a in enumerate(tasks)}},
            apply=apply,
            related=related,
        )
