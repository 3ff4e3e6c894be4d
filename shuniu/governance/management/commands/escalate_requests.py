from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from shuniu.core.system import system_actor
from shuniu.governance.models import CitizenRequest, GovernanceConfig
from shuniu.governance.requests.services import escalation_reason, request_escalate


class Command(BaseCommand):
    help = "Escalate overdue, twice-unsatisfied or leader-flagged requests to supervision tasks (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        actor = system_actor("escalate_requests")
        config = GovernanceConfig.current()
        done = 0
        candidates = CitizenRequest.objects.filter(escalated_task__isnull=True, handling_unit__isnull=False).exclude(
            status__in=[CitizenRequest.Status.ARCHIVED, CitizenRequest.Status.REJECTED]
        )
        for req in candidates.select_related("handling_unit").iterator(chunk_size=1000):
            reason = escalation_reason(req, today, config)
            if reason:
                request_escalate(actor=actor, req=req, reason=reason, today=today)
                done += 1
        self.stdout.write(f"Escalated {done} requests to supervision tasks.")
