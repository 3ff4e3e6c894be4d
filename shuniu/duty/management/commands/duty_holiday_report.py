"""Daily: on a statutory holiday, the day's 值班信息日报 is compiled from the log and the log keepers are told it is
due (idempotent: a day already compiled is left alone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from shuniu.core.system import system_actor
from shuniu.duty.report import holiday_job


class Command(BaseCommand):
    help = "Compile the holiday duty report of the day and tell the log keepers (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["date"] or timezone.localdate()
        report = holiday_job(actor=system_actor("duty_holiday_report"), today=day)
        self.stdout.write(f"Compiled the duty report of {day}" if report else f"No duty report to compile on {day}")
