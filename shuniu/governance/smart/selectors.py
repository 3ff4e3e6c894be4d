"""The operator's smart tools: suggested units for a request (learned from past dispatches) and the duplicate
check (same phone, or a similar title, within the window)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q

from shuniu.governance.models import Category, CitizenRequest, Dispatch, GovernanceConfig
from shuniu.governance.smart import dispatch_model, duplicate_index
from shuniu.governance.smart.models import DispatchModelState
from shuniu.governance.smart.suggest import DEPARTMENT_KEYWORDS, keyword_scores, tokens
from shuniu.org.models import Unit

# Without a stored model (before the first `train_dispatch`), a small history is learnt in the process (about a second
# for 300 dispatches), retrained at most every RETRAIN_EVERY new dispatches; a larger one waits for the job (hourly
# in `make run`) and the keyword table answers meanwhile: a request never waits for seconds of training.
LIVE_TRAINING_LIMIT = 300
RETRAIN_EVERY = 20


def _history_docs() -> list[tuple[str, str]]:
    rows = Dispatch.objects.filter(returned=False).values_list("request__title", "request__content", "unit__name")
    return [(dispatch_model.document(t, c), unit) for t, c, unit in rows.iterator()]


def current_model() -> dispatch_model.DispatchModel | None:
    """The model `train_dispatch` stored (one cheap query to see whether it changed), else one learnt here from a
    small history, else None (the keyword table alone)."""
    stored = DispatchModelState.objects.filter(pk=1).values_list("trained_at", flat=True).first()
    if stored is not None:

        def from_db() -> dispatch_model.DispatchModel | None:
            row = DispatchModelState.objects.get(pk=1)
            return dispatch_model.load(bytes(row.blob), row.signature)

        model = dispatch_model.cached(("db", stored), from_db)
        if model is not None:
            return model
    size = Dispatch.objects.filter(returned=False).count()
    if size > LIVE_TRAINING_LIMIT:
        return None
    key = ("live", size // RETRAIN_EVERY)
    return dispatch_model.cached(key, lambda: dispatch_model.train(_history_docs(), keyword_table()))


def keyword_table() -> dict[str, str]:
    """SPEC §10's departments plus the categories' own keywords, by unit name."""
    table = dict(DEPARTMENT_KEYWORDS)
    for category in Category.objects.filter(is_active=True).exclude(keywords="").select_related("default_unit"):
        if category.default_unit:
            name = category.default_unit.name
            table[name] = f"{table.get(name, '')} {category.keywords}".strip()
    return table


def suggest_units(title: str, content: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """The most likely handling units for a new request, with calibrated probabilities (0–1); `confident` is False
    below the county's threshold, where the console says 建议人工判断."""
    model = current_model()
    if model is not None:
        ranked = model.rank(dispatch_model.document(title, content))
    else:
        scores = keyword_scores(f"{title} {content}", keyword_table())
        ranked = sorted(((k, round(v, 4)) for k, v in scores.items()), key=lambda x: -x[1])
    ranked = [(name, score) for name, score in ranked if score > 0]
    threshold = float(GovernanceConfig.current().suggest_threshold)
    units = {u.name: u for u in Unit.objects.filter(name__in=[name for name, _s in ranked], is_active=True)}
    # the best units that exist here (a county may lack a department the duty table names), then the limit
    return [
        {"unit": name, "unit_code": units[name].code, "score": score, "confident": score >= threshold}
        for name, score in ranked
        if name in units
    ][:limit]


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
