from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from shuniu.core.system import job_record
from shuniu.supervision.lights import refresh_open_lights


class Command(BaseCommand):
    help = "Recompute every task's light for today (idempotent); changes go into the light history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            changed = refresh_open_lights(as_of=options["date"])
            if changed:
                job_record("refresh_lights", changed=changed)
        self.stdout.write(f"Lights refreshed: {changed} changed.")
