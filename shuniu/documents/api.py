"""/api/v1/outgoing, /api/v1/doc-numbers and /api/v1/incoming (SPEC §6)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from shuniu.core.access import get_for_user
from shuniu.core.api import REASON_BODY, actor, page_window, reason_from_body
from shuniu.documents import incoming as incoming_services
from shuniu.documents import numbers, outgoing, selectors
from shuniu.documents.models import DocNumber, DocPrefix, Incoming, Outgoing
from shuniu.documents.policies import incoming_policy, ledger_policy, outgoing_policy
from shuniu.documents.schemas import (
    GapOut,
    IncomingIn,
    IncomingOut,
    IncomingPage,
    NumberOut,
    OutgoingIn,
    OutgoingOut,
    OutgoingPage,
    PrefixNumbers,
    SignIn,
    VoidIn,
)
from shuniu.documents.transitions import INCOMING_FLOW, OUTGOING_FLOW
from shuniu.org.models import Unit

router = Router(tags=["documents"])


def _out(o: Outgoing) -> OutgoingOut:
    return OutgoingOut(
        code=o.code,
        title=o.title,
        doc_type=o.doc_type,
        direction=o.direction,
        status=o.status,
        prefix=o.prefix.prefix,
        drafting_unit=o.drafting_unit.name,
        doc_number=o.doc_number or None,
        signer=o.signer_name or None,
        signed_as_delegate=o.signed_as_delegate,
        issued_on=o.issued_on,
        version=o.version,
        created_at=timezone.localtime(o.created_at),
    )


OUT_COLUMNS = (
    "code", "title", "doc_type", "direction", "status", "prefix__prefix", "drafting_unit__name", "doc_number",
    "signer_name", "signed_as_delegate", "issued_on", "version", "created_at",
)  # fmt: skip


def _out_row(r: dict[str, Any]) -> OutgoingOut:
    return OutgoingOut(
        **{k: r[k] for k in ("code", "title", "doc_type", "direction", "status", "signed_as_delegate", "issued_on")},
        prefix=r["prefix__prefix"],
        drafting_unit=r["drafting_unit__name"],
        doc_number=r["doc_number"] or None,
        signer=r["signer_name"] or None,
        version=r["version"],
        created_at=timezone.localtime(r["created_at"]),
    )


def _units(codes: list[str]) -> list[Unit]:
    found = {str(u.code): u for u in Unit.objects.filter(code__in=codes)} if codes else {}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(_("没有编码为 %(c)s 的单位。") % {"c": "、".join(m[:40] for m in missing[:5])})
    return [found[c] for c in codes]


def _outgoing(request: HttpRequest, code: str) -> Outgoing:
    return get_for_user(
        outgoing_policy, actor(request), "view", queryset=selectors.outgoing_of(actor(request)), code=code
    )


@router.post("/outgoing", response={201: OutgoingOut})
def create_outgoing(request: HttpRequest, payload: OutgoingIn) -> Status[OutgoingOut]:
    """拟稿: a draft of the caller's unit. `doc_number` must stay empty: numbers are given at 编号."""
    prefix = DocPrefix.objects.filter(prefix=payload.prefix).first()
    if prefix is None:
        raise ValidationError(_("没有发文字号前缀“%(p)s”。") % {"p": payload.prefix[:20]})
    document = outgoing.outgoing_create(
        actor=actor(request),
        title=payload.title,
        doc_type=payload.doc_type,
        prefix=prefix,
        body=payload.body,
        direction=payload.direction,
        important=payload.important,
        urgency=payload.urgency,
        main_recipients=payload.main_recipients,
        cc=payload.cc,
        attachments_note=payload.attachments_note,
        note=payload.note,
        copies=payload.copies,
        recipients=_units(payload.recipient_units),
        countersign_units=_units(payload.countersign_units),
        doc_number=payload.doc_number,
    )
    return Status(201, _out(document))


@router.get("/outgoing", response=OutgoingPage)
def list_outgoing(
    request: HttpRequest,
    q: str = "",
    status: str = "",
    unit: str = "",
    date_from: str = "",
    date_to: str = "",
    limit: int = 50,
    offset: int = 0,
) -> OutgoingPage:
    """发文登记簿: search by title or 文号 (`q`), `status`, drafting `unit` (code), creation dates (`date_from`,
    `date_to`); each with its `doc_number` (null before 编号)."""
    limit, offset = page_window(limit, offset)
    if status and status not in Outgoing.Status.values:
        raise ValidationError(_("状态代码不正确。"))
    qs = selectors.filtered(
        selectors.outgoing_of(actor(request)),
        {"status": status, "unit": unit, "from": date_from, "to": date_to},
        "created_at",
    )
    qs = selectors.search_outgoing(qs, q).order_by("-created_at", "-id")
    rows = qs.values(*OUT_COLUMNS)[offset : offset + limit]  # rows, not model instances: a page of 100 stays cheap
    return OutgoingPage(count=selectors.capped_count(qs), items=[_out_row(r) for r in rows])


@router.get("/outgoing/{code}", response=OutgoingOut)
def get_outgoing(request: HttpRequest, code: str) -> OutgoingOut:
    return _out(_outgoing(request, code))


@router.post("/outgoing/{code}/number", response=OutgoingOut)
def number_outgoing(request: HttpRequest, code: str) -> OutgoingOut:
    """编号: the next number of the prefix and year, given in the same transaction; answers `doc_number`."""
    return _out(outgoing.outgoing_number(actor=actor(request), outgoing=_outgoing(request, code)))


@router.post("/outgoing/{code}/sign", response=OutgoingOut)
def sign_outgoing(request: HttpRequest, code: str, payload: SignIn) -> OutgoingOut:
    """签发 with the signer's opinion; `delegate` when signing on the principal's behalf (代). The check runs first."""
    document = _outgoing(request, code)
    return _out(
        outgoing.outgoing_sign(
            actor=actor(request), outgoing=document, reason=payload.opinion, delegate=payload.delegate
        )
    )


_reason = reason_from_body


@router.post("/outgoing/{code}/{transition}", response=OutgoingOut, openapi_extra=REASON_BODY)
def transition_outgoing(request: HttpRequest, code: str, transition: str) -> OutgoingOut:
    """submit, dept-approve, office-approve, countersign, return, reopen, seal, distribute, archive, withdraw; the
    body {"reason": …} carries the opinion or the reason where one is asked."""
    declared = OUTGOING_FLOW.by_slug(transition)
    if declared is None or not declared.api:
        raise Http404
    document = _outgoing(request, code)
    OUTGOING_FLOW.perform(declared.name, actor=actor(request), obj=document, data=_reason(request))
    return _out(selectors.outgoing_of(actor(request)).get(pk=document.pk))


def _number_out(n: DocNumber) -> NumberOut:
    def name(user: Any) -> str | None:
        return (user.real_name or user.username) if user else None

    return NumberOut(
        doc_number=n.text,
        prefix=n.prefix.prefix,
        year=n.year,
        seq=n.seq,
        status=n.status,
        document=n.outgoing.code if n.outgoing else None,
        reason=n.void_reason,
        requested_by=name(n.void_requested_by),
        approved_by=name(n.void_approved_by),
        voided_at=timezone.localtime(n.voided_at) if n.voided_at else None,
    )


@router.post("/doc-numbers/void", response=NumberOut)
def void_number(request: HttpRequest, payload: VoidIn) -> NumberOut:
    """作废 a number with its reason: 作废待批 until the approver decides (an approver's own request voids at once)."""
    number = numbers.number_void(
        actor=actor(request), prefix=payload.prefix, year=payload.year, seq=payload.seq, reason=payload.reason
    )
    return _number_out(
        DocNumber.objects.select_related("prefix", "outgoing", "void_requested_by", "void_approved_by").get(
            pk=number.pk
        )
    )


def _prefix(request: HttpRequest, prefix: str) -> DocPrefix:
    if not ledger_policy.can(actor(request), "view"):
        raise PermissionDenied
    found = DocPrefix.objects.filter(prefix=prefix).first()
    if found is None:
        raise ValidationError(_("没有发文字号前缀“%(p)s”。") % {"p": prefix[:20]})
    return found


@router.get("/doc-numbers/gaps", response=list[GapOut])
def number_gaps(request: HttpRequest, prefix: str, year: int) -> list[GapOut]:
    """Every number of the prefix and year that no document holds, with its reason (an empty list when none)."""
    if not 1990 <= year <= 2100:
        raise ValidationError(_("年度应在 1990 至 2100 之间。"))
    found = _prefix(request, prefix)
    return [
        GapOut(
            doc_number=g.number,
            seq=g.seq,
            status=g.status,
            reason=g.reason,
            requested_by=g.requested_by,
            approved_by=g.approved_by,
            voided_at=timezone.localtime(g.voided_at) if g.voided_at else None,
            document=g.document,
        )
        for g in numbers.gaps(found, year)
    ]


@router.get("/doc-numbers", response=list[PrefixNumbers])
def number_ledger(request: HttpRequest, year: int = 0) -> list[PrefixNumbers]:
    """The prefixes with their used, voided and pending numbers of the year (default: this year)."""
    if not ledger_policy.can(actor(request), "view"):
        raise PermissionDenied
    year = year or timezone.localdate().year
    if not 1990 <= year <= 2100:
        raise ValidationError(_("年度应在 1990 至 2100 之间。"))
    return [PrefixNumbers(**row) for row in numbers.ledger(year)]


def _in(i: Incoming) -> IncomingOut:
    return IncomingOut(
        code=i.code,
        title=i.title,
        unit=i.unit.name,
        source_org=i.source_org,
        source_doc_number=i.source_doc_number,
        receipt_number=i.receipt_number or None,
        urgency=i.urgency,
        status=i.status,
        due_date=i.due_date,
        received_at=timezone.localtime(i.received_at) if i.received_at else None,
    )


IN_COLUMNS = (
    "code", "title", "unit__name", "source_org", "source_doc_number", "receipt_number", "urgency", "status",
    "due_date", "received_at",
)  # fmt: skip


def _in_row(r: dict[str, Any]) -> IncomingOut:
    received = r["received_at"]
    return IncomingOut(
        **{k: r[k] for k in ("code", "title", "source_org", "source_doc_number", "urgency", "status", "due_date")},
        unit=r["unit__name"],
        receipt_number=r["receipt_number"] or None,
        received_at=timezone.localtime(received) if received else None,
    )


@router.post("/incoming", response={201: IncomingOut})
def receive_incoming(request: HttpRequest, payload: IncomingIn) -> Status[IncomingOut]:
    """签收 of a document from outside Shuniu for the caller's unit (count, now)."""
    document = incoming_services.incoming_receive(actor=actor(request), **payload.dict())
    return Status(201, _in(document))


@router.get("/incoming", response=IncomingPage)
def list_incoming(
    request: HttpRequest,
    q: str = "",
    status: str = "",
    date_from: str = "",
    date_to: str = "",
    limit: int = 50,
    offset: int = 0,
) -> IncomingPage:
    """收文登记簿: search by title, 收文号, 来文字号 or 来文单位 (`q`), `status`, 签收 dates."""
    limit, offset = page_window(limit, offset)
    if status and status not in Incoming.Status.values:
        raise ValidationError(_("状态代码不正确。"))
    qs = selectors.filtered(
        selectors.incoming_of(actor(request)), {"status": status, "from": date_from, "to": date_to}, "created_at"
    )
    qs = selectors.search_incoming(qs, q).order_by("-created_at", "-id")
    rows = qs.values(*IN_COLUMNS)[offset : offset + limit]
    return IncomingPage(count=selectors.capped_count(qs), items=[_in_row(r) for r in rows])


@router.post("/incoming/{code}/{transition}", response=IncomingOut, openapi_extra=REASON_BODY)
def transition_incoming(request: HttpRequest, code: str, transition: str) -> IncomingOut:
    """sign, register, return, read, urge, close, archive (routing and 批示 are on their pages)."""
    declared = INCOMING_FLOW.by_slug(transition)
    if declared is None or not declared.api:
        raise Http404
    user = actor(request)
    document = get_for_user(incoming_policy, user, "view", queryset=selectors.incoming_of(user), code=code)
    INCOMING_FLOW.perform(declared.name, actor=user, obj=document, data=_reason(request))
    return _in(selectors.incoming_of(user).get(pk=document.pk))
