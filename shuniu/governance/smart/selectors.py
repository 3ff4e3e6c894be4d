"""The operator's smart tools: suggested units for a request (learned from past dispatches) and the duplicate
check (same phone, or a similar title, within the window)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q

from shuniu.governance.models import Category, CitizenRequest, Dispatch
from shuniu.governance.smart import duplicate_index
from shuniu.governance.smart.suggest import DEPARTMENT_KEYWORDS, NaiveBayes, blend, tokens
from shuniu.org.models import Unit

_model_lock = threading.Lock()
_model_cache: dict[str, Any] = {}


def _trained_model() -> tuple[NaiveBayes, int]:
    """The suggestion model, retrained when the dispatch history has grown (one cheap query to check)."""
    size = Dispatch.objects.filter(returned=False).count()
    with _model_lock:
        if _model_cache.get("size") != size:
            rows = Dispatch.objects.filter(returned=False).values_list(
                "request__title", "request__content", "unit__name"
            )
            _model_cache["model"] = NaiveBayes().fit((f"{t} {c}", unit) for t, c, unit in rows.iterator())
            _model_cache["size"] = size
        return _model_cache["model"], size


def keyword_table() -> dict[str, str]:
    """SPEC §10's departments plus the categories' own keywords, by unit name."""
    table = dict(DEPARTMENT_KEYWORDS)
    for category in Category.objects.filter(is_active=True).exclude(keywords="").select_related("default_unit"):
        if category.default_unit:
            name = category.default_unit.name
            table[name] = f"{table.get(name, '')} {category.keywords}".strip()
    return table


def suggest_units(title: str, content: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """The most likely handling units for a new request, with scores between 0 and 1."""
    model, history = _trained_model()
    ranked = blend(model, f"{title} {content}", keyword_table(), history=history)[:limit]
    units = {u.name: u for u in Unit.objects.filter(name__in=[name for name, _s in ranked], is_active=True)}
    return [{"unit": name, "unit_code": units[name].code, "score": score} for name, score in ranked if name in units]


def duplicates_of(*, phone_index: str = "", text: str = "", since: dt.datetime, limit: int = 5) -> list[CitizenRequest]:
    """Requests since `since` from the same phone, or with a similar title.

    On PostgreSQL "similar" is trigram similarity ≥ 0.3 (pg_trgm's `%`, served by a GIN index on the title), most
    similar first; elsewhere the titles sharing one of the text's three longest words are compared by their jieba
    words (Jaccard ≥ 0.3)."""
    found: dict[int, CitizenRequest] = {}
    recent = CitizenRequest.objects.filter(created_at__gte=since).only("pk", "code", "title", "status")
    if phone_index:
        for req in recent.filter(phone_index=phone_index).order_by("-created_at")[:limit]:
            found[req.pk] = req
    if text and connection.vendor == "postgresql":
        start = duplicate_index.window_start()
        similar = (
            (recent.filter(created_at__gte=start) if since >= start else recent)  # lets the partial index serve
            .filter(title__trigram_similar=text)
            .annotate(similarity=TrigramSimilarity("title", text))
            .order_by("-similarity", "-created_at")
        )
        for req in similar[:limit]:
            found.setdefault(req.pk, req)
        return list(found.values())[:limit]
    words = set(tokens(text)) if text else set()
    if words:
        longest = sorted(words, key=len, reverse=True)[:3]
        condition = Q()
        for word in longest:
            condition |= Q(title__icontains=word)
        for req in recent.filter(condition).order_by("-created_at")[:200]:
            other = set(tokens(req.title))
            if other and len(words & other) / len(words | other) >= 0.3:
                found.setdefault(req.pk, req)
    return list(found.values())[:limit]
