"""Citizen-request endpoints under /api/v1 (the same visibility as the pages); more transitions to follow."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from shuniu.core.access import authorize, get_child_for_user, get_for_user
from shuniu.core.api import actor, page_window
from shuniu.core.crypto import blind_index
from shuniu.core.periods import month_end, parse_month
from shuniu.core.privacy import for_viewer
from shuniu.core.schemas import DecisionIn, ExtensionIn, ExtensionOut
from shuniu.governance.models import CitizenRequest, Extension, GovernanceConfig
from shuniu.governance.requests import selectors, services
from shuniu.governance.requests.deadlines import deadline_text
from shuniu.governance.requests.policies import rates_policy, request_policy, sees_all, sees_personal_data
from shuniu.governance.requests.schemas import RequestIn, RequestOut, SuggestIn, SuggestOut
from shuniu.governance.requests.transitions import REQUEST_FLOW
from shuniu.governance.smart import selectors as smart
from shuniu.governance.smart.topics import hot_keywords, surges
from shuniu.org.models import Unit

router = Router(tags=["governance"])


def _out(req: CitizenRequest, viewer: Any) -> RequestOut:
    """The request as `viewer` may read it: numbers in the citizen's own words masked without view_personal_data."""
    may_see = sees_personal_data(viewer)
    explanation = ""
    if req.dispatched_at:
        explanation = deadline_text(timezone.localdate(req.dispatched_at), req.request_type, req.urgency)
    return RequestOut(
        code=req.code,
        channel=req.channel,
        request_type=req.request_type,
        urgency=req.urgency,
        title=for_viewer(req.title, may_see=may_see),
        content=for_viewer(req.content, may_see=may_see),
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


def _detail() -> QuerySet[CitizenRequest]:
    return CitizenRequest.objects.select_related("handling_unit", "escalated_task")


@router.post("/requests/suggest-units", response=list[SuggestOut])
def suggest_units(request: HttpRequest, payload: SuggestIn) -> list[dict[str, Any]]:
    """The most likely handling units for a request, with scores (learned from past dispatches)."""
    return smart.suggest_units(payload.title, payload.content)


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


@router.get("/requests/rates")
def rates(request: HttpRequest, month: str = "") -> list[dict[str, Any]]:
    """The three rates and the composite per unit for a month (YYYY-MM, default this month)."""
    authorize(rates_policy, actor(request), "view")
    try:
        start = parse_month(month) if month else timezone.localdate().replace(day=1)
    except ValueError as exc:
        raise HttpError(400, _("月份格式应为 YYYY-MM，例如 2026-10。")) from exc
    end = month_end(start)
    return [
        {
            "unit": r["unit"],
            "dispatched": r["dispatched"],
            "response_rate": float(r["response_rate"]),
            "resolution_rate": float(r["resolution_rate"]),
            "satisfaction_rate": float(r["satisfaction_rate"]),
            "composite": float(r["composite"]),
        }
        for r in selectors.three_rates(start, end)
    ]


@router.get("/requests/duplicates")
def duplicates(request: HttpRequest, phone: str = "", title: str = "") -> list[dict[str, str]]:
    """The operator's duplicate check: requests of the last N days from this phone or with a similar title."""
    user = actor(request)
    authorize(request_policy, user, "receive")
    since = timezone.now() - dt.timedelta(days=GovernanceConfig.current().duplicate_window_days)
    found = smart.duplicates_of(
        phone_index=blind_index(phone.strip(), purpose="phone") if len(phone.strip()) >= 7 else "",
        text=title if len(title) >= 4 else "",
        since=since,
    )
    return [{"code": r.code, "title": r.title, "status": r.status} for r in found]


@router.get("/requests", response=list[RequestOut])
def list_requests(request: HttpRequest, status: str = "", limit: int = 100, offset: int = 0) -> list[RequestOut]:
    """Requests the caller may see, newest first; phone numbers masked."""
    qs = selectors.request_list_visible(actor(request)).select_related("escalated_task")
    if status:
        qs = qs.filter(status__in=status.split(","))
    limit, offset = page_window(limit, offset)
    return [_out(r, actor(request)) for r in qs[offset : offset + limit]]


@router.get("/requests/{code}", response=RequestOut)
def get_request(request: HttpRequest, code: str) -> RequestOut:
    return _out(get_for_user(request_policy, actor(request), queryset=_detail(), code=code), actor(request))


class TransitionIn(Schema):
    reason: str = ""
    reply: str = ""
    publish: bool = False
    unit_code: UUID | None = None
    satisfaction: str = ""
    resolution: str = ""
    advice: str = ""


def _unit(code: UUID | None) -> Unit:
    unit = Unit.objects.filter(code=code, is_active=True).first() if code else None
    if unit is None:
        raise HttpError(400, _("请用 unit_code 指定一个在用的单位。"))
    return unit


@router.post("/requests", response={201: RequestOut})
def receive_request(request: HttpRequest, payload: RequestIn) -> Status[RequestOut]:
    req = services.request_receive(actor=actor(request), **payload.dict())
    return Status(201, _out(req, actor(request)))


@router.post("/requests/{code}/extensions", response={201: ExtensionOut})
def request_extension(request: HttpRequest, code: str, payload: ExtensionIn) -> Status[ExtensionOut]:
    """延期申请 by the handling unit, before the deadline."""
    req = get_for_user(request_policy, actor(request), code=code)
    ext = services.extension_request(
        actor=actor(request), req=req, requested_due_date=payload.requested_due_date, reason=payload.reason
    )
    return Status(201, ExtensionOut.from_orm(ext))


@router.post("/requests/extensions/{code}/decide", response=ExtensionOut)
def decide_extension(request: HttpRequest, code: UUID, payload: DecisionIn) -> ExtensionOut:
    """Approve (the deadline moves) or refuse an extension request, with a comment."""
    user = actor(request)
    ext, _owner = get_child_for_user(request_policy, user, Extension.objects.all(), "request", code=code)
    services.extension_decide(actor=user, ext=ext, approve=payload.approve, comment=payload.comment)
    return ExtensionOut.from_orm(ext)


# Last: the generic transition route must not shadow the fixed paths above.
@router.post("/requests/{code}/{transition}", response=RequestOut)
def transition(request: HttpRequest, code: str, transition: str, payload: TransitionIn | None = None) -> RequestOut:
    """Any declared transition with an API route (shuniu/governance/transitions.py): dispatch (`unit_code`),
    accept, return, refuse-return, reject (`advice`), reply (`reply`, `publish`), callback (`satisfaction`,
    `resolution`), close, archive, reopen. `reason` is checked and kept in the audit record on every one."""
    declared = REQUEST_FLOW.by_slug(transition)
    if declared is None or not declared.api:
        raise Http404
    user = actor(request)
    req = get_for_user(request_policy, user, code=code)
    data = (payload or TransitionIn()).dict()
    if "unit" in declared.inputs:
        data["unit"] = _unit(data.pop("unit_code"))
    REQUEST_FLOW.perform(declared.name, actor=user, obj=req, data=data)
    return _out(_detail().get(pk=req.pk), user)  # as the write left it
