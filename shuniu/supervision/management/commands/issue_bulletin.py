from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuniu.supervision.bulletins import bulletin_issue


def _month(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 (a calendar month, not an instant)
    except ValueError as exc:
        raise CommandError("--month must look like 2026-05") from exc


class Command(BaseCommand):
    help = "Issue the monthly supervision bulletin (月通报); a month issued before gets a numbered correction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        from shuniu.org.models import User

        actor = User.objects.filter(groups__role__slug="supervisor", is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError("no active 督查员 to issue the bulletin in the name of")
        bulletin = bulletin_issue(actor=actor, month=_month(options["month"]), today=options["today"])
        self.stdout.write(f"Issued {bulletin.title}: {bulletin.snapshot['totals']}")
