"""Citizen-request endpoints under /api/v1 (the same visibility as the pages); more transitions to follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from shuniu.core.access import get_for_user
from shuniu.core.api import actor
from shuniu.governance import selectors, services
from shuniu.governance.deadlines import deadline_text
from shuniu.governance.models import CitizenRequest
from shuniu.governance.policies import request_policy, sees_all
from shuniu.governance.schemas import RequestIn, RequestOut, SuggestIn, SuggestOut
from shuniu.governance.topics import hot_keywords, surges

router = Router(tags=["governance"])


def _out(req: CitizenRequest) -> RequestOut:
    explanation = ""
    if req.dispatched_at:
        explanation = deadline_text(timezone.localdate(req.dispatched_at), req.request_type, req.urgency)
    return RequestOut(
        code=req.code,
        channel=req.channel,
        request_type=req.request_type,
        urgency=req.urgency,
        title=req.title,
        content=req.content,
        status=req.status,
        citizen_name=req.citizen_name,
        phone=req.phone_masked,
        anonymous=req.anonymous,
        handling_unit=req.handling_unit.name if req.handling_unit else None,
        due_date=req.due_date,
        deadline_explanation=explanation,
        satisfaction=req.satisfaction,
        resolution=req.resolution,
        escalated_task=req.escalated_task.code if req.escalated_task else None,
    )


@router.post("/requests/suggest-units", response=list[SuggestOut])
def suggest_units(request: HttpRequest, payload: SuggestIn) -> list[dict[str, Any]]:
    """The most likely handling units for a request, with scores (learned from past dispatches)."""
    return selectors.suggest_units(payload.title, payload.content)


@router.get("/requests/hot-topics")
def hot_topics(request: HttpRequest, days: int = 7) -> dict[str, Any]:
    """Hot words of the last `days` days and this week's surging categories."""
    if not sees_all(actor(request)):
        raise PermissionDenied
    today = timezone.localdate()
    words = hot_keywords(today - dt.timedelta(days=min(max(days, 1), 92) - 1), today)
    return {
        "keywords": [{"word": w, "count": n} for w, n in words],
        "surges": [{"category": s.category, "count": s.count, "average": s.average} for s in surges(today)],
    }


@router.get("/requests", response=list[RequestOut])
def list_requests(request: HttpRequest, status: str = "", limit: int = 100, offset: int = 0) -> list[RequestOut]:
    """Requests the caller may see, newest first; phone numbers masked."""
    qs = selectors.request_list_visible(actor(request)).select_related("escalated_task")
    if status:
        qs = qs.filter(status__in=status.split(","))
    limit, offset = min(max(limit, 1), 100), max(offset, 0)
    return [_out(r) for r in qs[offset : offset + limit]]


@router.get("/requests/{code}", response=RequestOut)
def get_request(request: HttpRequest, code: str) -> RequestOut:
    req = get_for_user(request_policy, actor(request), code=code)
    return _out(CitizenRequest.objects.select_related("handling_unit", "escalated_task").get(pk=req.pk))


@router.post("/requests", response={201: RequestOut})
def receive_request(request: HttpRequest, payload: RequestIn) -> Status[RequestOut]:
    req = services.request_receive(actor=actor(request), **payload.dict())
    return Status(201, _out(req))
