"""公务接待 in /api/v1: check figures against the rules before anything is planned."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from shuniu.core.access import has_any_perm
from shuniu.core.api import actor
from shuniu.reception import rules
from shuniu.reception.policies import APPROVE, MANAGE, VIEW_ALL

router = Router(tags=["reception"])


class CheckIn(Schema):
    guests: int = Field(..., ge=1, le=500, description="接待对象人数")
    accompanying: int = Field(..., ge=0, le=500, description="陪餐人数")
    working_meals: int = Field(..., ge=0, le=50, description="工作餐次数")
    ranks: list[str] = Field(default_factory=list, max_length=500, description="接待对象的职级（如 厅局级）")
    meal_per_person: Decimal | None = Field(None, ge=0, le=100000, description="工作餐人均费用（元/人·餐）")
    room_per_night: Decimal | None = Field(None, ge=0, le=100000, description="住宿费用（元/人·晚）")
    cash: bool = Field(False, description="是否以现金结算")


class BreachOut(Schema):
    rule: str
    text: str


class CheckOut(Schema):
    breaches: list[BreachOut]


@router.post("/receptions/check", response=CheckOut, summary="Check a reception's figures against the rules")
def check(request: HttpRequest, payload: CheckIn) -> dict[str, list[dict[str, str]]]:
    """Every rule the figures break (一次工作餐, 陪餐人数, 人均标准 by the highest rank, 不得现金结算), each with the
    rule's text; an empty list when none."""
    if not has_any_perm(actor(request), MANAGE, APPROVE, VIEW_ALL):
        raise PermissionDenied
    found = rules.check(
        guests=payload.guests,
        accompanying=payload.accompanying,
        working_meals=payload.working_meals,
        ranks=payload.ranks,
        meal_per_person=payload.meal_per_person,
        room_per_night=payload.room_per_night,
        cash=payload.cash,
    )
    return {"breaches": [b.as_dict() for b in found]}
