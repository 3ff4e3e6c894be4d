from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from shuniu.core import registry


class Command(BaseCommand):
    help = "Run the idempotent periodic jobs every app registered (shuniu.core.registry.daily_job); safe hourly."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--list", action="store_true", help="print the jobs in order and run nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        for job in registry.daily_jobs():
            self.stdout.write(f"→ {job}")
            if not options["list"]:
                name, *job_args = job.split()
                call_command(name, *job_args)
