from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.information.models import (
    Commission,
    InfoItem,
    InformationConfig,
    Level,
    MustReportType,
    Periodical,
    UrgentEvent,
    UrgentReport,
)
from shuniu.org.models import Unit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ItemForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000)
    category = forms.ChoiceField(label=_("类别"), choices=InfoItem.Category.choices)
    must_report_type = forms.ModelChoiceField(
        label=_("必报类型"), queryset=MustReportType.objects.filter(is_active=True), required=False
    )
    event_time = forms.DateTimeField(
        label=_("事件时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class NewItemForm(ItemForm):
    commission = forms.ModelChoiceField(label=_("回复约稿"), queryset=Commission.objects.none(), required=False)
    attachments = MultipleFileField(label=_("附件"), required=False, widget=MultipleFileInput())

    def __init__(self, *args: Any, commissions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if commissions is not None:
            self.fields["commission"].queryset = commissions  # type: ignore[attr-defined]


SMALL_SELECT = {"class": "form-select form-select-sm mb-1"}
SMALL_INPUT = {"class": "form-control form-control-sm mb-1"}


class AdoptForm(forms.Form):
    level = forms.ChoiceField(label=_("采用层级"), choices=Level.choices, widget=forms.Select(attrs=SMALL_SELECT))
    periodical = forms.CharField(
        label=_("刊物"), max_length=60, initial="信息快报", widget=forms.TextInput(attrs=SMALL_INPUT)
    )


class InstructionForm(forms.Form):
    level = forms.ChoiceField(label=_("批示层级"), choices=Level.choices, widget=forms.Select(attrs=SMALL_SELECT))
    leader = forms.CharField(
        label=_("批示领导"), max_length=50, widget=forms.TextInput(attrs={**SMALL_INPUT, "placeholder": _("批示领导")})
    )
    text = forms.CharField(
        label=_("批示内容"),
        widget=forms.Textarea(attrs={**SMALL_INPUT, "rows": 3, "placeholder": _("批示内容")}),
        max_length=5000,
    )


class CommissionForm(forms.Form):
    topic = forms.CharField(label=_("约稿主题"), max_length=200)
    description = forms.CharField(label=_("要求"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    workdays = forms.IntegerField(label=_("限期（工作日）"), min_value=1, max_value=60, initial=5)
    units = forms.ModelMultipleChoiceField(
        label=_("约稿单位"),
        queryset=Unit.objects.filter(is_active=True),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class CompileForm(forms.Form):
    periodical = forms.ModelChoiceField(label=_("刊物"), queryset=Periodical.objects.filter(is_active=True))
    codes = forms.CharField(label=_("信息编号（按刊出顺序，每行一个）"), widget=forms.Textarea(attrs={"rows": 8}))

    def clean_codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["codes"].replace(",", "\n").splitlines() if c.strip()]


class EventForm(forms.Form):
    title = forms.CharField(label=_("事件名称"), max_length=200)
    level = forms.ChoiceField(label=_("等级"), choices=UrgentEvent.UrgentLevel.choices)
    occurred_at = forms.DateTimeField(label=_("发生时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("地点"), max_length=200)
    summary = forms.CharField(label=_("简要情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("报告类型"), choices=UrgentReport.Kind.choices)
    channel = forms.ChoiceField(label=_("方式"), choices=UrgentReport.Channel.choices)
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)


class ConfigForm(forms.ModelForm[InformationConfig]):
    class Meta:
        model = InformationConfig
        fields = [
            "points_county",
            "points_city",
            "points_province",
            "points_central",
            "instruction_county",
            "instruction_city",
            "instruction_province",
            "instruction_central",
            "keep_points_out_of_assessment",
            "assessment_rate",
            "assessment_cap",
            "follow_up_slots",
            "issuer",
            "duplicate_days",
        ]
