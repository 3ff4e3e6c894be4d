"""Who sees and does what in 办文 (SPEC §2.2, §6). The office (文书, 主任, county leaders) sees every document; a unit
sees the incoming documents it received, leads or handles and the outgoing ones it drafts or countersigns; a reader
sees what is circulated to him, a leader what waits for his 批示. Steps are capabilities: 文书 and a unit's liaison
handle their unit's incoming documents; the drafting unit drafts, its head reviews, the office 核稿, leaders sign,
文书 number, seal, distribute and archive."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from shuniu.core.access import ScopedPolicy, authenticated, has_any_perm, has_perm, unit_ids
from shuniu.documents.models import Circulation, DocNumber, Incoming, Outgoing
from shuniu.documents.transitions import INCOMING_FLOW, OUTGOING_EDITABLE, OUTGOING_FLOW

VIEW_ALL = "documents.view_all_documents"
HANDLE = "documents.handle_incoming"
INSTRUCT = "documents.instruct_incoming"
DRAFT = "documents.draft_outgoing"
REVIEW_DEPT = "documents.review_dept"
REVIEW_OFFICE = "documents.review_office"
SIGN = "documents.sign_outgoing"
ISSUE = "documents.issue_outgoing"
VOID = "documents.void_number"
APPROVE_VOID = "documents.approve_void"
CONFIG = "documents.change_documentconfig"
ANY = (VIEW_ALL, HANDLE, INSTRUCT, DRAFT, REVIEW_DEPT, REVIEW_OFFICE, SIGN, ISSUE)


def organ_id(user: Any) -> int | None:
    """The organ (机关) the user's unit belongs to: a section's parent office or department, else the unit itself.
    A document is received, numbered and handled by the organ; read once per request."""
    cached = getattr(user, "_documents_organ", False)
    if cached is not False:
        return cached
    unit = getattr(user, "unit", None)
    while unit is not None and unit.kind == "section" and unit.parent_id is not None:
        unit = unit.parent
    found = unit.pk if unit is not None else None
    setattr(user, "_documents_organ", found)  # noqa: B010
    return found


class IncomingPolicy(ScopedPolicy[Incoming]):
    model = Incoming
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, HANDLE, HANDLE
    unit_fields = ("unit", "lead_unit", "handling_units")
    acting_unit_field = "unit"
    workflow = INCOMING_FLOW
    unit_actions = frozenset({"handle"})

    def scope_filter(self, user: Any) -> Q | None:
        """Besides the units' documents: those circulated to the user and those waiting for his 批示."""
        mine = Q(pk__in=Circulation.objects.filter(reader=user).values("incoming")) | Q(leader=user)
        units = super().scope_filter(user)
        return mine if units is None else units | mine

    def can(self, user: Any, action: str, obj: Incoming | None = None) -> bool:
        if not authenticated(user):
            return False
        if action == "create":
            return has_perm(user, HANDLE)
        if action == "instruct":
            return obj is not None and obj.leader_id == user.pk and has_perm(user, INSTRUCT)
        if action == "read":
            return obj is not None and obj.circulations.filter(reader=user, read_at__isnull=True).exists()
        if action == "close":
            return obj is not None and has_perm(user, HANDLE) and bool({obj.unit_id, obj.lead_unit_id} & unit_ids(user))
        if action == "handle":  # the receiving organ's own 文书 or liaison, not anybody with a wide scope
            return obj is not None and has_perm(user, HANDLE) and obj.unit_id == organ_id(user)
        return super().can(user, action, obj)


class OutgoingPolicy(ScopedPolicy[Outgoing]):
    model = Outgoing
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, REVIEW_OFFICE, DRAFT
    unit_fields = ("drafting_unit", "countersign_units")
    acting_unit_field = "drafting_unit"
    workflow = OUTGOING_FLOW
    unit_actions = frozenset({"submit", "withdraw", "edit"})
    manage_actions = frozenset({"office_approve", "return", "reopen", "edit"})

    def scope_filter(self, user: Any) -> Q | None:
        units = super().scope_filter(user)
        signer = Q(signer=user)
        return signer if units is None else units | signer

    def can(self, user: Any, action: str, obj: Outgoing | None = None) -> bool:
        if not authenticated(user):
            return False
        if action == "create":
            return has_perm(user, DRAFT)
        if action == "dept_approve":
            return obj is not None and has_perm(user, REVIEW_DEPT) and self.in_acting_unit(user, obj)
        if action == "return" and obj is not None and obj.status == Outgoing.Status.DEPT_REVIEW:
            return (has_perm(user, REVIEW_DEPT) and self.in_acting_unit(user, obj)) or has_perm(user, REVIEW_OFFICE)
        if action == "countersign":
            return (
                obj is not None
                and has_any_perm(user, REVIEW_DEPT, DRAFT)
                and obj.countersign_units.filter(pk=getattr(user, "unit_id", None) or 0).exists()
                and not obj.opinions.filter(step="countersign", unit_id=user.unit_id).exists()
            )
        if action == "sign":
            return has_perm(user, SIGN)
        if action in ("number", "seal", "distribute", "archive", "issue"):
            return has_perm(user, ISSUE)
        if action == "edit" and obj is not None and obj.status not in OUTGOING_EDITABLE:
            return False
        return super().can(user, action, obj)


class LedgerPolicy:
    """The 文号 ledger: the office reads it; 文书 ask to void a number, the office director approves."""

    def visible(self, user: Any) -> QuerySet[DocNumber]:
        return DocNumber.objects.all() if self.can(user, "view") else DocNumber.objects.none()

    def can(self, user: Any, action: str, obj: DocNumber | None = None) -> bool:
        if action == "view":
            return has_any_perm(user, VIEW_ALL, ISSUE, APPROVE_VOID)
        if action == "void":
            return has_any_perm(user, VOID, APPROVE_VOID)
        if action == "approve_void":
            return has_perm(user, APPROVE_VOID)
        return False


incoming_policy = IncomingPolicy()
outgoing_policy = OutgoingPolicy()
ledger_policy = LedgerPolicy()
