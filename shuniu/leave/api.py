"""/api/v1/leave (SPEC §7): preview a request before it is sent, apply, list, and the declared transitions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from shuniu.core.access import get_for_user
from shuniu.core.api import REASON_BODY, actor, page_window, reason_from_body
from shuniu.leave import rules, selectors, services
from shuniu.leave.models import LeaveRequest, LeaveVariant
from shuniu.leave.policies import leave_policy
from shuniu.leave.transitions import LEAVE_FLOW

router = Router(tags=["leave"])
KindName = Literal[
    "annual", "personal", "sick", "marriage", "maternity", "paternity", "childcare", "home_visit", "business"
]


class PreviewIn(Schema):
    type: KindName
    start_date: dt.date
    days: Decimal = Field(..., gt=0, le=400, multiple_of=0.5)
    person: str | None = Field(None, description="the applicant's user code; the caller's own when omitted")
    variant: str | None = Field(None, max_length=60, description="情形 of the type (e.g. 探望配偶)")


class ApplyIn(PreviewIn):
    reason: str = Field("", max_length=300)
    destination: str = Field("", max_length=100)


class PreviewOut(Schema):
    type: str
    type_name: str
    start_date: dt.date
    end_date: dt.date
    return_date: dt.date
    counts: Literal["working_days", "calendar_days"]
    chain: list[str]
    left: Decimal | None
    variant: str
    provisional: bool
    note: str
    certificate_needed: bool


class LeaveOut(Schema):
    code: str
    person: str
    type: str
    start_date: dt.date
    days: Decimal
    end_date: dt.date
    return_date: dt.date
    counts: str
    status: str
    chain: list[str]
    next_approver: str | None
    provisional: bool


def _person(code: str | None) -> object | None:
    if not code:
        return None
    found = get_user_model().objects.filter(code=code).first() if _uuid(code) else None
    if found is None:
        raise HttpError(400, _("没有编码为 %(c)s 的人员。") % {"c": code[:40]})
    return found


def _uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _variant(kind: str, name: str | None) -> LeaveVariant | None:
    if not name:
        return None
    found = next((v for v in rules.variants(kind) if v.name == name), None)
    if found is None:
        raise HttpError(400, _("该假期类型没有“%(n)s”这一情形。") % {"n": name[:30]})
    return found


def _out(leave: LeaveRequest) -> LeaveOut:
    from shuniu.leave.rules import role_name

    return LeaveOut(
        code=leave.code,
        person=str(leave.person),
        type=leave.kind,
        start_date=leave.start_date,
        days=leave.days,
        end_date=leave.end_date,
        return_date=leave.return_date,
        counts=leave.counts,
        status=leave.status,
        chain=[role_name(r) for r in leave.chain],
        next_approver=role_name(leave.next_role) if leave.next_role else None,
        provisional=leave.provisional,
    )


@router.post("/leave/preview", response=PreviewOut)
def preview(request: HttpRequest, payload: PreviewIn) -> PreviewOut:
    """The end date, the day back (the next working day), the approval chain and how the type counts days."""
    data = services.preview(
        actor=actor(request),
        kind=payload.type,
        start_date=payload.start_date,
        days=payload.days,
        person=_person(payload.person),
        variant=_variant(payload.type, payload.variant),
    )
    return PreviewOut(**{k: data[k] for k in PreviewOut.model_fields})


@router.post("/leave", response={201: LeaveOut})
def apply(request: HttpRequest, payload: ApplyIn) -> Status[LeaveOut]:
    """请假: checked for overlaps, the balance and the type's conditions; 201 with the request."""
    leave = services.leave_apply(
        actor=actor(request),
        kind=payload.type,
        start_date=payload.start_date,
        days=payload.days,
        person=_person(payload.person),
        variant=_variant(payload.type, payload.variant),
        reason=payload.reason,
        destination=payload.destination,
    )
    return Status(201, _out(selectors.leave_of(actor(request)).get(pk=leave.pk)))


@router.get("/leave", response=list[LeaveOut])
def list_leave(request: HttpRequest, status: str = "", limit: int = 50, offset: int = 0) -> list[LeaveOut]:
    """The requests the caller may see, newest first."""
    limit, offset = page_window(limit, offset)
    qs = selectors.leave_of(actor(request))
    if status in LeaveRequest.Status.values:
        qs = qs.filter(status=status)
    return [_out(leave) for leave in qs[offset : offset + limit]]


@router.get("/leave/{code}", response=LeaveOut)
def get_leave(request: HttpRequest, code: str) -> LeaveOut:
    return _out(get_for_user(leave_policy, actor(request), queryset=selectors.leave_of(actor(request)), code=code))


@router.post("/leave/{code}/{transition}", response=LeaveOut, openapi_extra=REASON_BODY)
def transition_leave(request: HttpRequest, code: str, transition: str) -> LeaveOut:
    """approve, refuse, withdraw, back (销假); the body {"reason": …} carries the opinion."""
    declared = LEAVE_FLOW.by_slug(transition)
    if declared is None or not declared.api:
        raise Http404
    user = actor(request)
    leave = get_for_user(leave_policy, user, "view", queryset=selectors.leave_of(user), code=code)
    LEAVE_FLOW.perform(declared.name, actor=user, obj=leave, data=reason_from_body(request))
    return _out(selectors.leave_of(user).get(pk=leave.pk))
