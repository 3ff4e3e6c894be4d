from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuniu.core.periods import parse_month
from shuniu.core.system import system_actor
from shuniu.supervision.bulletins import bulletin_issue


def _month(value: str) -> dt.date:
    try:
        return parse_month(value)
    except ValueError as exc:
        raise CommandError("--month must look like 2026-05") from exc


class Command(BaseCommand):
    help = "Issue the monthly supervision bulletin (月通报); a month issued before gets a numbered correction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--reason", default="", help="why the month is issued again (a correction)")

    def handle(self, *args: Any, **options: Any) -> None:
        # The bulletin is the office's, issued by the job: its audit record reads system:issue_bulletin.
        try:
            bulletin = bulletin_issue(
                actor=system_actor("issue_bulletin"),
                month=_month(options["month"]),
                today=options["today"],
                reason=options["reason"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Issued {bulletin.title}: {bulletin.snapshot['totals']}")
