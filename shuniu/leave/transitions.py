"""The life cycle of a leave request (SPEC §7), declared once: 审批中 along its chain → 已批准 / 未批准; withdrawn by
the applicant before it starts; 销假 on the day back."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.leave.models import LeaveRequest

S = LeaveRequest.Status
OPEN_STATUSES = states(S.PENDING, S.APPROVED)
LEAVE_FIELDS = ("status", "status_reason", "step", "days", "end_date", "return_date", "back_date")

LEAVE_FLOW: Workflow[LeaveRequest] = Workflow(
    model=LeaveRequest,
    services="shuniu.leave.services",
    object_arg="leave",
    where="leave.request",
    audit_fields=LEAVE_FIELDS,
    transitions=[
        Transition("approve", _("同意"), states(S.PENDING), None, "leave_approve", style="danger", ask_reason=True),
        Transition(
            "refuse",
            _("不同意"),
            states(S.PENDING),
            S.REFUSED,
            "leave_refuse",
            reason_required=True,
            reason_label=_("不同意的理由"),
        ),
        Transition(
            "withdraw",
            _("撤回申请"),
            states(S.PENDING, S.APPROVED),
            S.WITHDRAWN,
            "leave_withdraw",
            confirm=_("确认撤回这份请假申请？"),
        ),
        Transition("back", _("销假"), states(S.APPROVED), S.BACK, "leave_back", style="primary"),
    ],
)
