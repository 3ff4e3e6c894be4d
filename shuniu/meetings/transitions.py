"""The life cycle of a meeting application (SPEC §5), declared once: in the annual plan 已报备, otherwise 报批中 along
the configured chain → 已批准 / 退回修改 / 不予批准; a filed or approved meeting sends its notices and is 已召开
once held; an application may be cancelled until then."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.meetings.models import Meeting

S = Meeting.Status
OPEN_STATUSES = states(S.FILED, S.PENDING, S.APPROVED, S.RETURNED)  # not yet held, refused or cancelled
GOING_AHEAD = states(S.FILED, S.APPROVED)
MEETING_FIELDS = ("status", "status_reason", "approval_step", "name", "start", "end", "attendee_count", "budget")

MEETING_FLOW: Workflow[Meeting] = Workflow(
    model=Meeting,
    services="shuniu.meetings.services",
    object_arg="meeting",
    where="meetings.meeting",
    audit_fields=MEETING_FIELDS,
    transitions=[
        Transition("approve", _("同意"), states(S.PENDING), None, "meeting_approve", style="danger", ask_reason=True),
        Transition(
            "return",
            _("退回修改"),
            states(S.PENDING),
            S.RETURNED,
            "meeting_return",
            reason_required=True,
            reason_label=_("退回意见"),
        ),
        Transition(
            "refuse",
            _("不予批准"),
            states(S.PENDING),
            S.REFUSED,
            "meeting_refuse",
            reason_required=True,
            reason_label=_("不予批准的理由"),
        ),
        Transition("resubmit", _("重新报批"), states(S.RETURNED), S.PENDING, "meeting_resubmit", style="danger"),
        Transition("hold", _("确认已召开"), GOING_AHEAD, S.HELD, "meeting_hold", confirm=_("确认该会议已经召开？")),
        Transition(
            "cancel",
            _("取消会议"),
            OPEN_STATUSES,
            S.CANCELLED,
            "meeting_cancel",
            reason_required=True,
            reason_label=_("取消理由"),
        ),
    ],
)
