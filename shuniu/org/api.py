"""Units and users endpoints; the same visibility rule as the pages (404 unseen, 403 forbidden)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from shuniu.core.access import get_for_user
from shuniu.core.api import actor, page_window
from shuniu.org import selectors, services
from shuniu.org.models import Unit, User
from shuniu.org.policies import unit_policy
from shuniu.org.schemas import UnitIn, UnitOut, UserOut

router = Router(tags=["org"])
MAX_PAGE = 1000


def _page(limit: int, offset: int) -> tuple[int, int]:
    return page_window(limit, offset, max_limit=MAX_PAGE)


def _unit_out(unit: Unit) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        kind_label=str(unit.get_kind_display()),
        parent_code=unit.parent.code if unit.parent else None,
        depth=unit.depth,
    )


def _user_out(user: User) -> UserOut:
    return UserOut(
        code=user.code,
        username=user.username,
        real_name=user.real_name,
        unit_code=user.unit.code if user.unit else None,
        unit_name=user.unit.name if user.unit else None,
        position=user.position,
        is_active=user.is_active,
    )


@router.get("/units", response=list[UnitOut])
def list_units(request: HttpRequest, q: str = "", kind: str = "", limit: int = 200, offset: int = 0) -> list[UnitOut]:
    limit, offset = _page(limit, offset)
    units = selectors.unit_list_visible(actor(request), q=q, kind=kind)[offset : offset + limit]
    return [_unit_out(u) for u in units]


@router.get("/units/{code}", response=UnitOut)
def get_unit(request: HttpRequest, code: UUID) -> UnitOut:
    return _unit_out(
        get_for_user(unit_policy, actor(request), queryset=Unit.objects.select_related("parent"), code=code)
    )


@router.post("/units", response={201: UnitOut})
def create_unit(request: HttpRequest, payload: UnitIn) -> Status[UnitOut]:
    user = actor(request)
    parent = get_for_user(unit_policy, user, code=payload.parent_code) if payload.parent_code else None
    unit = services.unit_create(
        actor=user,
        name=payload.name,
        kind=payload.kind,
        parent=parent,
        short_name=payload.short_name,
        sort_order=payload.sort_order,
    )
    return Status(201, _unit_out(unit))


@router.get("/users", response=list[UserOut])
def list_users(request: HttpRequest, q: str = "", limit: int = 200, offset: int = 0) -> list[UserOut]:
    limit, offset = _page(limit, offset)
    users = selectors.user_list_visible(actor(request), q=q)[offset : offset + limit]
    return [_user_out(u) for u in users]


@router.get("/users/{code}", response=UserOut)
def get_user(request: HttpRequest, code: UUID) -> UserOut:
    from shuniu.org.policies import user_policy

    return _user_out(get_for_user(user_policy, actor(request), code=code))


@router.get("/me", response=UserOut)
def me(request: HttpRequest) -> UserOut:
    user = User.objects.select_related("unit").get(pk=actor(request).pk)
    return _user_out(user)
