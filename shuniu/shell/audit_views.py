from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuniu.audit.models import AuditRecord
from shuniu.core.access import authorize
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.pagination import CappedPaginator
from shuniu.shell.audit_display import action_choices, action_label, actor_label, object_type_choices, readable
from shuniu.shell.audit_policies import audit_policy

EXPORT_LIMIT = 100_000


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("操作人"), required=False)
    action = forms.ChoiceField(label=_("操作"), required=False)
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = action_choices()  # type: ignore[attr-defined]
        self.fields["object_type"].choices = object_type_choices()  # type: ignore[attr-defined]


def _filtered(request: HttpRequest, form: AuditFilterForm) -> QuerySet[AuditRecord]:
    qs = audit_policy.visible(request.user)
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["actor"]:
        qs = qs.filter(actor_name__icontains=data["actor"])
    if data["action"]:
        qs = qs.filter(action=data["action"])
    if data["object_type"]:
        qs = qs.filter(object_type=data["object_type"])
    tz = timezone.get_current_timezone()
    if data["date_from"]:
        qs = qs.filter(created_at__gte=dt.datetime.combine(data["date_from"], dt.time(), tz))
    if data["date_to"]:
        qs = qs.filter(created_at__lt=dt.datetime.combine(data["date_to"] + dt.timedelta(days=1), dt.time(), tz))
    return qs


def audit_log(request: HttpRequest) -> HttpResponse:
    authorize(audit_policy, request.user, "view")
    form = AuditFilterForm(request.GET or None)
    records = _filtered(request, form)
    if request.GET.get("export") == "xlsx":
        headers = ["序号", "时间", "操作人", "IP", "操作", "对象类型", "对象ID", "对象", "变更", "哈希"]
        rows = (
            (
                r.seq,
                timezone.localtime(r.created_at),
                actor_label(r.actor_name),
                r.ip,
                action_label(r.action),
                r.object_type,
                r.object_id,
                r.object_repr,
                str(r.changes),
                r.hash,
            )
            for r in records[:EXPORT_LIMIT].iterator()
        )
        return xlsx_response(xlsx_bytes(headers, rows, title="审计日志"), "审计日志.xlsx")
    page = CappedPaginator(records, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": readable(page, request.user), "query": request.GET.urlencode()}
    return render(request, "shell/audit_log.html", context)
