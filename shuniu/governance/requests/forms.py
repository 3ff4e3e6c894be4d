from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.governance.models import Category, Channel, CitizenRequest, GovernanceConfig, RequestType, Urgency
from shuniu.governance.smart.categories import find_categories
from shuniu.org.models import Unit


class CategoryPicker(forms.Select):
    """The subject level of the two-level picker (type × subject): every active category, searchable by its name and
    its keywords (Tom Select reads them from data-data)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"data-picker": "category", "data-placeholder": _("如：供暖、电梯、欠薪"), **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        categories = list(Category.objects.filter(is_active=True).order_by("name").values_list("name", "keywords"))
        self.choices = [("", "")] + [(n, n) for n, _k in categories]
        self._keywords = dict(categories)
        return super().get_context(name, value, attrs)

    def create_option(
        self,
        name: str,
        value: Any,
        label: int | str,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["data-data"] = json.dumps(
                {"keywords": getattr(self, "_keywords", {}).get(value, "")}, ensure_ascii=False
            )
        return option


class IntakeForm(GuardedFormMixin, forms.Form):
    """The operator's phone-call form: every field reachable by Tab, submitted with Ctrl+Enter."""

    guard_where = "governance.intake"
    phone = forms.CharField(
        label=_("来电号码"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "off"}),
    )
    citizen_name = forms.CharField(label=_("诉求人"), max_length=50, required=False)
    anonymous = forms.BooleanField(label=_("匿名"), required=False)
    request_type = forms.ChoiceField(
        label=_("诉求类型"),
        choices=RequestType.choices,
        initial=RequestType.COMPLAINT,
        widget=forms.RadioSelect(attrs={"class": "type-choice"}),
    )
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    category = forms.CharField(
        label=_("诉求事项类别（输入名称或关键词搜索）"),
        max_length=50,
        required=False,
        widget=CategoryPicker(),
    )
    title = forms.CharField(label=_("标题"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    content = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 4}))
    address = forms.CharField(label=_("地点"), max_length=200, required=False)
    town = forms.ModelChoiceField(
        label=_("乡镇街道"), required=False, queryset=Unit.objects.filter(kind=Unit.Kind.TOWN).order_by("path")
    )
    dispatch_to = forms.ModelChoiceField(
        label=_("派往单位"), required=False, queryset=Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).order_by("path")
    )

    def clean_category(self) -> Category | None:
        """The chosen category; a typed name or keyword is accepted when it points to one category (near matches
        included: 供暖 → 供暖燃气)."""
        name = self.cleaned_data.get("category", "").strip()
        if not name:
            return None
        category = Category.objects.filter(name=name, is_active=True).first()
        if category is not None:
            return category
        found = find_categories(name, limit=2)
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(
                _("“%(q)s”可能是：%(names)s，请从列表中选择。")
                % {"q": name[:20], "names": "、".join(c.name for c in found)}
            )
        raise forms.ValidationError(_("没有这个类别，请从列表中选择。"))


class ReplyForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.reply"
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 3}))
    publish = forms.BooleanField(label=_("在门户公开答复（隐去个人信息）"), required=False)
    attachment = forms.FileField(label=_("附件"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        attachment = cleaned.pop("attachment", None)
        cleaned["attachments"] = [attachment] if attachment else []
        return cleaned


class CallbackForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("满意度"), choices=CitizenRequest.Satisfaction.choices, widget=forms.RadioSelect
    )
    resolution = forms.ChoiceField(
        label=_("解决情况"), choices=CitizenRequest.Resolution.choices, widget=forms.RadioSelect
    )


class RejectForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.reject"
    reason = forms.CharField(label=_("不予受理的理由"), max_length=300)
    advice = forms.CharField(label=_("建议的办理途径（用群众听得懂的话）"), max_length=300)


class DispatchForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("派往单位"),
        queryset=Unit.objects.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWN]).order_by("path"),
    )


class DuplicateForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.duplicate"
    original = forms.CharField(label=_("重复于（工单编号）"), max_length=20)

    def clean_original(self) -> CitizenRequest:
        from shuniu.governance.requests.policies import request_policy

        code = self.cleaned_data["original"].strip()
        found = request_policy.visible(self.guard_user).filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("没有这个工单编号。"))
        return found


class ExtensionForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.extension"
    requested_due_date = forms.DateField(label=_("申请延至"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("理由"), max_length=300)


def channel_choices() -> list[tuple[str, Any]]:
    return list(Channel.choices)


def _limit_field(request_type: str, urgency: str) -> str:
    return f"limit__{request_type}__{urgency}"


class RulesForm(forms.ModelForm[GovernanceConfig]):
    """The county's request rules and the time-limit table (working days per type and urgency), on one page."""

    class Meta:
        model = GovernanceConfig
        fields = [f.name for f in GovernanceConfig._meta.fields if f.name != "id"]

    def __init__(self, *args: Any, limits: dict[tuple[str, str], int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for (request_type, urgency), days in limits.items():
            self.fields[_limit_field(request_type, urgency)] = forms.IntegerField(
                label=_("时限：%(type)s · %(urgency)s（工作日，0为当日）")
                % {"type": RequestType(request_type).label, "urgency": Urgency(urgency).label},
                min_value=0,
                max_value=60,
                initial=days,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = [data.get(name) for name in ("weight_response", "weight_resolution", "weight_satisfaction")]
        if all(w is not None for w in weights) and sum(weights) != 1:  # type: ignore[arg-type]
            raise forms.ValidationError(_("响应率、解决率、满意率三项权重之和必须等于1。"))
        return data

    def limits(self) -> dict[tuple[str, str], int]:
        """The time limits as entered."""
        return {
            (t, u): self.cleaned_data[_limit_field(t, u)]
            for t in RequestType.values
            for u in Urgency.values
            if _limit_field(t, u) in self.cleaned_data
        }
