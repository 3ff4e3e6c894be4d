from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shuniu.governance.smart.duplicate_index import refresh


class Command(BaseCommand):
    help = "Keep the duplicate check's trigram index on the last one to two months (PostgreSQL; idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        for line in refresh(options["date"]) or ["nothing to do"]:
            self.stdout.write(line)
