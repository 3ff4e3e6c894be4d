"""Forms of 办文's pages; the services decide (the guard runs there)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.documents.models import Direction, DocPrefix, DocType, DocumentConfig, Urgency
from shuniu.org.models import Unit
from shuniu.org.selectors import leaders

W = {"class": "form-control form-control-sm"}
S = {"class": "form-select form-select-sm"}


def _units() -> Any:
    return Unit.objects.filter(is_active=True).order_by("path")


class ReceiveForm(GuardedFormMixin, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200, widget=forms.TextInput(W))
    source_org = forms.CharField(label=_("来文单位"), max_length=100, widget=forms.TextInput(W))
    source_doc_number = forms.CharField(label=_("来文字号"), max_length=60, required=False, widget=forms.TextInput(W))
    doc_type = forms.ChoiceField(
        label=_("文种"), choices=[("", "—"), *DocType.choices], required=False, widget=forms.Select(S)
    )
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, required=False, widget=forms.Select(S))
    copies = forms.IntegerField(label=_("份数"), min_value=1, max_value=9999, initial=1, widget=forms.NumberInput(W))


class RouteForm(forms.Form):
    """承办: 阅知 to readers, or 批办 with the 拟办意见 to a leader."""

    mode = forms.ChoiceField(
        label=_("承办方式"),
        choices=[("read", _("阅知（分发传阅）")), ("handle", _("批办（拟办送领导批示）"))],
        widget=forms.RadioSelect,
    )
    readers = forms.ModelMultipleChoiceField(
        label=_("传阅人"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.SelectMultiple({**S, "size": 6}),
    )
    proposal = forms.CharField(
        label=_("拟办意见"), max_length=2000, required=False, widget=forms.Textarea({**W, "rows": 3})
    )
    leader = forms.ModelChoiceField(
        label=_("批示领导"), queryset=get_user_model().objects.none(), required=False, widget=forms.Select(S)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True).exclude(unit=None).select_related("unit")
        self.fields["readers"].queryset = people.order_by("unit__path", "real_name")  # type: ignore[attr-defined]
        self.fields["readers"].label_from_instance = lambda u: f"{u.real_name or u.username}（{u.unit.name}）"  # type: ignore[attr-defined]
        self.fields["leader"].queryset = leaders()  # type: ignore[attr-defined]
        self.fields["leader"].label_from_instance = lambda u: u.real_name or u.username  # type: ignore[attr-defined]


class InstructForm(GuardedFormMixin, forms.Form):
    text = forms.CharField(label=_("批示内容"), max_length=2000, widget=forms.Textarea({**W, "rows": 3}))
    lead_unit = forms.ModelChoiceField(
        label=_("主办单位"), queryset=Unit.objects.none(), required=False, widget=forms.Select(S)
    )
    handling_units = forms.ModelMultipleChoiceField(
        label=_("协办单位"), queryset=Unit.objects.none(), required=False, widget=forms.SelectMultiple({**S, "size": 5})
    )
    to_task = forms.BooleanField(label=_("转督办（按批示立项跟踪）"), required=False)
    task_title = forms.CharField(label=_("督办事项名称"), max_length=200, required=False, widget=forms.TextInput(W))
    due_date = forms.DateField(
        label=_("办理时限（空则按紧急程度）"), required=False, widget=forms.DateInput({**W, "type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = _units()
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["handling_units"].queryset = units  # type: ignore[attr-defined]


class OutgoingForm(GuardedFormMixin, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200, widget=forms.TextInput(W))
    doc_type = forms.ChoiceField(
        label=_("文种"), choices=DocType.choices, initial=DocType.NOTICE, widget=forms.Select(S)
    )
    prefix = forms.ModelChoiceField(  # type: ignore[assignment]
        label=_("发文字号"), queryset=DocPrefix.objects.none(), empty_label=None, widget=forms.Select(S)
    )
    direction = forms.ChoiceField(label=_("行文方向"), choices=Direction.choices, widget=forms.Select(S))
    important = forms.BooleanField(label=_("重要公文（须主要负责人签发）"), required=False)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, required=False, widget=forms.Select(S))
    main_recipients = forms.CharField(label=_("主送机关"), max_length=500, required=False, widget=forms.TextInput(W))
    cc = forms.CharField(label=_("抄送机关"), max_length=500, required=False, widget=forms.TextInput(W))
    body = forms.CharField(label=_("正文"), max_length=100_000, widget=forms.Textarea({**W, "rows": 14}))
    attachments_note = forms.CharField(
        label=_("附件说明（每行一个）"), max_length=2000, required=False, widget=forms.Textarea({**W, "rows": 2})
    )
    note = forms.CharField(label=_("附注"), max_length=200, required=False, widget=forms.TextInput(W))
    copies = forms.IntegerField(
        label=_("印发份数"), min_value=0, max_value=100_000, initial=0, widget=forms.NumberInput(W)
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("分发单位（系统内）"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple({**S, "size": 6}),
    )
    countersign_units = forms.ModelMultipleChoiceField(
        label=_("会签单位"), queryset=Unit.objects.none(), required=False, widget=forms.SelectMultiple({**S, "size": 4})
    )
    doc_number = forms.CharField(
        label=_("发文字号（编号时由系统分配）"),
        required=False,
        widget=forms.TextInput({**W, "readonly": "readonly", "placeholder": _("编号时自动分配")}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefix"].queryset = DocPrefix.objects.filter(active=True)  # type: ignore[attr-defined]
        units = _units()
        self.fields["recipients"].queryset = units  # type: ignore[attr-defined]
        self.fields["countersign_units"].queryset = units  # type: ignore[attr-defined]


class EditForm(GuardedFormMixin, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200, widget=forms.TextInput(W))
    body = forms.CharField(label=_("正文"), max_length=100_000, widget=forms.Textarea({**W, "rows": 16}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class SignForm(GuardedFormMixin, forms.Form):
    opinion = forms.CharField(label=_("签发意见"), max_length=500, initial=_("同意"), widget=forms.TextInput(W))
    delegate = forms.BooleanField(label=_("受主要负责人委托代签（署“代”）"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件（.docx）"))


class VoidForm(GuardedFormMixin, forms.Form):
    prefix = forms.ModelChoiceField(  # type: ignore[assignment]
        label=_("发文字号"), queryset=DocPrefix.objects.none(), to_field_name="prefix", widget=forms.Select(S)
    )
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100, widget=forms.NumberInput(W))
    seq = forms.IntegerField(label=_("顺序号"), min_value=1, max_value=10_000_000, widget=forms.NumberInput(W))
    reason = forms.CharField(label=_("作废理由"), max_length=300, widget=forms.TextInput(W))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefix"].queryset = DocPrefix.objects.all()  # type: ignore[attr-defined]


class ConfigForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DocumentConfig
        fields = ["limit_extra", "limit_expedited", "limit_normal", "max_attachment_mb", "receipt_prefix"]
        widgets = {
            f: forms.NumberInput(W) for f in ["limit_extra", "limit_expedited", "limit_normal", "max_attachment_mb"]
        } | {"receipt_prefix": forms.TextInput(W)}


class PrefixForm(GuardedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DocPrefix
        fields = ["prefix", "issuer", "mark", "unit", "principal", "active"]
        widgets = {
            "prefix": forms.TextInput(W),
            "issuer": forms.TextInput(W),
            "mark": forms.TextInput(W),
            "unit": forms.Select(S),
            "principal": forms.Select(S),
        }
