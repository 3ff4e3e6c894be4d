from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from shuniu.audit import services
from shuniu.audit.models import AuditChainHead, AuditRecord


class Command(BaseCommand):
    help = (
        "Re-sign the whole audit chain under the newest AUDIT_HMAC_KEY — after verifying it under the old scheme "
        "(--legacy: the plain SHA-256 chain of versions before the HMAC) or the current keys (a key rotation). "
        "Refuses to re-sign a chain that does not verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--legacy", action="store_true", help="the chain is the plain SHA-256 one")

    def handle(self, *args: Any, **options: Any) -> None:
        check = services.legacy_digest if options["legacy"] else None
        prev = services.GENESIS
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL shuniu.allow_audit_rewrite = 'on'")
            records = list(AuditRecord.objects.order_by("seq"))
            for rec in records:
                payload = services.payload_of(rec)
                ok = rec.hash == check(payload) if check else services.is_signed(rec)
                if not ok or rec.prev_hash != prev:
                    raise CommandError(f"record #{rec.seq} does not verify: nothing re-signed", returncode=1)
                prev = rec.hash
            prev = services.GENESIS
            for rec in records:
                rec.prev_hash = prev
                rec.hash = services.sign(rec)
                prev = rec.hash
            with connection.cursor() as cursor:
                for rec in records:
                    cursor.execute(
                        "UPDATE audit_auditrecord SET prev_hash = %s, hash = %s WHERE id = %s",
                        [rec.prev_hash, rec.hash, rec.pk],
                    )
                cursor.execute("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", [prev])
            AuditChainHead.objects.get_or_create(pk=1)
        self.stdout.write(self.style.SUCCESS(f"Re-signed {len(records)} audit records under the newest key."))
