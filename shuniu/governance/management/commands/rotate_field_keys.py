from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from shuniu.core.crypto import rotate
from shuniu.governance.models import CitizenRequest


class Command(BaseCommand):
    help = "Re-encrypt personal data under the newest FIELD_ENCRYPTION_KEYS key (step 2 of a key rotation)."

    def handle(self, *args: Any, **options: Any) -> None:
        done = 0
        qs = CitizenRequest.objects.exclude(phone_encrypted="", id_number_encrypted="").only(
            "pk", "phone_encrypted", "id_number_encrypted"
        )
        batch: list[CitizenRequest] = []
        for req in qs.iterator(chunk_size=1000):
            req.phone_encrypted, req.id_number_encrypted = rotate(req.phone_encrypted), rotate(req.id_number_encrypted)
            batch.append(req)
            if len(batch) == 1000:
                done += self._flush(batch)
        done += self._flush(batch)
        self.stdout.write(f"Re-encrypted {done} requests under the newest key.")

    @staticmethod
    def _flush(batch: list[CitizenRequest]) -> int:
        with transaction.atomic():
            CitizenRequest.objects.bulk_update(batch, ["phone_encrypted", "id_number_encrypted"])
        count = len(batch)
        batch.clear()
        return count
