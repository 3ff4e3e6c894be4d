from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from shuniu.core.system import job_record
from shuniu.supervision.reminders import send_reminders


class Command(BaseCommand):
    help = "Queue today's supervision reminders (idempotent: at most one per task per kind per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="judge as of YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        with transaction.atomic():
            sent = send_reminders(today)
            if sent:
                job_record("send_reminders", date=today.isoformat(), **sent)
        self.stdout.write(
            f"Reminders for {today}: " + (", ".join(f"{k} {v}" for k, v in sorted(sent.items())) or "none")
        )
