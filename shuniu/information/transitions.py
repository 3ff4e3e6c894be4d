"""The life cycle of an information item (SPEC §4), declared once: 草稿 → 报送 → 编辑中 → 采用 / 退回 / 存档不用."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.information.models import InfoItem

S = InfoItem.Status
OPEN_STATUSES = states(S.SUBMITTED, S.EDITING)  # waiting for the 信息科
ITEM_FIELDS = ("status", "status_reason", "title", "body", "category", "must_report_type", "event_time", "points")

INFO_FLOW: Workflow[InfoItem] = Workflow(
    model=InfoItem,
    services="shuniu.information.services",
    object_arg="item",
    where="information.item",
    audit_fields=ITEM_FIELDS,
    transitions=[
        Transition("submit", _("报送"), states(S.DRAFT, S.RETURNED), S.SUBMITTED, "item_submit", style="danger"),
        Transition("start_edit", _("开始编辑"), states(S.SUBMITTED), S.EDITING, "item_start_edit", style="danger"),
        Transition(
            "adopt",
            _("采用"),
            states(S.SUBMITTED, S.EDITING, S.ADOPTED),
            S.ADOPTED,
            "item_adopt",
            form="shuniu.information.forms.AdoptForm",
            inputs=("level", "periodical"),
            style="danger",
        ),
        Transition(
            "return",
            _("退回"),
            states(S.SUBMITTED, S.EDITING),
            S.RETURNED,
            "item_return",
            reason_required=True,
            reason_label=_("退回理由"),
        ),
        Transition(
            "archive",
            _("存档不用"),
            states(S.SUBMITTED, S.EDITING),
            S.ARCHIVED,
            "item_archive",
            reason_required=True,
            reason_label=_("不用理由"),
        ),
        Transition(
            "edit",
            _("编辑"),
            states(S.DRAFT, S.RETURNED, S.SUBMITTED, S.EDITING),
            None,
            "item_edit",
            page="information:item_edit",
            api=False,
        ),
        Transition(
            "instruct",
            _("登记批示"),
            states(S.SUBMITTED, S.EDITING, S.ADOPTED),
            None,
            "item_instruct",
            form="shuniu.information.forms.InstructionForm",
            inputs=("level", "leader", "text"),
            texts=(("leader", _("批示领导")), ("text", _("批示内容"))),
        ),
    ],
)
