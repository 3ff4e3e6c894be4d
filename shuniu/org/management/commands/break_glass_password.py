from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from shuniu.audit import services as audit
from shuniu.core.system import system_actor
from shuniu.org.models import User


class Command(BaseCommand):
    help = (
        "Break glass: give USERNAME a one-time password that must be changed at the next login. The only way to reset "
        "the password of an account holding one of the three administrator roles; run on the server, audited as "
        "system:break_glass_password with the operator's reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="why (kept in the audit record)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no account {options['username']}")
        if not options["reason"].strip():
            raise CommandError("--reason must say why")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user.set_password(password)
            user.must_change_password = True
            user.save(update_fields=["password", "must_change_password", "updated_at"])
            audit.record(
                actor=system_actor("break_glass_password"),
                action="password_break_glass",
                obj=user,
                changes={"password": ["***", "***"], "reason": [None, options["reason"][:300]]},
            )
        self.stdout.write(f"One-time password for {user.username}: {password}")
        self.stdout.write("It must be changed at the next login. The reset is in the audit log.")
