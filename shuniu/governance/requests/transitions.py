"""The life cycle of a citizen request (SPEC §9), declared once: the page's buttons, the API's routes and the
policy's `allowed_actions` are all read from this table; `shuniu.core.workflow` runs it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from shuniu.core.workflow import Transition, Workflow, states
from shuniu.governance.models import CitizenRequest

S = CitizenRequest.Status
# One definition of "open" (dispatched and not yet answered) and of "finished" (nothing more will happen).
OPEN_STATUSES = states(S.DISPATCHED, S.ACCEPTED, S.RETURNED)
FINISHED_STATUSES = states(S.CLOSED, S.ARCHIVED, S.REJECTED)
FORMS = "shuniu.governance.requests.forms"

REQUEST_FIELDS = (
    "status",
    "handling_unit",
    "due_date",
    "reply",
    "satisfaction",
    "resolution",
    "status_reason",
    "redirect_advice",
    "reopen_count",
    "unsatisfied_count",
    "duplicate_of",
)

REQUEST_FLOW: Workflow[CitizenRequest] = Workflow(
    model=CitizenRequest,
    services="shuniu.governance.requests.services",
    object_arg="req",
    where="governance.request",
    audit_fields=REQUEST_FIELDS,
    transitions=[
        Transition(
            "dispatch",
            _("派单"),
            states(S.RECEIVED, S.RETURNED),
            S.DISPATCHED,
            "request_dispatch",
            form=f"{FORMS}.DispatchForm",
            inputs=("unit",),
            style="danger",
        ),
        Transition(
            "duplicate",
            _("关联为重复诉求"),
            states(S.RECEIVED),
            None,
            "request_link_duplicate",
            action="dispatch",
            form=f"{FORMS}.DuplicateForm",
            inputs=("original",),
            api=False,
        ),
        Transition("accept", _("签收"), states(S.DISPATCHED), S.ACCEPTED, "request_accept", style="danger"),
        Transition(
            "return",
            _("退单"),
            states(S.DISPATCHED, S.ACCEPTED),
            S.RETURNED,
            "request_return",
            reason_required=True,
            reason_label=_("退单理由"),
        ),
        Transition(
            "refuse_return",
            _("不同意退单，原单位继续办理"),
            states(S.RETURNED),
            S.DISPATCHED,
            "request_refuse_return",
            reason_required=True,
            reason_label=_("不同意退单的理由"),
        ),
        Transition(
            "reject",
            _("不予受理"),
            states(S.RECEIVED, S.RETURNED),
            S.REJECTED,
            "request_reject",
            reason_required=True,
            reason_label=_("不予受理的理由"),
            texts=(("advice", _("建议的办理途径")),),
            form=f"{FORMS}.RejectForm",
            inputs=("advice",),
        ),
        Transition(
            "reply",
            _("答复"),
            states(S.ACCEPTED),
            S.REPLIED,
            "request_reply",
            texts=(("reply", _("答复内容")),),
            form=f"{FORMS}.ReplyForm",
            inputs=("reply", "publish", "attachments"),
        ),
        Transition(
            "callback",
            _("回访"),
            states(S.REPLIED),
            S.CALLED_BACK,
            "request_callback",
            form=f"{FORMS}.CallbackForm",
            inputs=("satisfaction", "resolution"),
        ),
        Transition("close", _("办结"), states(S.CALLED_BACK), S.CLOSED, "request_close", style="success"),
        Transition("archive", _("归档"), states(S.CLOSED, S.REJECTED), S.ARCHIVED, "request_archive"),
        Transition(
            "reopen",
            _("重办"),
            states(S.CALLED_BACK, S.CLOSED),
            S.DISPATCHED,
            "request_reopen",
            reason_required=True,
            reason_label=_("重办理由"),
        ),
        Transition(
            "request_extension",
            _("申请延期"),
            states(S.DISPATCHED, S.ACCEPTED),
            None,
            "extension_request",
            form=f"{FORMS}.ExtensionForm",
            inputs=("requested_due_date",),
            api=False,  # POST /requests/{code}/extensions
        ),
    ],
)
