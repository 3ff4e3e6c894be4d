"""Gap-free numbering: the counter row is locked for the caller's transaction, so numbers never repeat."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from shuniu.core.models import Sequence


def next_value(key: str) -> int:
    """The next number for `key`, starting at 1; call inside the transaction that uses it."""
    with transaction.atomic():
        row = Sequence.objects.select_for_update().filter(key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    Sequence.objects.create(key=key, last_value=0)
            except IntegrityError:
                pass  # another writer created it first
            row = Sequence.objects.select_for_update().get(key=key)
        row.last_value += 1
        row.save(update_fields=["last_value"])
        return row.last_value
