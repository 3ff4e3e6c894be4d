from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.leave.models import Kind, LeaveConfig, LeaveVariant, StaffProfile

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class LeaveForm(GuardedFormMixin, forms.Form):
    guard_where = "leave.request"
    kind = forms.ChoiceField(label=_("假期类型"), choices=Kind.choices)
    variant = forms.ModelChoiceField(
        label=_("情形"), queryset=LeaveVariant.objects.select_related("leave_type"), required=False
    )
    start_date = forms.DateField(label=_("开始日期"), widget=DATE)
    days = forms.DecimalField(
        label=_("天数"), min_value=Decimal("0.5"), max_value=400, decimal_places=1, initial=1, step_size=Decimal("0.5")
    )
    reason = forms.CharField(label=_("事由"), max_length=300, required=False)
    destination = forms.CharField(label=_("去向"), max_length=100, required=False)
    certificate = forms.FileField(label=_("证明材料"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in ("start_date",):
                field.widget.attrs.setdefault("class", "form-select" if name in ("kind", "variant") else "form-control")


class ProfileForm(forms.ModelForm[StaffProfile]):
    class Meta:
        model = StaffProfile
        fields = ["service_start", "break_months", "has_school_vacation", "clock_id", "married", "youngest_child_birth"]
        widgets = {"service_start": DATE, "youngest_child_birth": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in ("has_school_vacation", "married"):
                field.widget.attrs.setdefault("class", "form-control")


class LeaveConfigForm(forms.ModelForm[LeaveConfig]):
    class Meta:
        model = LeaveConfig
        exclude: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
