"""The life cycles of 办文 (SPEC §6), declared once.

收文 (第二十四条): 待签收 (sent by another unit inside Shuniu) → 签收 → 登记 (收文号) → 初审: 退回 with reasons,
or 承办 — 阅知 (分发传阅) or 批办 (拟办意见 → 领导批示 → 承办单位, a lead unit when two or more) → 催办 → 办结 → 归档.
发文: 拟稿 → 部门审核 → 办公室核稿 → (会签) → 领导签发 → 编号 → 用印 → 分发 → 归档; a signed document is changed
only after it goes back to the signer (退回重签)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.documents.models import Incoming, Outgoing

I = Incoming.Status  # noqa: E741
O = Outgoing.Status  # noqa: E741

INCOMING_OPEN = states(I.PENDING, I.RECEIVED, I.REGISTERED, I.READING, I.PROPOSED, I.HANDLING)
INCOMING_FIELDS = ("status", "status_reason", "receipt_number", "mode", "lead_unit", "leader", "result")
OUTGOING_EDITABLE = states(O.DRAFT, O.DEPT_REVIEW, O.OFFICE_REVIEW, O.SIGNING)
OUTGOING_FIELDS = ("status", "status_reason", "signer_name", "signed_as_delegate", "doc_number", "version")

INCOMING_FLOW: Workflow[Incoming] = Workflow(
    model=Incoming,
    services="shuniu.documents.incoming",
    object_arg="incoming",
    where="documents.incoming",
    audit_fields=INCOMING_FIELDS,
    transitions=[
        Transition("sign", _("签收"), states(I.PENDING), I.RECEIVED, "incoming_sign", action="handle", style="danger"),
        Transition(
            "register",
            _("登记"),
            states(I.RECEIVED),
            I.REGISTERED,
            "incoming_register",
            action="handle",
            style="danger",
        ),
        Transition(
            "return",
            _("初审退回"),
            states(I.RECEIVED, I.REGISTERED),
            I.RETURNED,
            "incoming_return",
            action="handle",
            reason_required=True,
            reason_label=_("退回理由"),
        ),
        Transition(
            "distribute",
            _("阅知分发"),
            states(I.REGISTERED),
            I.READING,
            "incoming_distribute",
            action="handle",
            page="documents:incoming-route",
            api=False,
        ),
        Transition(
            "propose",
            _("拟办送批"),
            states(I.REGISTERED),
            I.PROPOSED,
            "incoming_propose",
            action="handle",
            page="documents:incoming-route",
            api=False,
        ),
        Transition(
            "instruct",
            _("批示"),
            states(I.PROPOSED),
            I.HANDLING,
            "shuniu.documents.instructions.incoming_instruct",
            page="documents:incoming-instruct",
            api=False,
            style="danger",
        ),
        Transition(
            "read",
            _("阅毕"),
            states(I.READING, I.HANDLING),
            None,
            "incoming_read",
            ask_reason=True,
            reason_label=_("阅文意见"),
            style="danger",
        ),
        Transition(
            "urge", _("催办"), states(I.READING, I.PROPOSED, I.HANDLING), None, "incoming_urge", action="handle"
        ),
        Transition(
            "close",
            _("办结"),
            states(I.READING, I.HANDLING),
            I.CLOSED,
            "incoming_close",
            reason_required=True,
            reason_label=_("办理结果"),
        ),
        Transition("archive", _("归档"), states(I.CLOSED, I.RETURNED), I.ARCHIVED, "incoming_archive", action="handle"),
    ],
)

OUTGOING_FLOW: Workflow[Outgoing] = Workflow(
    model=Outgoing,
    services="shuniu.documents.outgoing",
    object_arg="outgoing",
    where="documents.outgoing",
    audit_fields=OUTGOING_FIELDS,
    transitions=[
        Transition("submit", _("送部门审核"), states(O.DRAFT), O.DEPT_REVIEW, "outgoing_submit", style="danger"),
        Transition(
            "dept_approve",
            _("部门审核通过"),
            states(O.DEPT_REVIEW),
            O.OFFICE_REVIEW,
            "outgoing_dept_approve",
            ask_reason=True,
            reason_label=_("审核意见"),
            style="danger",
        ),
        Transition(
            "office_approve",
            _("核稿通过"),
            states(O.OFFICE_REVIEW),
            O.SIGNING,
            "outgoing_office_approve",
            ask_reason=True,
            reason_label=_("核稿意见"),
            style="danger",
        ),
        Transition(
            "countersign",
            _("会签"),
            states(O.SIGNING),
            None,
            "outgoing_countersign",
            reason_required=True,
            reason_label=_("会签意见"),
        ),
        Transition(
            "sign",
            _("签发"),
            states(O.SIGNING),
            O.SIGNED,
            "outgoing_sign",
            page="documents:outgoing-sign",
            api=False,
            style="danger",
        ),
        Transition(
            "return",
            _("退回修改"),
            states(O.DEPT_REVIEW, O.OFFICE_REVIEW, O.SIGNING),
            O.DRAFT,
            "outgoing_return",
            reason_required=True,
            reason_label=_("退回意见"),
        ),
        Transition(
            "reopen",
            _("退回签发人重签"),
            states(O.SIGNED),
            O.SIGNING,
            "outgoing_reopen",
            reason_required=True,
            reason_label=_("需修改的内容"),
        ),
        Transition(
            "number", _("编号"), states(O.SIGNED), O.NUMBERED, "outgoing_number", action="issue", style="danger"
        ),
        Transition("seal", _("用印"), states(O.NUMBERED), O.SEALED, "outgoing_seal", action="issue", style="danger"),
        Transition(
            "distribute",
            _("分发"),
            states(O.SEALED),
            O.DISTRIBUTED,
            "outgoing_distribute",
            action="issue",
            style="danger",
        ),
        Transition(
            "archive",
            _("归档"),
            states(O.DISTRIBUTED),
            O.ARCHIVED,
            "shuniu.documents.archive.outgoing_archive",
            action="issue",
        ),
        Transition(
            "withdraw",
            _("撤销"),
            states(O.DRAFT, O.DEPT_REVIEW, O.OFFICE_REVIEW, O.SIGNING, O.SIGNED),
            O.WITHDRAWN,
            "outgoing_withdraw",
            reason_required=True,
            reason_label=_("撤销理由"),
        ),
    ],
)
