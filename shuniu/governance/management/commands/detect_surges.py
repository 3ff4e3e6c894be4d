from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.governance.smart.topics import surges
from shuniu.notifications.services import notify
from shuniu.org.models import User


class Command(BaseCommand):
    help = "Warn the office about surging request topics (idempotent: one notice per topic per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["date"] or timezone.localdate()
        found = surges(day)
        office = User.objects.filter(is_active=True, groups__role__slug__in=["office_director", "operator"]).distinct()
        with transaction.atomic():
            for surge in found:
                notify(
                    recipients=list(office),
                    title=_("诉求激增预警：%(c)s") % {"c": surge.category},
                    body=surge.text,
                    url=reverse("governance:topics"),
                    level="warning",
                    dedupe_key=f"surge:{surge.category}:{day}",
                )
        self.stdout.write(f"Surges on {day}: " + ("; ".join(s.text for s in found) or "none"))
