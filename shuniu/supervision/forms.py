from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.core.periods import parse_month
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR
from shuniu.org.models import Unit, User
from shuniu.org.selectors import leaders
from shuniu.supervision.models import Commendation, Instruction, Light, Source, SupervisionConfig, Task

DATE = forms.DateInput(attrs={"type": "date"})


def _check_year(value: dt.date | None) -> dt.date | None:
    if value and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise forms.ValidationError(_("日期超出可计算范围。"))
    return value


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False)
    light = forms.ChoiceField(
        label=_("亮灯"), required=False, choices=[("", _("全部亮灯")), *Light.choices, ("yellow,red", _("黄灯和红灯"))]
    )
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *Task.Status.choices])
    source = forms.ChoiceField(label=_("来源"), required=False, choices=[("", _("全部来源")), *Source.choices])
    unit = forms.ChoiceField(label=_("单位（牵头或配合）"), required=False)
    leader = forms.ChoiceField(label=_("责任领导"), required=False)
    area = forms.CharField(label=_("领域"), required=False)
    due_after = forms.DateField(label=_("截止日期从"), required=False, widget=DATE)
    due_before = forms.DateField(label=_("截止日期到"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].choices = [  # type: ignore[attr-defined]
            ("", _("全部责任领导")),
            *((u.username, u.real_name or u.username) for u in leaders()),
        ]
        units = Unit.objects.filter(is_active=True).exclude(kind=Unit.Kind.GRID).order_by("path")
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", _("全部单位")),
            *((str(u.code), unit_label(u)) for u in units.only("code", "name", "depth")),
        ]
        self.fields["unit"].widget.attrs.update({"data-picker": "unit", "data-placeholder": _("输入单位名称搜索")})
        for name in ("light", "status", "source", "leader", "unit"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def clean_due_after(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("due_after"))

    def clean_due_before(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("due_before"))


def unit_label(unit: Unit) -> str:
    """A unit as the tree picker shows it: indented by its depth, so the list reads as the tree and searches by name."""
    return "\u3000" * max(unit.depth - 1, 0) + unit.name


class MilestoneForm(forms.Form):
    """One row of the milestones table (节点): date, what is done by then, the planned progress."""

    date = forms.DateField(label=_("节点日期"), widget=DATE)
    description = forms.CharField(label=_("节点内容"), max_length=200)
    planned_progress = forms.IntegerField(label=_("计划进度%"), min_value=0, max_value=100)

    def clean_date(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("date"))


class BaseMilestoneFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(self.errors):
            return
        rows = sorted(
            (f.cleaned_data["date"], f.cleaned_data["planned_progress"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        if any(b[1] < a[1] for a, b in itertools.pairwise(rows)):
            raise forms.ValidationError(_("节点的计划进度应随日期递增。"))

    def rows(self) -> list[tuple[dt.date, str, int]]:
        return [
            (f.cleaned_data["date"], f.cleaned_data["description"], f.cleaned_data["planned_progress"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


MilestoneFormSet = forms.formset_factory(
    MilestoneForm, formset=BaseMilestoneFormSet, extra=1, can_delete=True, max_num=50, validate_max=True
)


class TaskForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.task"
    title = forms.CharField(label=_("标题"), max_length=200)
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices)
    source_ref = forms.CharField(label=_("来源依据（文号、批示、领导）"), max_length=300, required=False)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(label=_("配合单位"), queryset=Unit.objects.none(), required=False)
    leader = forms.ModelChoiceField(label=_("责任领导"), queryset=User.objects.none(), required=False)
    start_date = forms.DateField(label=_("开始日期"), widget=DATE)
    due_date = forms.DateField(label=_("截止日期"), widget=DATE)
    report_cycle = forms.ChoiceField(label=_("报送周期"), choices=Task.Cycle.choices, initial=Task.Cycle.MONTHLY)
    area_tags = forms.CharField(label=_("领域标签（用顿号分隔）"), required=False)
    requirements = forms.CharField(label=_("工作要求"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True).exclude(kind__in=[Unit.Kind.GRID]).order_by("path")
        for name in ("lead_unit", "co_units"):
            field = self.fields[name]
            field.queryset = units  # type: ignore[attr-defined]
            field.label_from_instance = unit_label  # type: ignore[attr-defined]
            field.empty_label = ""  # type: ignore[attr-defined]  # the picker shows its placeholder instead
            field.widget.attrs.update({"data-picker": "unit", "data-placeholder": _("输入单位名称搜索")})
        leader = self.fields["leader"]
        leader.queryset = leaders()  # type: ignore[attr-defined]
        leader.empty_label = ""  # type: ignore[attr-defined]
        leader.label_from_instance = lambda u: f"{u.real_name}（{u.position or u.unit}）"  # type: ignore[attr-defined]
        leader.widget.attrs.update({"data-picker": "person", "data-placeholder": _("输入姓名搜索")})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        _check_year(start)
        _check_year(due)
        if start and due and due < start:
            self.add_error("due_date", _("截止日期不能早于开始日期。"))
        return cleaned


class PushForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.push"
    kind = forms.ChoiceField(label=_("发送"), choices=[("cuiban", _("催办通知")), ("duban", _("督办单"))])
    reason = forms.CharField(label=_("附言"), max_length=300, required=False)


class ReportForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.report"
    progress = forms.IntegerField(label=_("完成进度%"), min_value=0, max_value=100)
    done = forms.CharField(label=_("工作进展"), widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    next_steps = forms.CharField(label=_("下步打算"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    attachment = forms.FileField(label=_("附件"), required=False)


class CloseRequestForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.close"
    done = forms.CharField(label=_("办结情况"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label=_("附件"), required=False)


class CommentForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.comment"
    comment = forms.CharField(label=_("意见或理由"), max_length=300, required=False)


class ExtensionForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.extension"
    requested_due_date = forms.DateField(label=_("申请延至"), widget=DATE)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_requested_due_date(self) -> dt.date | None:
        return _check_year(self.cleaned_data.get("requested_due_date"))


class OverrideForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.override"
    light = forms.ChoiceField(
        label=_("调整为"),
        choices=[
            ("", _("取消人工调整")),
            (Light.GREEN, Light.GREEN.label),
            (Light.YELLOW, Light.YELLOW.label),
            (Light.RED, Light.RED.label),
        ],
        required=False,
    )
    reason = forms.CharField(label=_("理由（必填）"), max_length=300)


class ResearchForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.research"
    report = forms.FileField(label=_("调研报告"), required=False)
    adopted_suggestions = forms.CharField(
        label=_("采纳的建议（金点子），每行一条"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class InstructionForm(GuardedFormMixin, forms.ModelForm[Instruction]):
    guard_where = "supervision.instruction"

    class Meta:
        model = Instruction
        fields = ["document_title", "doc_number", "leader_name", "text", "instructed_on", "urgency", "for_reading_only"]
        widgets = {"instructed_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}


class InstructionTaskForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.instruction"
    title = forms.CharField(label=_("事项标题"), max_length=200)
    lead_unit = forms.ModelChoiceField(
        label=_("牵头单位"), queryset=Unit.objects.filter(is_active=True).order_by("path")
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), required=False, queryset=Unit.objects.filter(is_active=True).order_by("path")
    )
    due_date = forms.DateField(label=_("截止日期（留空按时限表计算）"), required=False, widget=DATE)


class CommendationForm(GuardedFormMixin, forms.ModelForm[Commendation]):
    guard_where = "supervision.commendation"

    class Meta:
        model = Commendation
        fields = ["unit", "level", "awarded_on", "reason"]
        widgets = {"awarded_on": DATE}


class ConfigForm(forms.ModelForm[SupervisionConfig]):
    class Meta:
        model = SupervisionConfig
        fields = [f.name for f in SupervisionConfig._meta.fields if f.name not in {"id", "updated_at"}]


class BulletinIssueForm(GuardedFormMixin, forms.Form):
    guard_where = "supervision.bulletin"
    month = forms.CharField(label=_("月份（如 2026-11）"), max_length=7)
    reason = forms.CharField(label=_("更正理由（再次印发同一月份时填写）"), max_length=300, required=False)

    def clean_month(self) -> dt.date:
        try:
            month = parse_month(self.cleaned_data["month"])
        except ValueError as exc:
            raise forms.ValidationError(_("月份格式应为 2026-05。")) from exc
        return _check_year(month) or month
