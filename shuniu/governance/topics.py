"""Hot topics and surges (智治): what citizens raise most this week or month, and what suddenly grows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.governance.models import CitizenRequest, GovernanceConfig
from shuniu.governance.suggest import tokens

GENERIC = frozenset({"小区", "县城", "居民", "群众", "老人", "孩子", "附近", "门口", "业主", "师傅", "影响", "严重"})


def _window(start: dt.date, end: dt.date) -> dict[str, Any]:
    tz = timezone.get_current_timezone()
    return {
        "created_at__gte": dt.datetime.combine(start, dt.time(), tz),
        "created_at__lt": dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz),
    }


HOT_KEYWORDS_TTL = 600  # seconds: hot words of a week or a month need not be newer than ten minutes


def hot_keywords(start: dt.date, end: dt.date, *, limit: int = 20) -> list[tuple[str, int]]:
    """The words that most requests in [start, end] mention in their titles (each request counts once).

    Identical titles are counted in the database and segmented once; the result is cached for ten minutes (a
    month of a county's hotline is a few hundred thousand titles)."""
    key = f"hot_keywords:{start.isoformat()}:{end.isoformat()}:{limit}"
    found: list[tuple[str, int]] | None = cache.get(key)
    if found is None:
        counts: Counter[str] = Counter()
        titles = (
            CitizenRequest.objects.filter(**_window(start, end))
            .values("title")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("title", "n")
        )
        for title, n in titles.iterator(chunk_size=2000):
            for word in {w for w in tokens(title) if w not in GENERIC}:
                counts[word] += n
        found = counts.most_common(limit)
        cache.set(key, found, HOT_KEYWORDS_TTL)
    return found


@dataclass(frozen=True)
class Surge:
    category: str
    count: int
    average: float

    @property
    def text(self) -> str:
        return _("“%(c)s”类诉求本周%(n)s件，为前四周周均（%(a).1f件）的%(r).1f倍。") % {
            "c": self.category,
            "n": self.count,
            "a": self.average,
            "r": self.count / max(self.average, 0.25),
        }


def surges(week_end: dt.date, config: GovernanceConfig | None = None) -> list[Surge]:
    """Categories whose count in the 7 days to `week_end` exceeds the configured multiple of their average over
    the 4 weeks before (and a minimum count, so that 1 → 3 is not a surge)."""
    config = config or GovernanceConfig.current()
    week_start = week_end - dt.timedelta(days=6)
    before_start = week_start - dt.timedelta(days=28)

    def counts(start: dt.date, end: dt.date) -> dict[str, int]:
        rows = (
            CitizenRequest.objects.filter(**_window(start, end), category__isnull=False)
            .values("category__name")
            .annotate(n=Count("id"))
        )
        return {r["category__name"]: r["n"] for r in rows}

    now, before = counts(week_start, week_end), counts(before_start, week_start - dt.timedelta(days=1))
    found = []
    for category, n in now.items():
        average = before.get(category, 0) / 4
        if n >= config.surge_min_count and n >= float(config.surge_ratio) * max(average, 0.25):
            found.append(Surge(category, n, average))
    return sorted(found, key=lambda s: -s.count)
