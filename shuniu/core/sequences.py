"""Numbering. `next_value`: gap-free (文号, task codes): the counter row is locked for the caller's transaction, so
numbers never repeat and never skip. `next_number`: unique and increasing without a lock (citizen requests, where
the hotline takes hundreds a minute): on PostgreSQL a database sequence per key, which skips a number when the
transaction that took it fails; elsewhere the gap-free counter."""

from __future__ import annotations

import logging
import re

from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError

from shuniu.core.models import Sequence

logger = logging.getLogger(__name__)


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


def sequence_name(key: str) -> str:
    return "shuniu_seq_" + re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


def next_number(key: str) -> int:
    """A unique number for `key`, larger than every number handed out before, taken without waiting for other
    writers. The PostgreSQL sequence is created on first use and continues after the gap-free counter of the same
    key, so the two never hand out the same number while `next_number` takes over a key."""
    if connection.vendor != "postgresql":
        return next_value(key)
    name = sequence_name(key)
    for _attempt in range(2):
        with connection.cursor() as cursor:
            # nextval of a missing sequence is NULL here, not an error that would abort the caller's transaction.
            cursor.execute("SELECT nextval(to_regclass(%s))", [name])
            value = cursor.fetchone()[0]
        if value is not None:
            return int(value)
        start = (Sequence.objects.filter(key=key).values_list("last_value", flat=True).first() or 0) + 1
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # The name is built above from [a-z0-9_] only; the start is an integer.
                cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {int(start)}")
        except DatabaseError:
            pass  # created by a concurrent first use, or this database role may not create sequences
    # No sequence and none can be made (e.g. a runtime role without CREATE on the schema): the locked counter row
    # still hands out unique numbers, only serialised. The sequence, once an administrator creates it, starts after.
    logger.warning("number sequence %s cannot be created; using the locked counter for %s", name, key)
    return next_value(key)
