"""The one way a page runs a POSTed action: validate the form, call the service, report in messages; declared
transitions get their form from the workflow table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shuniu.core.access import authorize, get_child_for_user, get_for_user
from shuniu.core.extensions import ExtensionFlow
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.workflow import Transition, Workflow


def run_action(
    request: HttpRequest,
    form: forms.BaseForm | None,
    call: Callable[[dict[str, Any]], Any],
    success: str = "",
) -> bool:
    """Validate `form` (when there is one), then `call(cleaned_data)`; every error becomes a message, and success
    one message that says what happened (`success`, e.g. "已签收 DB-2026-0043").

    Returns True when the action was carried out. Errors never crash the page and nothing is written on error:
    the services validate before they write."""
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return False
    try:
        call(form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, success or _("操作成功。"))
    return True


class ReasonForm(GuardedFormMixin, forms.Form):
    """The form of a transition that takes nothing but a reason (required or not, as declared)."""

    reason = forms.CharField(
        label=gettext_lazy("理由"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, transition: Transition | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if transition is not None:
            self.fields["reason"].label = str(transition.reason_label)
            self.fields["reason"].required = transition.reason_required


def transition_form(
    workflow: Workflow[Any], transition: Transition, request: HttpRequest | None = None
) -> forms.BaseForm:
    """The page form of a declared transition (its own, or the reason form), bound to `request` when given."""
    data = (request.POST, request.FILES) if request is not None else ()
    user = getattr(request, "user", None)
    if not transition.form:
        return ReasonForm(*data, transition=transition, user=user)
    form_class = import_string(transition.form)
    form: forms.BaseForm = (
        form_class(*data, user=user) if issubclass(form_class, GuardedFormMixin) else form_class(*data)
    )
    if "reason" not in form.fields:  # every transition may carry a remark, kept in its audit record
        form.fields["reason"] = ReasonForm(transition=transition).fields["reason"]
    return form


def run_transition(request: HttpRequest, workflow: Workflow[Any], obj: Any, name: str) -> bool:
    """A POSTed declared transition: its form, then its named service; 404 for a name the table does not hold."""
    transition = workflow.by_slug(name) or workflow.transitions.get(name)
    if transition is None or transition.page:  # a transition with a page of its own is posted there
        raise Http404
    if workflow.policy is not None:  # a read-only user gets 403 before any form is read
        authorize(workflow.policy, request.user, transition.permission, obj)
    form = transition_form(workflow, transition, request)
    done = _("已%(action)s %(code)s") % {"action": transition.label, "code": getattr(obj, "code", "") or obj}
    return run_action(
        request, form, lambda data: workflow.perform(transition.name, actor=request.user, obj=obj, data=data), done
    )


def transition_view(policy: Any, workflow: Workflow[Any]) -> Callable[..., HttpResponse]:
    """The page route of a model's declared transitions: POST `<code>/do/<action>/`, then back to the object."""

    @require_POST
    def view(request: HttpRequest, code: str, action: str) -> HttpResponse:
        obj = get_for_user(policy, request.user, code=code)
        run_transition(request, workflow, obj, action)
        return redirect(obj)

    view.__doc__ = f"Any declared transition of {workflow.model.__name__} ({workflow.services})."
    return view


def extension_decide_view(flow: ExtensionFlow) -> Callable[..., HttpResponse]:
    """The page route that approves or refuses an extension request: POST `<code>/<approve|refuse>/` (comment)."""

    @require_POST
    def view(request: HttpRequest, code: str, decision: str) -> HttpResponse:
        if decision not in {"approve", "refuse"}:
            raise Http404
        policy = flow.workflow.policy
        if policy is None:
            raise RuntimeError("the extension flow's workflow has no policy")
        children = flow.model._default_manager.all()
        extension, owner = get_child_for_user(policy, request.user, children, flow.owner_field, code=code)
        comment = request.POST.get("comment", "")
        run_action(
            request,
            None,
            lambda _d: flow.decide(
                actor=request.user, extension=extension, approve=decision == "approve", comment=comment
            ),
        )
        return redirect(owner)

    return view
