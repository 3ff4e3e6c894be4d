"""Daily: approved leave whose day back has passed without 销假 is told to the section head (once per request)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from shuniu.leave.services import flag_overdue


class Command(BaseCommand):
    help = "Flag approved leave not returned by the return date (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        n = flag_overdue(today=options["date"])
        self.stdout.write(f"Flagged {n} overdue returns")
