"""The 值班日志 page: open items carried from earlier shifts at the top, the log, record / close / raise to urgent
information, a supervision task or a citizen request."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shuniu.core.access import has_perm
from shuniu.core.actions import run_action
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.workdays import add_workdays
from shuniu.duty import log
from shuniu.duty.models import LogEntry
from shuniu.information.models import UrgentEvent
from shuniu.org.models import Unit

REQUEST_TYPES = [
    ("help", gettext_lazy("求助")),
    ("complaint", gettext_lazy("投诉")),
    ("consult", gettext_lazy("咨询")),
    ("suggestion", gettext_lazy("建议")),
    ("report", gettext_lazy("举报")),
]


class TaskRaiseForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("事项名称"), max_length=200)
    lead_unit = forms.ModelChoiceField(
        label=gettext_lazy("牵头单位"), queryset=Unit.objects.order_by("sort_order", "id")
    )
    due_date = forms.DateField(label=gettext_lazy("办结时限"))


class EntryForm(GuardedFormMixin, forms.Form):
    guard_where = "duty.log"
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=LogEntry.Kind.choices)
    at = forms.DateTimeField(label=gettext_lazy("时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    unit = forms.CharField(label=gettext_lazy("来电（来访）单位"), max_length=100, required=False)
    caller = forms.CharField(label=gettext_lazy("来电（来访）人"), max_length=50, required=False)
    content = forms.CharField(label=gettext_lazy("内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    handling = forms.CharField(
        label=gettext_lazy("处理情况"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select" if name == "kind" else "form-control")


def page(request: Any) -> HttpResponse:
    user = request.user
    if not has_perm(user, log.KEEP):
        raise PermissionDenied
    form = EntryForm(request.POST or None, user=user, initial={"at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    if request.method == "POST" and run_action(
        request, form, lambda d: log.entry_create(actor=user, **d), _("已记入值班日志。")
    ):
        return redirect("duty:log")
    entries = LogEntry.objects.select_related("recorded_by")
    context = {
        "form": form,
        "open": list(entries.filter(status=LogEntry.Status.OPEN).order_by("at")[:100]),
        "recent": list(entries.filter(status=LogEntry.Status.CLOSED)[:50]),
        "levels": UrgentEvent.UrgentLevel.choices,
        "may_task": has_perm(user, "supervision.manage_task"),
        "may_request": has_perm(user, "governance.dispatch_request"),
        "units": Unit.objects.order_by("sort_order", "id").only("id", "name"),
        "request_types": REQUEST_TYPES,
        "due": add_workdays(timezone.localdate(), 10),
    }
    return render(request, "duty/log.html", context)


@require_POST
def close(request: Any, code: str) -> HttpResponse:
    entry = get_object_or_404(LogEntry, code=code)
    run_action(
        request,
        None,
        lambda _d: log.entry_close(actor=request.user, entry=entry, handling=request.POST.get("handling", "")),
        _("已办结 %(c)s。") % {"c": entry.code},
    )
    return redirect("duty:log")


RAISE_OK = {
    "urgent": gettext_lazy("已转紧急信息。"),
    "task": gettext_lazy("已转督办。"),
    "request": gettext_lazy("已转群众诉求。"),
}


def _raise(kind: str, request: Any, entry: LogEntry, data: dict[str, Any]) -> Any:
    post, actor = request.POST, request.user
    if kind == "urgent":
        return log.entry_to_urgent(
            actor=actor,
            entry=entry,
            title=post.get("title", ""),
            level=post.get("level", ""),
            place=post.get("place", ""),
        )
    if kind == "task":
        return log.entry_to_task(actor=actor, entry=entry, **data)
    return log.entry_to_request(
        actor=actor,
        entry=entry,
        title=post.get("title", ""),
        request_type=post.get("request_type", ""),
        phone=post.get("phone", ""),
    )


@require_POST
def raise_item(request: Any, code: str, kind: str) -> HttpResponse:
    """转紧急信息 / 转督办 / 转群众诉求 in one action; the new item's page on success."""
    if kind not in RAISE_OK:
        raise Http404
    entry = get_object_or_404(LogEntry, code=code)
    form = TaskRaiseForm(request.POST) if kind == "task" else None
    done: list[Any] = []
    if run_action(request, form, lambda d: done.append(_raise(kind, request, entry, d)), str(RAISE_OK[kind])):
        return redirect(done[0])
    return redirect("duty:log")
