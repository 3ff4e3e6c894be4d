from __future__ import annotations

from uuid import UUID

from ninja import Schema


class UnitOut(Schema):
    code: UUID
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_code: UUID | None
    depth: int


class UnitIn(Schema):
    name: str
    kind: str
    parent_code: UUID | None = None
    short_name: str = ""
    sort_order: int = 0


class UserOut(Schema):
    code: UUID
    username: str
    real_name: str
    unit_code: UUID | None
    unit_name: str | None
    position: str
    is_active: bool
