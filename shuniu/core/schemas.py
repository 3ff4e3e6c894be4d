"""API shapes shared by every module (one extension flow: one set of shapes)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


class ExtensionIn(Schema):
    requested_due_date: dt.date
    reason: str


class DecisionIn(Schema):
    approve: bool
    comment: str = ""


class ExtensionOut(Schema):
    code: UUID
    old_due_date: dt.date
    requested_due_date: dt.date
    status: str
    reason: str
    decided_at: dt.datetime | None = None
    decision_comment: str = ""
