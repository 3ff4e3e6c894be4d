"""The 值班日志 page: open items carried from earlier shifts at the top, the log, record / close / raise."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shuniu.core.access import has_perm
from shuniu.core.actions import run_action
from shuniu.core.guard import GuardedFormMixin
from shuniu.duty import log
from shuniu.duty.models import LogEntry
from shuniu.information.models import UrgentEvent


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


@require_POST
def raise_urgent(request: Any, code: str) -> HttpResponse:
    entry = get_object_or_404(LogEntry, code=code)
    post = request.POST
    done: list[Any] = []
    if run_action(
        request,
        None,
        lambda _d: done.append(
            log.entry_to_urgent(
                actor=request.user,
                entry=entry,
                title=post.get("title", ""),
                level=post.get("level", ""),
                place=post.get("place", ""),
            )
        ),
        _("已转紧急信息。"),
    ):
        return redirect(done[0])
    return redirect("duty:log")
