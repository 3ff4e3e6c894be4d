"""API shapes of 办文."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class OutgoingIn(Schema):
    title: str = Field(..., max_length=200)
    doc_type: str = Field(..., description="文种代码：notice 通知、request 请示、report 报告、letter 函……（15种）")
    prefix: str = Field(..., description="发文字号前缀，如 示委办发")
    body: str = Field(..., max_length=100_000)
    direction: str = Field("down", description="down 下行文 / level 平行文 / up 上行文")
    important: bool = False
    urgency: str = Field("", description="teji 特急 / jiaji 加急 / 空")
    main_recipients: str = Field("", max_length=500)
    cc: str = Field("", max_length=500)
    attachments_note: str = Field("", max_length=2000)
    note: str = Field("", max_length=200)
    copies: int = Field(0, ge=0, le=100_000)
    recipient_units: list[str] = Field(default_factory=list, description="分发到系统内单位的编码")
    countersign_units: list[str] = Field(default_factory=list, description="会签单位编码")
    doc_number: str | None = Field(None, description="不能填写：文号在编号环节由系统分配")


class OutgoingOut(Schema):
    code: str
    title: str
    doc_type: str
    direction: str
    status: str
    prefix: str
    drafting_unit: str
    doc_number: str | None
    signer: str | None
    signed_as_delegate: bool
    issued_on: dt.date | None
    version: int
    created_at: dt.datetime


class OutgoingPage(Schema):
    count: int = Field(..., description="matching documents, counted up to 10001 (more than 10000: narrow the search)")
    items: list[OutgoingOut]


class SignIn(Schema):
    opinion: str = Field("", max_length=500)
    delegate: bool = False


class ReasonIn(Schema):
    reason: str = ""


class VoidIn(Schema):
    prefix: str = Field(..., max_length=20)
    year: int = Field(..., ge=1990, le=2100)
    seq: int = Field(..., ge=1, le=10_000_000)
    reason: str = Field(..., max_length=300)


class NumberOut(Schema):
    doc_number: str
    prefix: str
    year: int
    seq: int
    status: str
    document: str | None
    reason: str
    requested_by: str | None
    approved_by: str | None
    voided_at: dt.datetime | None


class GapOut(Schema):
    doc_number: str
    seq: int
    status: str = Field(..., description="voided 已作废 / void_pending 作废待批 / missing 无记录")
    reason: str
    requested_by: str
    approved_by: str
    voided_at: dt.datetime | None
    document: str


class PrefixNumbers(Schema):
    prefix: str
    issuer: str
    year: int
    last: int
    used: list[int]
    voided: list[int]
    pending: list[int]


class IncomingIn(Schema):
    title: str = Field(..., max_length=200)
    source_org: str = Field(..., max_length=100)
    source_doc_number: str = Field("", max_length=60)
    doc_type: str = ""
    urgency: str = ""
    copies: int = Field(1, ge=1, le=9999)


class IncomingOut(Schema):
    code: str
    title: str
    unit: str
    source_org: str
    source_doc_number: str
    receipt_number: str | None
    urgency: str
    status: str
    due_date: dt.date | None
    received_at: dt.datetime | None


class IncomingPage(Schema):
    count: int = Field(..., description="matching documents, counted up to 10001 (more than 10000: narrow the search)")
    items: list[IncomingOut]
