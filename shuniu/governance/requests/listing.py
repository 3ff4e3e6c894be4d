"""The request list's search, filters, sort and export: the same visible queryset for the page and the file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuniu.core.crypto import blind_index
from shuniu.core.listing import Column
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR
from shuniu.governance.models import Category, Channel, CitizenRequest
from shuniu.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"})
SORTS = {
    "code": "code",
    "created": "created_at",
    "due": "due_date",
    "unit": "handling_unit__name",
    "status": "status",
}


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=_("编号或标题"), required=False, max_length=100)
    phone = forms.CharField(label=_("电话（全号或后四位）"), required=False, max_length=20)
    caller = forms.CharField(label=_("诉求人"), required=False, max_length=50)
    status = forms.CharField(label=_("状态"), required=False, max_length=100)
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Unit.objects.none(), required=False)
    channel = forms.ChoiceField(label=_("渠道"), choices=[("", _("全部渠道")), *Channel.choices], required=False)
    category = forms.ModelChoiceField(label=_("类别"), queryset=Category.objects.none(), required=False)
    received_from = forms.DateField(label=_("受理日期从"), required=False, widget=DATE)
    received_to = forms.DateField(label=_("到"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWN], is_active=True
        ).order_by("path")
        self.fields["category"].queryset = Category.objects.order_by("name")  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)

    def _day(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        if day and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise forms.ValidationError(_("日期超出可计算范围。"))
        return day

    def clean_received_from(self) -> dt.date | None:
        return self._day("received_from")

    def clean_received_to(self) -> dt.date | None:
        return self._day("received_to")


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), timezone.get_current_timezone())


def apply_filters(qs: QuerySet[CitizenRequest], data: dict[str, Any]) -> QuerySet[CitizenRequest]:
    """The form's filters on an already visible queryset (bad input was dropped by the form)."""
    if data.get("status"):
        qs = qs.filter(status__in=str(data["status"]).split(","))
    q = (data.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(title__icontains=q) | Q(tracking_code=q.upper()))
    phone = "".join(ch for ch in (data.get("phone") or "") if ch.isdigit())
    if len(phone) == 4:
        qs = qs.filter(phone_last4=phone)
    elif phone:  # the full number is never stored in clear: its blind index finds it
        qs = qs.filter(phone_index=blind_index(phone, purpose="phone"))
    if data.get("caller"):
        qs = qs.filter(citizen_name__icontains=data["caller"].strip())
    if data.get("unit"):
        qs = qs.filter(handling_unit=data["unit"])
    if data.get("channel"):
        qs = qs.filter(channel=data["channel"])
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    if data.get("received_from"):
        qs = qs.filter(created_at__gte=_at(data["received_from"]))
    if data.get("received_to"):
        qs = qs.filter(created_at__lt=_at(data["received_to"] + dt.timedelta(days=1)))
    return qs


COLUMNS = [
    Column(_("编号"), "code"),
    Column(_("受理时间"), "created_at"),
    Column(_("渠道"), "channel"),
    Column(_("类型"), "request_type"),
    Column(_("类别"), "category.name"),
    Column(_("标题"), "title"),
    Column(_("诉求人"), lambda r: "" if r.anonymous else r.citizen_name),
    Column(_("电话"), "phone_masked"),  # masked in every export: the full number is shown one audited view at a time
    Column(_("所在地"), "town.name"),
    Column(_("承办单位"), "handling_unit.name"),
    Column(_("派单时间"), "dispatched_at"),
    Column(_("办理期限"), "due_date"),
    Column(_("状态"), "status"),
    Column(_("满意度"), "satisfaction"),
    Column(_("解决情况"), "resolution"),
]
