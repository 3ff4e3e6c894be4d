from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from shuniu.audit.models import AuditRecord
from shuniu.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the audit hash chain; exit 1 naming the first bad record."

    def handle(self, *args: Any, **options: Any) -> None:
        problem = verify_chain()
        if problem is not None:
            raise CommandError(f"Audit chain broken at {problem}", returncode=1)
        count = AuditRecord.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} records verified."))
