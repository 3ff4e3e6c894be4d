"""Reads of citizen requests: visibility-scoped lists, suggestions from history, the three rates."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from typing import Any

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shuniu.governance import duplicate_index
from shuniu.governance.models import Category, CitizenRequest, Dispatch, GovernanceConfig
from shuniu.governance.policies import request_policy
from shuniu.governance.suggest import DEPARTMENT_KEYWORDS, NaiveBayes, blend, tokens
from shuniu.org.models import Unit

_model_lock = threading.Lock()
_model_cache: dict[str, Any] = {}


def request_list_visible(user: Any) -> QuerySet[CitizenRequest]:
    return request_policy.visible(user).select_related("handling_unit", "category")


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


def _rate(part: Decimal | float, whole: int) -> Decimal:
    return (Decimal(str(part)) / whole).quantize(Decimal("0.0001")) if whole else Decimal(0)


def three_rates(month_start: dt.date, month_end: dt.date) -> list[dict[str, Any]]:
    """响应率, 解决率, 满意率 and the composite per unit for requests dispatched in [start, end] (SPEC §9).

    响应率 = accepted within the time limit / dispatched; 解决率 = (resolved + partly × 0.5) / callbacks;
    满意率 = (满意 + 基本满意 × 0.8) / callbacks; composite = weights × rates. The factors (0.5, 0.8) and the
    weights are the county's rules (GovernanceConfig)."""
    config = GovernanceConfig.current()
    sat, res = CitizenRequest.Satisfaction, CitizenRequest.Resolution
    grouped = (
        CitizenRequest.objects.filter(
            # A datetime range (not __date) so that the dispatched_at index serves it.
            dispatched_at__gte=dt.datetime.combine(month_start, dt.time(), timezone.get_current_timezone()),
            dispatched_at__lt=dt.datetime.combine(
                month_end + dt.timedelta(days=1), dt.time(), timezone.get_current_timezone()
            ),
            handling_unit__isnull=False,
        )
        .values("handling_unit")  # grouped by the id alone (no join over the month's rows); names looked up after
        .annotate(
            dispatched=Count("id"),
            in_time=Count("id", filter=Q(accepted_in_time=True)),
            callbacks=Count("id", filter=~Q(satisfaction="")),
            resolved=Count("id", filter=Q(resolution=res.RESOLVED)),
            partly=Count("id", filter=Q(resolution=res.PARTLY)),
            satisfied=Count("id", filter=Q(satisfaction=sat.SATISFIED)),
            basic=Count("id", filter=Q(satisfaction=sat.BASIC)),
        )
    )
    rows: list[dict[str, Any]] = list(grouped)
    names = dict(Unit.objects.filter(pk__in=[r["handling_unit"] for r in rows]).values_list("pk", "name"))
    weights = [Decimal(str(w)) for w in (config.weight_response, config.weight_resolution, config.weight_satisfaction)]
    partly, basic = Decimal(str(config.partly_factor)), Decimal(str(config.basic_factor))
    out = []
    for row in rows:
        row["handling_unit__name"] = names.get(row["handling_unit"], "")
        response = _rate(row["in_time"], row["dispatched"])
        resolution = _rate(row["resolved"] + partly * row["partly"], row["callbacks"])
        satisfaction = _rate(row["satisfied"] + basic * row["basic"], row["callbacks"])
        composite = (weights[0] * response + weights[1] * resolution + weights[2] * satisfaction).quantize(
            Decimal("0.0001")
        )
        out.append(
            {
                "unit": row["handling_unit__name"],
                "unit_id": row["handling_unit"],
                **row,
                "response_rate": response,
                "resolution_rate": resolution,
                "satisfaction_rate": satisfaction,
                "composite": composite,
            }
        )
    out.sort(key=lambda r: (-r["composite"], r["unit"]))
    return out
