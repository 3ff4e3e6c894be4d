"""Reads of citizen requests: visibility-scoped lists, suggestions from history, the three rates."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shuniu.governance.models import CitizenRequest, GovernanceConfig
from shuniu.governance.requests.policies import request_policy
from shuniu.org.models import Unit

_model_lock = threading.Lock()
_model_cache: dict[str, Any] = {}


def request_list_visible(user: Any) -> QuerySet[CitizenRequest]:
    return request_policy.visible(user).select_related("handling_unit", "category")


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
