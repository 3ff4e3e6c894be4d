from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from shuniu.governance.models import HotWords
from shuniu.governance.smart.topics import hot_windows, refresh_hot_keywords


class Command(BaseCommand):
    help = "Recompute this week's and this month's hot words of citizen requests (idempotent; run hourly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        # Windows that ended before yesterday are no longer asked for (the page and the API end them today).
        HotWords.objects.filter(end__lt=today - dt.timedelta(days=1)).delete()
        for start, end in hot_windows(today):
            words = refresh_hot_keywords(start, end)
            top = "、".join(w for w, _n in words[:5]) or "—"
            self.stdout.write(f"Hot words {start}–{end}: {top}")
