"""Page forms of 办会; the services validate and guard again whatever the entry point."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.meetings.models import Activity, Invitation, Kind, Meeting, MeetingConfig, Outcome, Venue
from shuniu.meetings.rules import RULES
from shuniu.org.models import Unit

LOCAL = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def when(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=LOCAL,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def leader_choices() -> Any:
    from shuniu.org.selectors import leaders

    return leaders()


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("会议名称"), max_length=120)
    kind = forms.ChoiceField(label=_("会议类型"), choices=Kind.choices)
    cost_class = forms.ChoiceField(label=_("会议类别"), choices=Meeting.CostClass.choices, initial="3")
    form = forms.ChoiceField(label=_("会议形式"), choices=Meeting.Form.choices)
    start = when(_("开始时间"))
    end = when(_("结束时间"))
    venue = forms.ModelChoiceField(label=_("会议室"), queryset=Venue.objects.filter(is_active=True), required=False)
    attendee_scope = forms.CharField(label=_("参会范围"), max_length=300)
    attendee_count = forms.IntegerField(label=_("参会人数"), min_value=1, max_value=100000)
    speech_minutes = forms.IntegerField(label=_("主报告时长（分钟）"), min_value=0, max_value=1440, initial=30)
    budget = forms.DecimalField(label=_("经费预算（元）"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    leaders: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("出席领导"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    comprehensive = forms.BooleanField(label=_("综合性工作会议"), required=False)
    group_discussion = forms.BooleanField(label=_("含分组讨论"), required=False)
    in_plan = forms.IntegerField(label=_("年度计划序号（计划内会议填写，即为报备）"), required=False, min_value=1)
    series = forms.CharField(label=_("会议系列（如县委常委会）"), max_length=80, required=False)
    necessity = forms.CharField(label=_("必要性"), widget=forms.Textarea(attrs={"rows": 3}))
    agenda = forms.CharField(label=_("会议议程"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leaders"].queryset = leader_choices()  # type: ignore[attr-defined]

    def justifications(self) -> dict[str, str]:
        """The written justifications typed beside the breaches (why_<rule>), outside the form's own fields."""
        return {rule: str(self.data.get(f"why_{rule}", ""))[:2000] for rule in RULES}


class ActivityForm(forms.Form):
    leader: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("领导"), queryset=None)
    kind = forms.ChoiceField(label=_("类型"), choices=Activity.ActivityKind.choices)
    title = forms.CharField(label=_("事项"), max_length=120)
    start = when(_("开始时间"))
    end = when(_("结束时间"))
    venue = forms.ModelChoiceField(label=_("会议室"), queryset=Venue.objects.filter(is_active=True), required=False)
    location = forms.CharField(label=_("地点"), max_length=120, required=False)
    recurrence = forms.CharField(
        label=_("重复规则（可选）"),
        max_length=200,
        required=False,
        help_text=_("RFC 5545，如 FREQ=WEEKLY;COUNT=6 为每周一次共6次"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leader_choices()  # type: ignore[attr-defined]


class AbsenceForm(forms.Form):
    leader: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("外出领导"), queryset=None)
    start = forms.DateField(label=_("离县日期"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("返县日期"), widget=forms.DateInput(attrs={"type": "date"}))
    destination = forms.CharField(label=_("去向"), max_length=100)
    reason = forms.CharField(label=_("事由"), max_length=200)
    stand_in: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("主持（代理）工作"), queryset=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leader_choices()  # type: ignore[attr-defined]
        self.fields["stand_in"].queryset = leader_choices()  # type: ignore[attr-defined]


SELECT = {"class": "form-select form-select-sm"}
INPUT = {"class": "form-control form-control-sm"}


class InviteForm(forms.Form):
    users = forms.CharField(
        label=_("参会人员账号（以逗号或空格分隔）"), max_length=2000, widget=forms.TextInput(attrs=INPUT)
    )


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("回执"),
        choices=[c for c in Invitation.Reply.choices if c[0] != "pending"],
        widget=forms.Select(attrs=SELECT),
    )
    deputy_name = forms.CharField(
        label=_("参会人（委派时）"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": _("委派参会人姓名")}),
    )
    reason = forms.CharField(
        label=_("请假事由"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={**INPUT, "placeholder": _("请假事由")}),
    )


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Outcome.OutcomeKind.choices, widget=forms.Select(attrs=SELECT))
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={**INPUT, "rows": 2}))
    lead_unit = forms.ModelChoiceField(
        label=_("牵头单位"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    due_workdays = forms.IntegerField(
        label=_("办理时限（工作日）"), min_value=1, max_value=750, required=False, widget=forms.NumberInput(attrs=INPUT)
    )


class ConfigForm(forms.ModelForm[MeetingConfig]):
    class Meta:
        model = MeetingConfig
        fields = [
            "max_county_wide",
            "max_department",
            "max_hours",
            "max_group_days",
            "max_speech_minutes",
            "max_comprehensive_per_year",
            "meeting_free_week",
            "quota_class1",
            "quota_class2",
            "quota_class3",
            "approval_chain",
            "issuer",
        ]
