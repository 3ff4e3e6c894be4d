"""The default rank standards (set them to the province's current 接待 and 差旅 standards on the rules page): rooms
from the central 差旅住宿标准 for Shandong's capital (部级 800, 司局级 480, others 380 a night), working meals as the
county's own ceilings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

RANKS = [
    ("省部级", Decimal(150), Decimal(800)),
    ("厅局级", Decimal(120), Decimal(480)),
    ("县处级及以下", Decimal(100), Decimal(380)),
]


def seed(model: Any) -> None:
    if not model.objects.exists():
        for i, (rank, meal, room) in enumerate(RANKS):
            model.objects.create(rank=rank, meal=meal, room=room, sort_order=i)
