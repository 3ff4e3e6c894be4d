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
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone

from shuniu.information.models import InfoItem, InformationConfig, IssueEntry, PeriodicalIssue, SimilarFlag

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


def flag_similar(item: InfoItem, *, now: dt.datetime | None = None) -> list[SimilarFlag]:
    """Store the item's fingerprint and flag the near-duplicates (other units, last N days) and near-copies of
    published items (two years), read in one query; returns the flags, best first."""
    now = now or timezone.now()
    item.fingerprint = fingerprint(item.title, item.body)
    InfoItem.objects.filter(pk=item.pk).update(fingerprint=item.fingerprint)
    mine = set(item.fingerprint.split())
    days = InformationConfig.current().duplicate_days
    printed = IssueEntry.objects.filter(item=OuterRef("pk"), issue__status=PeriodicalIssue.Status.ISSUED)
    recent = Q(submitted_at__gte=now - dt.timedelta(days=days)) & ~Q(unit_id=item.unit_id)
    candidates = (
        InfoItem.objects.annotate(printed=Exists(printed))
        .filter(recent | Q(printed=True, submitted_at__gte=now - dt.timedelta(days=730)))
        .exclude(pk=item.pk)
        .exclude(fingerprint="")
        .order_by("-submitted_at")
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        candidates = candidates.annotate(title_similarity=TrigramSimilarity("title", item.title))
    else:
        candidates = candidates.annotate(title_similarity=Value(0.0))
    flags = []
    for pk, words, was_printed, title_similarity in candidates.values_list(
        "pk", "fingerprint", "printed", "title_similarity"
    )[:MAX_CANDIDATES]:
        words_similarity = jaccard(mine, set(words.split()))
        if words_similarity >= THRESHOLD or float(title_similarity) >= TITLE_THRESHOLD:
            kind = SimilarFlag.Kind.PUBLISHED if was_printed else SimilarFlag.Kind.CROSS_UNIT
            score = max(words_similarity, float(title_similarity))
            flags.append(SimilarFlag(item=item, other_id=pk, kind=kind, score=round(score, 3)))
    flags.sort(key=lambda f: -float(f.score))
    SimilarFlag.objects.bulk_create(flags[:20], ignore_conflicts=True)
    return flags[:20]
