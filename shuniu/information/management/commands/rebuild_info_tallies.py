from typing import Any

from django.core.management.base import BaseCommand

from shuniu.information import tallies


class Command(BaseCommand):
    help = "Recount the monthly tallies behind the 信息报送 rankings from the items (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{tallies.rebuild()} tallies recounted")
