from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuniu.core.access import authorize, get_for_user, has_perm
from shuniu.core.actions import run_action
from shuniu.core.docx_render import DOCX_MIME
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.listing import Column, ListSpec
from shuniu.governance.legal import services as legal
from shuniu.governance.legal.policies import legal_worker_policy, mediation_policy
from shuniu.governance.models import LegalWorker, MediationCase
from shuniu.governance.requests.policies import MEDIATE
from shuniu.org.http import AuthedRequest
from shuniu.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"})


class WorkerForm(GuardedFormMixin, forms.ModelForm[LegalWorker]):
    guard_where = "governance.legal"

    class Meta:
        model = LegalWorker
        fields = ["name", "role", "village", "phone"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            kind__in=[Unit.Kind.VILLAGE, Unit.Kind.TOWN]
        ).order_by("path")


class CaseForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.mediation"
    applicant = forms.CharField(label=_("申请人"), max_length=100)
    respondent = forms.CharField(label=_("被申请人"), max_length=100)
    dispute_type = forms.ChoiceField(label=_("纠纷类型"), choices=MediationCase.DisputeType.choices)
    facts = forms.CharField(label=_("纠纷事实"), widget=forms.Textarea(attrs={"rows": 3}))
    mediator = forms.ModelChoiceField(
        label=_("调解员"), queryset=LegalWorker.objects.filter(role=LegalWorker.Role.MEDIATOR, is_active=True)
    )


class SessionForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.mediation"
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    notes = forms.CharField(label=_("调解经过"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.mediation"
    status = forms.ChoiceField(label=_("结果"), choices=[c for c in MediationCase.Status.choices if c[0] != "open"])
    agreement = forms.CharField(
        label=_("协议内容（调解成功时必填）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


WORKERS = ListSpec(
    search=("name", "village__name", "phone"),
    sorts={"village": "village__path", "name": "name", "role": "role"},
    default="village",
    columns=[
        Column(_("村/社区"), "village.name"),
        Column(_("姓名"), "name"),
        Column(_("身份"), "role"),
        Column(_("联系电话"), "phone"),
    ],
    filename="法律服务人员名册",
)
CASES = ListSpec(
    search=("code", "applicant", "respondent", "facts", "mediator__name", "village__name"),
    sorts={
        "code": "code",
        "opened": "opened_on",
        "type": "dispute_type",
        "mediator": "mediator__name",
        "status": "status",
    },
    default="-opened",
    columns=[
        Column(_("案号"), "code"),
        Column(_("受理日期"), "opened_on"),
        Column(_("申请人"), "applicant"),
        Column(_("被申请人"), "respondent"),
        Column(_("纠纷类型"), "dispute_type"),
        Column(_("村/社区"), "village.name"),
        Column(_("调解员"), "mediator.name"),
        Column(_("状态"), "status"),
    ],
    filename="调解案件",
)


def registry(request: AuthedRequest) -> HttpResponse:
    workers = legal_worker_policy.visible(request.user, LegalWorker.objects.select_related("village"))
    can_edit = legal_worker_policy.can(request.user, "register")
    if not (can_edit or legal_worker_policy.sees_all(request.user) or workers.exists()):
        raise PermissionDenied
    form = WorkerForm(request.POST or None, user=request.user)
    if request.method == "POST":
        authorize(legal_worker_policy, request.user, "register")
        if run_action(request, form, lambda d: legal.worker_register(actor=request.user, **d)):
            return redirect("governance:legal")
    workers, sort, file = WORKERS.apply(request, workers.filter(is_active=True))
    if file is not None:
        return file
    context = {"workers": workers, "form": form, "can_edit": can_edit, "sort": sort}
    return render(request, "governance/legal.html", context)


def cases(request: AuthedRequest) -> HttpResponse:
    """The office's cases, or a 调解员's own village's."""
    can_open = mediation_policy.can(request.user, "open")
    if not (can_open or mediation_policy.sees_all(request.user) or has_perm(request.user, MEDIATE)):
        raise PermissionDenied
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST":
        authorize(mediation_policy, request.user, "open")
        if run_action(request, form, lambda d: legal.case_open(actor=request.user, **d)):
            return redirect("governance:mediation")
    today = timezone.localdate()
    visible = mediation_policy.visible(request.user, MediationCase.objects.select_related("mediator", "village"))
    visible, sort, file = CASES.apply(request, visible)
    if file is not None:
        return file
    rows = [(c, legal.overdue(c, today)) for c in visible[:200]]
    context = {"rows": rows, "form": form, "can_edit": can_open, "sort": sort}
    return render(request, "governance/mediation.html", context)


CASE_ACTIONS = {"session": (SessionForm, legal.session_add), "close": (CloseForm, legal.case_close)}


def case_detail(request: AuthedRequest, code: str) -> HttpResponse:
    queryset = MediationCase.objects.select_related("mediator", "village")
    case = get_for_user(mediation_policy, request.user, queryset=queryset, code=code)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in CASE_ACTIONS:
            raise Http404
        authorize(mediation_policy, request.user, action, case)
        form_class, service = CASE_ACTIONS[action]
        run_action(
            request,
            form_class(request.POST, user=request.user),
            lambda d: service(actor=request.user, case=case, **d),  # type: ignore[operator]
        )
        return redirect(case)
    if request.GET.get("agreement"):
        try:
            content = legal.agreement_docx(case)
        except ValidationError as exc:
            raise Http404 from exc
        response = HttpResponse(content, content_type=DOCX_MIME)
        response["Content-Disposition"] = f"attachment; filename={case.code}.docx"
        return response
    context = {
        "case": case,
        "sessions": case.sessions.all(),
        "session_form": SessionForm(),
        "close_form": CloseForm(),
        "overdue": legal.overdue(case, timezone.localdate()),
        "can_edit": mediation_policy.can(request.user, "session", case),
    }
    return render(request, "governance/mediation_detail.html", context)
