from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the idempotent periodic jobs listed in settings.SHUNIU_DAILY_JOBS (safe to run hourly)."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in settings.SHUNIU_DAILY_JOBS:
            name, *job_args = job.split()
            self.stdout.write(f"→ {job}")
            call_command(name, *job_args)
