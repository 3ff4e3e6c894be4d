"""Gap-free numbering: the counter row is locked for the caller's transaction, so numbers never repeat."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from shuniu.core.models import Sequence


def next_value(key: str) -> int:
    """The next number for `key`, starting at 1; call inside the transaction that uses it.

    One `UPDATE … RETURNING` statement takes the number and locks the row until the caller commits, so the lock is
    held only as long as the caller's own transaction and no number is lost or repeated."""
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE core_sequence SET "last_value" = "last_value" + 1 WHERE "key" = %s RETURNING "last_value"', [key]
        )
        row = cursor.fetchone()
    if row is not None:
        return int(row[0])
    try:
        with transaction.atomic():
            Sequence.objects.create(key=key, last_value=0)
    except IntegrityError:
        pass  # another writer created it first
    return next_value(key)
