"""The fabrication guard (SPEC §4): a submission that nearly repeats another unit's submission of the last 30 days,
or an item already printed in a periodical, is flagged to the editor with the similar item beside it.

Each item keeps its words (jieba, the county's words included, stop words out) as a fingerprint when it is
submitted; similarity is the Jaccard index of two fingerprints, so a check reads stored words and never re-cuts old
texts. On PostgreSQL the title's trigram similarity (pg_trgm, as the request duplicate check uses) also counts, so a
copy under a barely changed title is caught even when the body was reworded."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from shuniu.information.models import InfoItem, InformationConfig, PeriodicalIssue, SimilarFlag

THRESHOLD = 0.65  # Jaccard index of the two items' words (a copied text scores 0.8 and more)
TITLE_THRESHOLD = 0.6  # trigram similarity of the titles (PostgreSQL)
MAX_CANDIDATES = 5000


_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z]{3,}|\d{3,}")
# Words every report uses: they make two unrelated items look alike.
STOPWORDS = frozenset(
    [
        "我们",
        "今年",
        "以来",
        "近日",
        "近期",
        "目前",
        "工作",
        "开展",
        "进一步",
        "有关",
        "相关",
        "情况",
        "问题",
        "加强",
        "推进",
        "落实",
        "全县",
        "我县",
        "我镇",
        "我局",
        "群众",
        "组织",
        "积极",
        "通过",
        "已经",
        "进行",
        "方面",
        "一是",
        "二是",
        "三是",
        "同时",
        "其中",
        "下一步",
        "以及",
        "部门",
        "单位",
    ]
)


def fingerprint(title: str, body: str) -> str:
    """The distinct meaningful words of an item (jieba), space-separated."""
    import jieba

    words = {w for w in jieba.cut(f"{title} {body}") if _WORD.fullmatch(w) and w not in STOPWORDS}
    return " ".join(sorted(words))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _title_scores(item: InfoItem, candidates: list[int]) -> dict[int, float]:
    if connection.vendor != "postgresql" or not candidates:
        return {}
    from django.contrib.postgres.search import TrigramSimilarity

    rows = (
        InfoItem.objects.filter(pk__in=candidates)
        .annotate(similarity=TrigramSimilarity("title", item.title))
        .filter(similarity__gte=TITLE_THRESHOLD)
        .values_list("pk", "similarity")
    )
    return {pk: float(sim) for pk, sim in rows}


def flag_similar(item: InfoItem, *, now: dt.datetime | None = None) -> list[SimilarFlag]:
    """Store the item's fingerprint and flag the near-duplicates (other units, last N days) and near-copies of
    published items; returns the flags, best first."""
    now = now or timezone.now()
    item.fingerprint = fingerprint(item.title, item.body)
    InfoItem.objects.filter(pk=item.pk).update(fingerprint=item.fingerprint)
    mine = set(item.fingerprint.split())
    days = InformationConfig.current().duplicate_days
    published = InfoItem.objects.filter(
        issue_entries__issue__status=PeriodicalIssue.Status.ISSUED, submitted_at__gte=now - dt.timedelta(days=730)
    ).values_list("pk", flat=True)
    recent = Q(submitted_at__gte=now - dt.timedelta(days=days)) & ~Q(unit_id=item.unit_id)
    candidates = list(
        InfoItem.objects.filter(recent | Q(pk__in=published))
        .exclude(pk=item.pk)
        .exclude(fingerprint="")
        .order_by("-submitted_at")
        .values_list("pk", "fingerprint", "unit_id")[:MAX_CANDIDATES]
    )
    printed = set(published)
    titles = _title_scores(item, [pk for pk, _f, _u in candidates])
    flags = []
    for pk, words, _unit in candidates:
        score = max(jaccard(mine, set(words.split())), titles.get(pk, 0.0))
        if score >= THRESHOLD:
            kind = SimilarFlag.Kind.PUBLISHED if pk in printed else SimilarFlag.Kind.CROSS_UNIT
            flags.append(SimilarFlag(item=item, other_id=pk, kind=kind, score=round(score, 3)))
    flags.sort(key=lambda f: -float(f.score))
    SimilarFlag.objects.bulk_create(flags[:20], ignore_conflicts=True)
    return flags[:20]
