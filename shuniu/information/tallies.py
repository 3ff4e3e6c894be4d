"""Monthly tallies behind the rankings (`InfoTally`): per unit, officer and month the items sent, how many of them
were adopted and the points recorded, so a yearly ranking sums at most twelve rows per officer instead of counting
a year of items.

A tally is never incremented: every write that changes one (a submission, which also moves a resubmitted item out
of its old month; an adoption; a 批示) recounts the tallies it touches from the items, in the same transaction and
under the tally's row lock (`touch`), so two officers' concurrent writes cannot lose each other's counts.
`rebuild()` recounts every tally from scratch: the daily job `rebuild_info_tallies`, and the demo and the benchmark
after their dated bulk writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from shuniu.core.periods import month_end
from shuniu.information.models import POINT_SOURCES, InfoItem, InfoTally

Key = tuple[dt.date, int, int]  # (month, unit id, author key)


def _month(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def _bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(month, dt.time(), tz), dt.datetime.combine(
        month_end(month) + dt.timedelta(days=1), dt.time(), tz
    )


def _author(author_key: int) -> dict[str, Any]:
    return {"author_id": author_key} if author_key else {"author__isnull": True}


def _count(month: dt.date, unit_id: int, author_key: int) -> dict[str, int]:
    start, end = _bounds(month)
    scope = {"unit_id": unit_id, **_author(author_key)}
    sent = InfoItem.objects.filter(**scope, submitted_at__gte=start, submitted_at__lt=end).aggregate(
        submitted=Count("id"), adopted=Count("id", filter=Q(status=InfoItem.Status.ADOPTED))
    )
    points = 0
    for model in POINT_SOURCES:
        at = model.moment_field
        found = model._default_manager.filter(**scope, **{f"{at}__gte": start, f"{at}__lt": end})
        points += int(found.aggregate(p=Sum("points"))["p"] or 0)
    return {"submitted": sent["submitted"], "adopted": sent["adopted"], "points": points}


def touch(unit_id: int, author_id: int | None, moments: Iterable[dt.datetime | None]) -> None:
    """Recount the tallies of the months of `moments` for this unit and officer (keys in order: no deadlock)."""
    keys = sorted({(_month(m), unit_id, author_id or 0) for m in moments if m is not None})
    with transaction.atomic():
        for month, unit, author in keys:
            InfoTally.objects.bulk_create(
                [InfoTally(month=month, unit_id=unit, author_key=author)], ignore_conflicts=True
            )
            tally = InfoTally.objects.select_for_update().get(month=month, unit_id=unit, author_key=author)
            counted = _count(month, unit, author)  # after the lock: another writer's committed rows are seen
            for field, value in counted.items():
                setattr(tally, field, value)
            tally.save(update_fields=list(counted))


def rebuild() -> int:
    """Every tally recounted from the items (grouped in the database); returns how many there are."""
    tz = timezone.get_current_timezone()
    counts: dict[Key, dict[str, int]] = {}

    def row(month: Any, unit_id: int, author_id: int | None) -> dict[str, int]:
        key = (month.date() if isinstance(month, dt.datetime) else month, unit_id, author_id or 0)
        return counts.setdefault(key, {"submitted": 0, "adopted": 0, "points": 0})

    sent = (
        InfoItem.objects.filter(submitted_at__isnull=False)
        .annotate(m=TruncMonth("submitted_at", tzinfo=tz))
        .order_by()
        .values("m", "unit_id", "author_id")
        .annotate(s=Count("id"), a=Count("id", filter=Q(status=InfoItem.Status.ADOPTED)))
    )
    for r in sent:
        row(r["m"], r["unit_id"], r["author_id"]).update(submitted=r["s"], adopted=r["a"])
    for model in POINT_SOURCES:
        grouped = (
            model._default_manager.filter(unit__isnull=False)
            .annotate(m=TruncMonth(model.moment_field, tzinfo=tz))
            .order_by()
            .values("m", "unit_id", "author_id")
            .annotate(p=Sum("points"))
        )
        for r in grouped:
            row(r["m"], r["unit_id"], r["author_id"])["points"] += int(r["p"] or 0)
    with transaction.atomic():
        InfoTally.objects.all().delete()
        InfoTally.objects.bulk_create(
            [InfoTally(month=m, unit_id=u, author_key=a, **c) for (m, u, a), c in counts.items()], batch_size=2000
        )
    return len(counts)
