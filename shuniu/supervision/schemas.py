from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


class TaskOut(Schema):
    code: str
    title: str
    source: str
    status: str
    lead_unit: str
    lead_unit_code: UUID
    co_units: list[str]
    area_tags: list[str]
    responsible_leader: str
    leader_username: str | None = None
    start_date: dt.date
    due_date: dt.date
    original_due_date: dt.date
    report_cycle: str
    progress: int
    expected_progress: int
    light: str | None
    light_explanation: str


class TaskPage(Schema):
    count: int
    items: list[TaskOut]


class MilestoneIn(Schema):
    date: dt.date
    description: str
    planned_progress: int


class TaskIn(Schema):
    title: str
    source: str
    lead_unit_code: UUID
    co_unit_codes: list[UUID] = []
    start_date: dt.date
    due_date: dt.date
    requirements: str = ""
    source_ref: str = ""
    responsible_leader: str = ""
    leader_username: str = ""
    report_cycle: str = "monthly"
    area_tags: list[str] = []
    milestones: list[MilestoneIn] = []


class ReasonIn(Schema):
    reason: str = ""
    done: str = ""


class OverrideIn(Schema):
    light: str = ""
    reason: str


class ReportIn(Schema):
    progress: int
    done: str
    problems: str = ""
    next_steps: str = ""
    period: dt.date | None = None


class ReportOut(Schema):
    code: UUID
    period_start: dt.date
    progress: int
    done: str
    problems: str
    next_steps: str
    status: str
    is_completion: bool
    review_comment: str


class CommentIn(Schema):
    comment: str = ""


class BulletinIn(Schema):
    month: str
    reason: str = ""  # required to issue a month again when nothing changed


class BulletinOut(Schema):
    month: str
    correction: int
    title: str
    as_of: dt.date
    snapshot: dict[str, object]


class BulletinSummaryOut(Schema):
    """A bulletin in the list: its totals only (the full snapshot, every red and yellow task, is on
    /bulletins/{month})."""

    month: str
    correction: int
    title: str
    as_of: dt.date
    totals: dict[str, object]
