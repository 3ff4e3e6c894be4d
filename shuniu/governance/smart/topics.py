"""Hot topics and surges (智治): what citizens raise most this week or month, and what suddenly grows."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.governance.models import Category, CitizenRequest, GovernanceConfig, HotWords
from shuniu.governance.smart.suggest import tokens

STOPLIST = Path(__file__).with_name("hot_stopwords.txt")  # the maintained stop list: one word a line
# Numerals and quantities (三个、两个、几年、一块、十几天、200元): never a topic.
NUMBERISH = re.compile(
    r"^[0-9零〇一二两三四五六七八九十百千万几多半每好数]+"
    r"[个块年月天日次位件条栋号层户家辆元岁点分米斤亩回遍周期批趟多来余]*$"
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    lines = STOPLIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_topic(word: str) -> bool:
    """A word worth counting as a hot word: not on the stop list, not a numeral or a quantity."""
    return word not in stop_words() and not NUMBERISH.match(word)


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
        for word in {w for w in tokens(title) if is_topic(w)}:
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

    category_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def text(self) -> str:
        if self.average == 0:  # "20.0倍 of nothing" reads as nonsense: say what happened
            return _("“%(c)s”类诉求本周%(n)s件，而前四周一件也没有。") % {"c": self.category, "n": self.count}
        return _("“%(c)s”类诉求本周%(n)s件，为前四周周均（%(a).1f件）的%(r).1f倍。") % {
            "c": self.category,
            "n": self.count,
            "a": self.average,
            "r": self.count / self.average,
        }


def surges(week_end: dt.date, config: GovernanceConfig | None = None) -> list[Surge]:
    """Categories whose count in the 7 days to `week_end` exceeds the configured multiple of their average over
    the 4 weeks before (and a minimum count, so that 1 → 3 is not a surge)."""
    config = config or GovernanceConfig.current()
    week_start = week_end - dt.timedelta(days=6)
    before_start = week_start - dt.timedelta(days=28)

    names = dict(Category.objects.values_list("pk", "name"))

    def counts(start: dt.date, end: dt.date) -> dict[int, int]:
        # COUNT(*) by category id: answered from the (created_at) INCLUDE (category) index alone.
        rows = (
            CitizenRequest.objects.filter(**_window(start, end), category__isnull=False)
            .values("category_id")
            .annotate(n=Count("*"))
            .order_by()
        )
        return {r["category_id"]: r["n"] for r in rows}

    now, before = counts(week_start, week_end), counts(before_start, week_start - dt.timedelta(days=1))
    found = []
    for category_id, n in now.items():
        average = before.get(category_id, 0) / 4
        if n >= config.surge_min_count and n >= float(config.surge_ratio) * max(average, 0.25):
            found.append(Surge(names[category_id], n, average, category_id, week_start, week_end))
    return sorted(found, key=lambda s: -s.count)
