"""API shapes of 信息报送 (codes in English, labels in Chinese)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class InfoItemIn(Schema):
    title: str = Field(max_length=200)
    body: str = Field(max_length=20000)
    category: str = "news"
    must_report_type: str = Field("", max_length=40)
    event_time: dt.datetime | None = None


class PointOut(Schema):
    source: str  # adoption | instruction
    level: str
    points: int
    rule: str
    periodical: str | None = None
    leader: str | None = None


class InfoItemOut(Schema):
    code: str
    title: str
    body: str
    unit: str
    category: str
    category_label: str
    must_report_type: str | None
    event_time: dt.datetime | None
    status: str
    status_label: str
    status_reason: str
    points: int
    breakdown: list[PointOut]
    printed_in: list[str]


class InboxRow(Schema):
    code: str
    title: str
    unit: str
    category: str
    status: str
    submitted_at: dt.datetime | None
    similar_flags: int


class InboxPage(Schema):
    count: int
    items: list[InboxRow]


class RankingRow(Schema):
    name: str
    points: int
    submitted: int
    adopted: int
    rate: float


class Ranking(Schema):
    period: str
    by: str
    rows: list[RankingRow]


class AdoptionIn(Schema):
    level: str = Field(max_length=20)
    periodical: str = Field(max_length=60)


class InstructionIn(Schema):
    level: str = Field(max_length=20)
    leader: str = Field(max_length=50)
    text: str = Field(max_length=5000)


class UrgentEventIn(Schema):
    title: str = Field(max_length=200)
    level: str = Field(max_length=20)
    occurred_at: dt.datetime
    place: str = Field(max_length=200)
    summary: str = Field(max_length=5000)


class UrgentReportIn(Schema):
    kind: str = Field(max_length=10)
    channel: str = Field(max_length=10)
    sent_at: dt.datetime | None = None
    text: str = Field(max_length=20000)


class DeadlineOut(Schema):
    kind: str
    channel: str
    due_at: dt.datetime
    met_at: dt.datetime | None
    late: bool


class ReportOut(Schema):
    kind: str
    channel: str
    sent_at: dt.datetime
    text: str
    late: bool


class UrgentEventOut(Schema):
    code: str
    title: str
    level: str
    level_label: str
    occurred_at: dt.datetime
    place: str
    summary: str
    phone_due: dt.datetime | None
    written_due: dt.datetime
    closed_at: dt.datetime | None
    reports: list[ReportOut]
    deadlines: list[DeadlineOut]
    next_due: dt.datetime | None


def local(value: Any) -> Any:
    """An aware datetime in county time, so that it is written with +08:00."""
    from django.utils import timezone

    return timezone.localtime(value) if value is not None else None
