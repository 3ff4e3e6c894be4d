from typing import Any

from django.core.management.base import BaseCommand

from shuniu.core.system import job_record
from shuniu.information.urgent import mark_late


class Command(BaseCommand):
    help = "Store lateness of urgent-information deadlines that passed without their report, and notify (idempotent; "
    "run every few minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = mark_late()
        if count:
            job_record("check_urgent_clocks", late=count)
        self.stdout.write(f"Marked {count} deadlines late.")
