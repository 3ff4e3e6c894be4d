from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


class SuggestIn(Schema):
    title: str = ""
    content: str = ""


class SuggestOut(Schema):
    unit: str
    unit_code: UUID
    score: float
    confident: bool


class RequestOut(Schema):
    code: str
    channel: str
    request_type: str
    urgency: str
    title: str
    content: str
    status: str
    citizen_name: str
    phone: str
    anonymous: bool
    handling_unit: str | None
    due_date: dt.date | None
    deadline_explanation: str
    satisfaction: str
    resolution: str
    escalated_task: str | None


class RequestIn(Schema):
    channel: str
    request_type: str
    title: str
    content: str
    urgency: str = "normal"
    citizen_name: str = ""
    phone: str = ""
    anonymous: bool = False
    address: str = ""
