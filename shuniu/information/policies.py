"""Who sees and does what in 信息报送 (SPEC §2.2, §4): a unit sees its own items; the 信息科 (and the county's
leaders and the office) see all. Submitting and editing a draft are the unit's; editing after submission, adopting,
returning and archiving are the 信息科's; recording a 批示 needs information.instruct_info."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from shuniu.core.access import ScopedPolicy, authenticated, has_any_perm, has_perm
from shuniu.information.models import Commission, InfoItem, PeriodicalIssue, UrgentEvent
from shuniu.information.transitions import INFO_FLOW

VIEW_ALL = "information.view_all_info"
SUBMIT = "information.submit_info"
EDIT = "information.edit_info"
INSTRUCT = "information.instruct_info"
URGENT_BOARD = "information.view_urgent_board"


class InfoItemPolicy(ScopedPolicy[InfoItem]):
    model = InfoItem
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, EDIT, SUBMIT
    unit_fields = ("unit",)
    acting_unit_field = "unit"
    workflow = INFO_FLOW
    manage_actions = frozenset({"start_edit", "adopt", "return", "archive", "edit"})
    unit_actions = frozenset({"submit", "edit"})

    def can(self, user: Any, action: str, obj: InfoItem | None = None) -> bool:
        if action == "instruct":
            return has_perm(user, INSTRUCT)
        if action == "edit" and obj is not None and obj.status not in (obj.Status.DRAFT, obj.Status.RETURNED):
            return has_perm(user, EDIT)  # once submitted, only the 信息科 edits (a new version)
        if action == "create":
            return has_perm(user, SUBMIT)
        return super().can(user, action, obj)


class CommissionPolicy(ScopedPolicy[Commission]):
    model = Commission
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, EDIT, SUBMIT
    unit_fields = ("units",)
    manage_actions = frozenset({"create"})


class UrgentEventPolicy(ScopedPolicy[UrgentEvent]):
    """The board for the office, the duty room and leaders; the reporting unit sees and reports its own events."""

    model = UrgentEvent
    view_all_perm, manage_perm, unit_perm = URGENT_BOARD, EDIT, SUBMIT
    unit_fields = ("unit",)
    acting_unit_field = "unit"
    manage_actions = frozenset({"report"})
    unit_actions = frozenset({"report"})

    def can(self, user: Any, action: str, obj: UrgentEvent | None = None) -> bool:
        if action == "create":
            return has_any_perm(user, SUBMIT, EDIT)
        if action == "report" and obj is not None and has_perm(user, URGENT_BOARD) and has_perm(user, SUBMIT):
            return True  # the duty room reports for the county
        return super().can(user, action, obj)


class IssuePolicy:
    """Issued periodicals are read by everyone in the module; drafts and compiling are the 信息科's."""

    def visible(self, user: Any, queryset: QuerySet[PeriodicalIssue] | None = None) -> QuerySet[PeriodicalIssue]:
        qs = PeriodicalIssue.objects.all() if queryset is None else queryset
        if not authenticated(user) or not has_any_perm(user, VIEW_ALL, SUBMIT, EDIT):
            return qs.none()
        return qs if has_perm(user, EDIT) else qs.filter(Q(status=PeriodicalIssue.Status.ISSUED))

    def can(self, user: Any, action: str, obj: PeriodicalIssue | None = None) -> bool:
        if action == "view":
            return has_any_perm(user, VIEW_ALL, SUBMIT, EDIT)
        return has_perm(user, EDIT)


item_policy = InfoItemPolicy()
commission_policy = CommissionPolicy()
event_policy = UrgentEventPolicy()
issue_policy = IssuePolicy()
