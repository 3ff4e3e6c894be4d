"""Writing and verifying the audit chain (SPEC §2.1)."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone

from shuniu.audit.context import current_ip
from shuniu.audit.models import AuditChainHead, AuditRecord

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The audit-relevant values of `obj`, keyed by field name (foreign keys by id)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = _jsonable(getattr(obj, attname))
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _keys() -> list[str]:
    """AUDIT_HMAC_KEYS, newest first: the key lives outside the database, so whoever can write the database cannot
    recompute a rewritten chain."""
    keys = list(getattr(settings, "AUDIT_HMAC_KEYS", []))
    if not keys:
        raise ImproperlyConfigured("AUDIT_HMAC_KEY is not set: the audit log cannot be signed (see deployment notes).")
    return keys


def _digest(payload: dict[str, Any], key: str | None = None) -> str:
    """The record's HMAC-SHA256 under `key` (the newest key when None)."""
    return hmac.new((key or _keys()[0]).encode(), _canonical(payload), hashlib.sha256).hexdigest()


def _signed(rec: AuditRecord) -> bool:
    """Whether the record's hash is its content signed by one of the keys (older keys verify older records)."""
    payload = _payload(rec)
    return any(hmac.compare_digest(_digest(payload, key), rec.hash) for key in _keys())


def payload_of(rec: AuditRecord) -> dict[str, Any]:
    return _payload(rec)


def is_signed(rec: AuditRecord) -> bool:
    return _signed(rec)


def sign(rec: AuditRecord) -> str:
    """The record's hash under the newest key (for `rechain_audit`)."""
    return _digest(_payload(rec))


def legacy_digest(payload: dict[str, Any]) -> str:
    """The plain SHA-256 of chains written before the HMAC (read only by `rechain_audit --legacy`)."""
    return hashlib.sha256(_canonical(payload)).hexdigest()


def _payload(rec: AuditRecord) -> dict[str, Any]:
    return {
        "seq": rec.seq,
        "created_at": rec.created_at.isoformat(),
        "actor_id": rec.actor_id,
        "actor_name": rec.actor_name,
        "ip": rec.ip,
        "action": rec.action,
        "object_type": rec.object_type,
        "object_id": rec.object_id,
        "object_repr": rec.object_repr,
        "changes": rec.changes,
        "prev_hash": rec.prev_hash,
    }


def _lock_head() -> tuple[int, str]:
    """The chain's tip, locked until the caller's transaction ends (plain SQL: every write of the county runs
    this, and the row lock is what orders the chain)."""
    with connection.cursor() as cursor:
        if connection.features.has_select_for_update:
            cursor.execute("SELECT last_seq, last_hash FROM audit_auditchainhead WHERE id = 1 FOR UPDATE")
        else:  # SQLite: the IMMEDIATE transaction already holds the database's write lock
            cursor.execute("SELECT last_seq, last_hash FROM audit_auditchainhead WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        AuditChainHead.objects.get_or_create(pk=1)
        return _lock_head()
    return int(row[0]), str(row[1])


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    ip: str | None = None,
    actor_name: str = "",
) -> AuditRecord:
    """Append one record to the chain, in the caller's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    # No savepoint: a failure here must fail the caller's whole transaction anyway. The chain head is locked last,
    # so writers queue on it only for the few statements up to their commit.
    with transaction.atomic(savepoint=False):
        last_seq, last_hash = _lock_head()
        rec = AuditRecord(
            seq=last_seq + 1,
            # Microsecond precision is kept, but serialised the same way on every database.
            created_at=timezone.now().replace(microsecond=0),
            actor_id=getattr(real_actor, "pk", None),
            actor_name=actor_name or getattr(real_actor, "username", "") or "",
            ip=ip or current_ip(),
            action=action,
            object_type=object_type,
            object_id=str(object_id)[:64],
            object_repr=object_repr[:200],
            changes=_jsonable(changes or {}),
            prev_hash=last_hash,
        )
        rec.hash = _digest(_payload(rec))
        rec.save(force_insert=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [rec.seq, rec.hash]
            )
    return rec


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    reason: str

    def __str__(self) -> str:
        where = f"#{self.seq}" if self.seq is not None else "chain head"
        return f"{where}: {self.reason}"


def _records_in_order() -> Iterator[AuditRecord]:
    return AuditRecord.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> ChainProblem | None:
    """The first broken record of the chain, or None when it is intact."""
    prev_hash, expected_seq = GENESIS, 1
    for rec in _records_in_order():
        if rec.seq != expected_seq:
            return ChainProblem(rec.seq, f"record #{expected_seq} is missing (deleted)")
        if rec.prev_hash != prev_hash:
            return ChainProblem(rec.seq, "previous-hash link does not match (a record before it was altered)")
        if not _signed(rec):
            return ChainProblem(rec.seq, "content does not match its hash (the record was edited)")
        prev_hash, expected_seq = rec.hash, expected_seq + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return ChainProblem(
            last_seq + 1 if head.last_seq > last_seq else None,
            f"chain head expects #{head.last_seq}, log ends at #{last_seq} (records removed from the end?)",
        )
    return None
