"""The 文号 ledger (SPEC §6): one gap-free counter per prefix and year, a number taken only at 编号 inside the
transaction that gives it to the document, never deleted — used, or voided with reason, person, time and approver —
and a gap report per prefix and year that is empty or explains every number not on a document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.core.models import Sequence
from shuniu.core.sequences import next_value
from shuniu.documents.models import DocNumber, DocPrefix, Outgoing, number_text
from shuniu.documents.policies import ledger_policy

NUMBER_FORM = re.compile(r"^(?P<prefix>[^\s〔〕\[\]()（）]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")
WHERE = "documents.number"


def counter_key(prefix: DocPrefix, year: int) -> str:
    return f"docnum:{prefix.pk}:{year}"


def allocate(*, actor: Any, outgoing: Outgoing, year: int) -> DocNumber:
    """The next number of the document's prefix and year, given to it; call inside the 编号 transaction (the
    counter row stays locked until it commits, so concurrent numbering neither repeats nor skips)."""
    seq = next_value(counter_key(outgoing.prefix, year))
    return DocNumber.objects.create(prefix=outgoing.prefix, year=year, seq=seq, outgoing=outgoing, assigned_by=actor)


def parse(text: str) -> tuple[str, int, int] | None:
    """(prefix, year, seq) of a well-formed 文号, else None (第, leading zeros, other brackets are not)."""
    found = NUMBER_FORM.match((text or "").strip())
    return (found["prefix"], int(found["year"]), int(found["seq"])) if found else None


def find_number(prefix: str, year: int, seq: int) -> DocNumber:
    number = (
        DocNumber.objects.select_related("prefix", "outgoing").filter(prefix__prefix=prefix, year=year, seq=seq).first()
    )
    if number is None:
        raise ValidationError(
            _("文号 %(n)s 尚未编出，不能作废。") % {"n": number_text(prefix, year, seq)}, code="not_found"
        )
    return number


def number_void(*, actor: Any, prefix: str, year: int, seq: int, reason: str) -> DocNumber:
    """作废: asked with a reason by 文书 (作废待批), decided by the approver; an approver asking voids at once. A
    distributed document keeps its number (it is corrected by a new document, not by voiding)."""
    authorize(ledger_policy, actor, "void")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写作废理由。"), code="reason_required")
    if len(reason) > 300:
        raise ValidationError(_("作废理由不超过 300 字。"), code="reason")
    refuse_marked([(_("作废理由"), reason)], user=actor, where=WHERE)
    number = find_number(prefix, year, seq)
    if number.status != DocNumber.Status.USED:
        raise ValidationError(_("文号 %(n)s 已申请作废或已作废。") % {"n": number.text}, code="bad_status")
    document = number.outgoing
    if document is not None and document.status in (Outgoing.Status.DISTRIBUTED, Outgoing.Status.ARCHIVED):
        raise ValidationError(
            _("文号 %(n)s 的公文已分发，不能作废；如需更正请另行发文。") % {"n": number.text}, code="distributed"
        )
    now = timezone.now()
    with transaction.atomic():
        number.status = DocNumber.Status.VOID_PENDING
        number.void_reason, number.void_requested_by, number.void_requested_at = reason, actor, now
        number.save(update_fields=["status", "void_reason", "void_requested_by", "void_requested_at"])
        audit.record(
            actor=actor,
            action="void_request",
            obj=number,
            object_repr=number.text,
            changes={"status": ["used", "void_pending"], "reason": [None, reason]},
        )
        if ledger_policy.can(actor, "approve_void"):
            _approve(actor, number)
    return number


def number_void_decide(*, actor: Any, number: DocNumber, approve: bool, comment: str = "") -> DocNumber:
    """The approver's decision on a void request: 作废 (the document, if any, goes back to 已签发 for a new number)
    or 不同意 (the number stays used). The requester cannot approve his own request unless he is an approver."""
    authorize(ledger_policy, actor, "approve_void")
    refuse_marked([(_("审批意见"), comment)], user=actor, where=WHERE)
    with transaction.atomic():
        number = (
            DocNumber.objects.select_for_update(of=("self",)).select_related("prefix", "outgoing").get(pk=number.pk)
        )
        if number.status != DocNumber.Status.VOID_PENDING:
            raise ValidationError(_("文号 %(n)s 没有待审批的作废申请。") % {"n": number.text}, code="bad_status")
        if approve:
            _approve(actor, number)
        else:
            number.status = DocNumber.Status.USED
            number.save(update_fields=["status"])
            audit.record(
                actor=actor,
                action="void_refuse",
                obj=number,
                object_repr=number.text,
                changes={"status": ["void_pending", "used"], "comment": [None, comment[:300]]},
            )
    return number


def _approve(actor: Any, number: DocNumber) -> None:
    if getattr(actor, "pk", None) is None:
        raise PermissionDenied
    number.status, number.void_approved_by, number.voided_at = DocNumber.Status.VOIDED, actor, timezone.now()
    number.save(update_fields=["status", "void_approved_by", "voided_at"])
    document = number.outgoing
    released = ""
    if document is not None and document.number_id == number.pk:
        document.number, document.doc_number, document.status = None, "", Outgoing.Status.SIGNED
        document.save(update_fields=["number", "doc_number", "status", "updated_at"])
        released = document.code
    audit.record(
        actor=actor,
        action="void",
        obj=number,
        object_repr=number.text,
        changes={"status": ["void_pending", "voided"], "document": [released or None, None]},
    )


@dataclass(frozen=True)
class Gap:
    seq: int
    number: str
    status: str
    reason: str
    requested_by: str
    approved_by: str
    voided_at: Any
    document: str


def _name(user: Any) -> str:
    return (user.real_name or user.username) if user is not None else ""


def gaps(prefix: DocPrefix, year: int) -> list[Gap]:
    """Every number of the prefix and year that no document holds: voided (with reason, person, approver, time),
    waiting for a void decision, or — never expected — missing from the ledger below the counter ("无记录")."""
    rows = list(
        DocNumber.objects.filter(prefix=prefix, year=year)
        .exclude(status=DocNumber.Status.USED)
        .select_related("void_requested_by", "void_approved_by", "outgoing")
    )
    out = [
        Gap(
            n.seq,
            number_text(prefix.prefix, year, n.seq),
            n.status,
            n.void_reason,
            _name(n.void_requested_by),
            _name(n.void_approved_by),
            n.voided_at,
            n.outgoing.code if n.outgoing else "",
        )
        for n in rows
    ]
    top = Sequence.objects.filter(key=counter_key(prefix, year)).values_list("last_value", flat=True).first() or 0
    present = set(DocNumber.objects.filter(prefix=prefix, year=year).values_list("seq", flat=True))
    out += [
        Gap(seq, number_text(prefix.prefix, year, seq), "missing", "", "", "", None, "")
        for seq in range(1, top + 1)
        if seq not in present
    ]
    return sorted(out, key=lambda g: g.seq)


def ledger(year: int, prefixes: Any = None) -> list[dict[str, Any]]:
    """Per prefix: the used and voided numbers of the year (two queries whatever the number of prefixes)."""
    prefixes = list(prefixes if prefixes is not None else DocPrefix.objects.all())
    by_prefix: dict[int, dict[str, list[int]]] = {p.pk: {"used": [], "voided": [], "pending": []} for p in prefixes}
    key: dict[str, str] = {"used": "used", "voided": "voided", "void_pending": "pending"}
    rows = (
        DocNumber.objects.filter(year=year, prefix__in=prefixes).order_by("seq").values_list("prefix", "seq", "status")
    )
    for prefix_id, seq, status in rows:
        by_prefix[prefix_id][key[status]].append(seq)
    last = DocNumber.objects.filter(year=year).values("prefix").annotate(top=Max("seq"))
    tops = {row["prefix"]: row["top"] for row in last}
    return [
        {"prefix": p.prefix, "issuer": p.issuer, "year": year, "last": tops.get(p.pk, 0), **by_prefix[p.pk]}
        for p in prefixes
    ]
