"""Leader instructions (领导批示件): register, then turn into one or more tracked tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.core.workdays import add_workdays
from shuniu.org.models import Unit
from shuniu.supervision import services
from shuniu.supervision.models import Instruction, Source, SupervisionConfig, Task
from shuniu.supervision.policies import instruction_policy


def time_limit(urgency: str, config: SupervisionConfig | None = None) -> int:
    """Working days allowed for an instruction of this urgency (configurable: 5 / 15 / 30)."""
    config = config or SupervisionConfig.current()
    return {
        Instruction.Urgency.URGENT: config.limit_urgent,
        Instruction.Urgency.NORMAL: config.limit_normal,
        Instruction.Urgency.COMPLEX: config.limit_complex,
    }[Instruction.Urgency(urgency)]


def instruction_register(
    *,
    actor: Any,
    document_title: str,
    leader_name: str,
    text: str,
    instructed_on: dt.date,
    urgency: str = Instruction.Urgency.NORMAL,
    doc_number: str = "",
    for_reading_only: bool = False,
) -> Instruction:
    """Record a leader's instruction; one marked 阅知 is kept but never tracked."""
    authorize(instruction_policy, actor, "register")
    refuse_marked(
        [(_("来文标题"), document_title), (_("批示内容"), text), (_("来文文号"), doc_number)],
        user=actor,
        where="supervision.instruction",
    )
    with transaction.atomic():
        instruction = Instruction(
            document_title=document_title,
            leader_name=leader_name,
            text=text,
            instructed_on=instructed_on,
            urgency=urgency,
            doc_number=doc_number,
            for_reading_only=for_reading_only,
            created_by=actor,
        )
        instruction.full_clean()
        instruction.save()
        audit.record(
            actor=actor,
            action="register",
            obj=instruction,
            changes={"leader_name": [None, leader_name], "urgency": [None, urgency]},
        )
    return instruction


def instruction_create_task(
    *,
    actor: Any,
    instruction: Instruction,
    title: str,
    lead_unit: Unit,
    co_units: list[Unit] | None = None,
    due_date: dt.date | None = None,
    requirements: str = "",
) -> Task:
    """A tracked task from an instruction; the due date defaults to the time limit for its urgency."""
    authorize(instruction_policy, actor, "create_task", instruction)
    if instruction.for_reading_only:
        raise ValidationError(_("阅知性批示只登记，不立项跟踪。"))
    due = due_date or add_workdays(instruction.instructed_on, time_limit(instruction.urgency))
    return services.task_register(
        actor=actor,
        title=title,
        source=Source.INSTRUCTION,
        lead_unit=lead_unit,
        co_units=co_units or [],
        start_date=instruction.instructed_on,
        due_date=due,
        requirements=requirements or instruction.text,
        source_ref=f"{instruction.leader_name}批示 {instruction.doc_number}".strip(),
        instruction=instruction,
        responsible_leader=instruction.leader_name,
        report_cycle="once" if instruction.urgency == "urgent" else "monthly",
    )
