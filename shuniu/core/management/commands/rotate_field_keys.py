from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import models, transaction

from shuniu.core import registry
from shuniu.core.crypto import rotate

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Re-encrypt every registered personal-data column under the newest FIELD_ENCRYPTION_KEYS key "
        "(step 2 of a key rotation; each app registers its columns with shuniu.core.registry.encrypted)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for entry in registry.encrypted_fields():
            done = self._rotate(entry.model, entry.fields)
            self.stdout.write(f"Re-encrypted {done} {entry.model._meta.label} rows under the newest key.")

    def _rotate(self, model: type[models.Model], fields: tuple[str, ...]) -> int:
        empty = models.Q(**{fields[0]: ""})
        for name in fields[1:]:
            empty &= models.Q(**{name: ""})
        qs = model._default_manager.exclude(empty).only("pk", *fields).order_by("pk")
        done, batch = 0, []
        for row in qs.iterator(chunk_size=BATCH):
            for name in fields:
                setattr(row, name, rotate(getattr(row, name)))
            batch.append(row)
            if len(batch) == BATCH:
                done += self._flush(model, batch, fields)
        return done + self._flush(model, batch, fields)

    @staticmethod
    def _flush(model: type[models.Model], batch: list[Any], fields: tuple[str, ...]) -> int:
        with transaction.atomic():
            model._default_manager.bulk_update(batch, list(fields))
        count = len(batch)
        batch.clear()
        return count
