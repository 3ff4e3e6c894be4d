"""Shapes of /api/v1/activities, /api/v1/meetings and /api/v1/leaders/{code}/activities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class ActivityIn(Schema):
    leader_code: UUID = Field(description="领导账号的编码（用户 code）")
    kind: str = Field(description="meeting 会议 / research 调研 / reception 接待 / trip 出差 / other 其他")
    title: str = Field(max_length=120)
    start: dt.datetime
    end: dt.datetime
    venue_code: str | None = Field(None, max_length=30)
    recurrence: str | None = Field(None, max_length=200, description="RFC 5545 RRULE，如 FREQ=WEEKLY;COUNT=6")
    location: str = Field("", max_length=120)


class ActivityOut(Schema):
    code: str
    leader: str | None
    leader_code: UUID | None
    venue: str | None
    kind: str
    title: str
    location: str
    start: dt.datetime
    end: dt.datetime
    recurrence: str


class Held(Schema):
    title: str
    start: str
    end: str
    leader: str | None = None
    venue: str | None = None


class ConflictOut(Schema):
    error: str = "conflict"
    detail: list[Held]


class Occurrence(Schema):
    code: str
    title: str
    kind: str
    start: dt.datetime
    end: dt.datetime
    venue: str | None
    location: str
    recurring: bool
    meeting: str | None


class MeetingIn(Schema):
    name: str = Field(max_length=120)
    kind: str = Field(description="county 全县性会议 / department 部门会议 / video 视频会议")
    necessity: str = Field(max_length=2000)
    start: dt.datetime
    end: dt.datetime
    attendee_scope: str = Field(max_length=300)
    attendee_count: int = Field(ge=1, le=100000)
    venue_code: str | None = Field(None, max_length=30)
    form: str = Field("onsite", description="onsite 现场 / video 视频 / both 现场+视频")
    cost_class: str = Field("3", description="1 一类 / 2 二类 / 3 三类及以下（会议费定额）")
    comprehensive: bool = False
    group_discussion: bool = False
    agenda: str = Field("", max_length=4000)
    speech_minutes: int = Field(0, ge=0, le=1440)
    budget: Decimal = Field(Decimal(0), ge=0, le=99999999, decimal_places=2)
    in_plan: int | None = Field(None, ge=1, le=9999, description="年度会议计划中的序号（计划内即报备）")
    series: str = Field("", max_length=80)
    leader_codes: list[UUID] = Field(default_factory=list, max_length=50)
    justifications: dict[str, str] = Field(
        default_factory=dict,
        description="规则代码 → 书面说明理由（attendees、duration、speech、comprehensive、free_week、quota、holiday）",
    )


class BreachOut(Schema):
    rule: str
    rule_text: str
    detail: str
    justification: str


class MeetingOut(Schema):
    code: str
    name: str
    status: str
    status_label: str
    next_role: str
    start: dt.datetime
    end: dt.datetime
    venue: str | None
    breaches: list[BreachOut]
