"""The one way a page runs a POSTed action: validate the form, call the service, report in messages; declared
transitions get their form from the workflow table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.access import authorize
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.workflow import Transition, Workflow


def run_action(request: HttpRequest, form: forms.BaseForm | None, call: Callable[[dict[str, Any]], Any]) -> bool:
    """Validate `form` (when there is one), then `call(cleaned_data)`; every error becomes a message.

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
    messages.success(request, _("操作成功。"))
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
    if transition is None:
        raise Http404
    if workflow.policy is not None:  # a read-only user gets 403 before any form is read
        authorize(workflow.policy, request.user, transition.permission, obj)
    form = transition_form(workflow, transition, request)
    return run_action(
        request, form, lambda data: workflow.perform(transition.name, actor=request.user, obj=obj, data=data)
    )
