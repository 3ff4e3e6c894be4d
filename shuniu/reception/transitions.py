"""The life cycle of a reception, declared once: 待审批 → 已批准 / 未批准 (the 审批单) → 已接待 when the 接待清单 is
done."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.reception.models import Reception

S = Reception.Status
OPEN_STATUSES = states(S.PENDING, S.APPROVED)
RECEPTION_FIELDS = ("status", "status_reason", "approved_at", "breaches")

RECEPTION_FLOW: Workflow[Reception] = Workflow(
    model=Reception,
    services="shuniu.reception.services",
    object_arg="reception",
    where="reception.reception",
    audit_fields=RECEPTION_FIELDS,
    transitions=[
        Transition(
            "approve",
            _("同意接待"),
            states(S.PENDING),
            S.APPROVED,
            "reception_approve",
            style="danger",
            ask_reason=True,
        ),
        Transition(
            "refuse",
            _("不同意接待"),
            states(S.PENDING),
            S.REFUSED,
            "reception_refuse",
            reason_required=True,
            reason_label=_("不同意的理由"),
        ),
        Transition("complete", _("接待完成"), states(S.APPROVED), S.DONE, "reception_complete", style="primary"),
    ],
)
