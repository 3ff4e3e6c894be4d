"""The life cycle of a task (SPEC §3), declared once: the page's buttons, the API's routes and the policy's
`allowed_actions` are all read from this table; `shuniu.core.workflow` runs it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.supervision.models import Task

S = Task.Status
OPEN_STATUSES = states(S.REGISTERED, S.ASSIGNED, S.ACCEPTED, S.CLOSE_REQUESTED)
ALL_STATUSES = states(*S.values)
FORMS = "shuniu.supervision.forms"

TASK_FIELDS = (
    "title",
    "requirements",
    "source",
    "source_ref",
    "responsible_leader",
    "leader",
    "lead_unit",
    "start_date",
    "due_date",
    "report_cycle",
    "status",
    "status_reason",
    "closed_on",
    "override_light",
    "override_reason",
    "adopted_suggestions",
)

TASK_FLOW: Workflow[Task] = Workflow(
    model=Task,
    services="shuniu.supervision.services",
    object_arg="task",
    where="supervision.task",
    audit_fields=TASK_FIELDS,
    transitions=[
        Transition("assign", _("交办"), states(S.REGISTERED), S.ASSIGNED, "task_assign", style="danger"),
        Transition("accept", _("签收"), states(S.ASSIGNED), S.ACCEPTED, "task_accept", style="danger"),
        # 修改 is a whole task form with milestone rows: a page of its own.
        Transition(
            "edit",
            _("修改事项"),
            OPEN_STATUSES,
            None,
            "shuniu.supervision.editing.task_update",
            api=False,
            page="supervision:task-edit",
        ),
        Transition(
            "push",
            _("发送催办"),
            states(S.ASSIGNED, S.ACCEPTED),
            None,
            "shuniu.supervision.editing.task_push",
            form=f"{FORMS}.PushForm",
            inputs=("kind",),
            api=False,
        ),
        Transition(
            "report",
            _("报送进展"),
            states(S.ASSIGNED, S.ACCEPTED, S.CLOSE_REQUESTED),
            None,
            "report_submit",
            texts=(("done", _("工作进展")), ("problems", _("存在问题")), ("next_steps", _("下步打算"))),
            form=f"{FORMS}.ReportForm",
            inputs=("progress", "done", "problems", "next_steps", "attachment"),
            api=False,  # POST /tasks/{code}/reports
        ),
        Transition(
            "request_close",
            _("申请办结"),
            states(S.ASSIGNED, S.ACCEPTED),
            S.CLOSE_REQUESTED,
            "task_request_close",
            texts=(("done", _("办结情况")),),
            form=f"{FORMS}.CloseRequestForm",
            inputs=("done", "attachment"),
        ),
        Transition(
            "approve_close",
            _("审核通过，办结销号"),
            states(S.CLOSE_REQUESTED),
            S.CLOSED,
            "task_approve_close",
            reason_label=_("审核意见"),
            style="danger",
        ),
        Transition(
            "return_close",
            _("退回办结申请"),
            states(S.CLOSE_REQUESTED),
            S.ACCEPTED,
            "task_return_close",
            reason_required=True,
            reason_label=_("退回意见"),
        ),
        Transition(
            "request_extension",
            _("申请延期"),
            states(S.ASSIGNED, S.ACCEPTED),
            None,
            "extension_request",
            form=f"{FORMS}.ExtensionForm",
            inputs=("requested_due_date",),
            api=False,  # POST /tasks/{code}/extensions
        ),
        Transition(
            "suspend",
            _("中止"),
            OPEN_STATUSES,
            S.SUSPENDED,
            "task_suspend",
            reason_required=True,
            reason_label=_("中止理由"),
        ),
        Transition(
            "cancel",
            _("撤销"),
            OPEN_STATUSES | {S.SUSPENDED},
            S.CANCELLED,
            "task_cancel",
            reason_required=True,
            reason_label=_("撤销理由"),
            style="outline-danger",
            confirm=_("确定撤销该事项？"),
        ),
        Transition(
            "resume",
            _("恢复办理"),
            states(S.SUSPENDED),
            None,
            "task_resume",
            reason_required=True,
            reason_label=_("恢复理由"),
        ),
        Transition(
            "override",
            _("人工调整亮灯"),
            OPEN_STATUSES,
            None,
            "task_override_light",
            reason_required=True,
            form=f"{FORMS}.OverrideForm",
            inputs=("light",),
            api=False,  # POST /tasks/{code}/override
        ),
        Transition(
            "research",
            _("调研成果"),
            ALL_STATUSES,
            None,
            "research_record",
            texts=(("adopted_suggestions", _("采纳的建议")),),
            form=f"{FORMS}.ResearchForm",
            inputs=("report", "adopted_suggestions"),
            api=False,
            condition=lambda task: task.source == "research",
        ),
    ],
)
