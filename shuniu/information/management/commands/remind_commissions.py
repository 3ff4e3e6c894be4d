from typing import Any

from django.core.management.base import BaseCommand

from shuniu.core.system import job_record
from shuniu.information.commissions import remind


class Command(BaseCommand):
    help = "Remind units of the commissioned topics (约稿) they have not answered (daily, idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = remind()
        if count:
            job_record("remind_commissions", reminded=count)
        self.stdout.write(f"Reminded {count} commissions.")
