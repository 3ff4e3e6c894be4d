from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from shuniu.demo import county
from shuniu.org.roles import ROLE_BY_SLUG


class Command(BaseCommand):
    help = "Print the demo logins, one per role."

    def handle(self, *args: Any, **options: Any) -> None:
        for username, real_name, unit, _position, slugs in county.USERS:
            roles = "、".join(ROLE_BY_SLUG[s].name for s in slugs)
            self.stdout.write(f"    {username:<12} {real_name}（{unit} · {roles}）")
