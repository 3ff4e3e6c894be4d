"""Hot topics and surges (智治): what citizens raise most this week or month, and what suddenly grows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.governance.models import Category, CitizenRequest, GovernanceConfig, HotWords
from shuniu.governance.smart.suggest import tokens

GENERIC = frozenset({"小区", "县城", "居民", "群众", "老人", "孩子", "附近", "门口", "业主", "师傅", "影响", "严重"})


def _window(start: dt.date, end: dt.date) -> dict[str, Any]:
    tz = timezone.get_current_timezone()
    return {
        "created_at__gte": dt.datetime.combine(start, dt.time(), tz),
        "created_at__lt": dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz),
    }


HOT_WORDS_TTL = dt.timedelta(hours=1)  # hot words of a week or a month need not be newer than the hourly job
KEPT_WORDS = 50


def compute_hot_keywords(start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """Count, for every word, the requests in [start, end] whose titles mention it (each request once). Identical
    titles are counted in the database and segmented once."""
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
    return counts.most_common(KEPT_WORDS)


def refresh_hot_keywords(start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """Compute the window's hot words now and keep them (a month of a county's hotline is a few hundred thousand
    titles: seconds of segmentation, which the hourly job spends instead of a visitor)."""
    words = compute_hot_keywords(start, end)
    HotWords.objects.update_or_create(
        start=start, end=end, defaults={"computed_at": timezone.now(), "words": [list(w) for w in words]}
    )
    return words


def hot_keywords(start: dt.date, end: dt.date, *, limit: int = 20) -> list[tuple[str, int]]:
    """The words that most requests in [start, end] mention in their titles: the kept result when it is less than
    an hour old, else computed now."""
    kept = HotWords.objects.filter(start=start, end=end, computed_at__gte=timezone.now() - HOT_WORDS_TTL).first()
    words = [(w, n) for w, n in kept.words] if kept is not None else refresh_hot_keywords(start, end)
    return words[:limit]


def hot_windows(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The windows the office's page shows: this week and this month (to `today`)."""
    return [(today - dt.timedelta(days=6), today), (today - dt.timedelta(days=29), today)]


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

    names = dict(Category.objects.values_list("pk", "name"))

    def counts(start: dt.date, end: dt.date) -> dict[str, int]:
        # COUNT(*) by category id: answered from the (created_at) INCLUDE (category) index alone.
        rows = (
            CitizenRequest.objects.filter(**_window(start, end), category__isnull=False)
            .values("category_id")
            .annotate(n=Count("*"))
            .order_by()
        )
        return {names[r["category_id"]]: r["n"] for r in rows}

    now, before = counts(week_start, week_end), counts(before_start, week_start - dt.timedelta(days=1))
    found = []
    for category, n in now.items():
        average = before.get(category, 0) / 4
        if n >= config.surge_min_count and n >= float(config.surge_ratio) * max(average, 0.25):
            found.append(Surge(category, n, average))
    return sorted(found, key=lambda s: -s.count)
