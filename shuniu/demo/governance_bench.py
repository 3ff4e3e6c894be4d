"""Benchmark data for citizen requests: N requests over six months, bulk-inserted (never on a real database)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone

from shuniu.core.crypto import blind_index, encrypt, mask_phone
from shuniu.core.models import Sequence
from shuniu.governance.models import Category, CitizenRequest
from shuniu.org.models import Unit

DATA = Path(__file__).resolve().parents[1] / "demo" / "data" / "requests_dev.jsonl"
TYPES = ["consult", "help", "complaint", "complaint", "complaint", "suggestion", "report"]
STATES = ["archived"] * 14 + ["closed", "called_back", "replied", "accepted", "dispatched", "received"]
CHUNK = 20_000


def _bulk_create_keeping_times(rows: list[CitizenRequest]) -> None:
    """bulk_create, except that each request keeps the time it was received (auto_now_add would stamp "now")."""
    created = CitizenRequest._meta.get_field("created_at")
    created.auto_now_add = False
    try:
        CitizenRequest.objects.bulk_create(rows, batch_size=5000)
    finally:
        created.auto_now_add = True


def seed_requests(count: int, units: list[Unit], *, log: Callable[[str], None] = print) -> int:
    """Insert `count` requests dispatched to `units` from May to October 2026; returns the number inserted."""
    rng = random.Random(2026)  # noqa: S311 (benchmark data)
    texts = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    categories = list(Category.objects.all()) or [Category.objects.create(name="综合")]
    # Phone numbers repeat as callers do; their ciphertexts are computed once per number.
    phones = [f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}" for _ in range(50_000)]
    cipher = {p: (encrypt(p), blind_index(p, purpose="phone"), mask_phone(p)) for p in phones}
    zone = timezone.get_current_timezone()
    start = dt.datetime(2026, 5, 1, 8, tzinfo=zone)
    span = int((dt.datetime(2026, 10, 31, 18, tzinfo=zone) - start).total_seconds())
    done = 0
    while done < count:
        rows = []
        for n in range(done, min(done + CHUNK, count)):
            text, phone = texts[n % len(texts)], phones[rng.randrange(len(phones))]
            at = start + dt.timedelta(seconds=rng.randrange(span))
            state, unit = rng.choice(STATES), units[n % len(units)]
            encrypted, index, masked = cipher[phone]
            req = CitizenRequest(
                code=f"SQ-BENCH-{n + 1:07d}",
                tracking_code=f"B{n + 1:09d}",
                channel="hotline",
                request_type=TYPES[n % len(TYPES)],
                category=categories[n % len(categories)],
                title=text["title"],
                content=text["content"],
                citizen_name="张先生",
                phone_encrypted=encrypted,
                phone_index=index,
                phone_last4=phone[-4:],
                phone_masked=masked,
                status=state,
            )
            if state != "received":
                req.handling_unit, req.dispatched_at = unit, at
                req.due_date = (at + dt.timedelta(days=7)).date()
                req.accepted_in_time = rng.random() < 0.85
            if state in {"called_back", "closed", "archived"}:
                req.satisfaction = rng.choices(["satisfied", "basic", "unsatisfied"], weights=[70, 20, 10])[0]
                req.resolution = rng.choices(["resolved", "partly", "not"], weights=[75, 15, 10])[0]
            req.created_at = at
            rows.append(req)
        _bulk_create_keeping_times(rows)
        done += len(rows)
        log(f"  {done:,} requests")
    Sequence.objects.update_or_create(key="SQ-BENCH", defaults={"last_value": count})
    return done
