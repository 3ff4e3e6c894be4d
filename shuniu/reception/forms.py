"""Forms of 公务接待: the 公函 with its 审批单 in one page, a guest, a line of the 接待清单."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.org.models import Unit
from shuniu.reception.models import Item, RankStandard

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Styled(GuardedFormMixin, forms.Form):
    guard_where = "reception"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field, forms.ChoiceField)
            field.widget.attrs.setdefault("class", "form-select" if select else "form-control")


class ApplyForm(Styled):
    sending_unit = forms.CharField(label=_("来函单位"), max_length=100)
    doc_number = forms.CharField(label=_("来函文号"), max_length=60, required=False)
    guests = forms.CharField(
        label=_("来访人员（每行一人：姓名 职务）"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    guest_count = forms.IntegerField(label=_("来访人数"), min_value=1, max_value=500)
    start_date = forms.DateField(label=_("来访开始日期"), widget=DATE)
    end_date = forms.DateField(label=_("来访结束日期"), widget=DATE)
    activities = forms.CharField(label=_("公务活动内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("公函扫描件"), required=False)
    host_unit = forms.ModelChoiceField(label=_("接待单位"), queryset=Unit.objects.order_by("sort_order", "id"))
    purpose = forms.CharField(label=_("接待事由"), max_length=200)
    planned_guests = forms.IntegerField(label=_("接待对象人数"), min_value=1, max_value=500)
    planned_accompanying = forms.IntegerField(label=_("陪餐人数"), min_value=0, max_value=500, initial=0)
    planned_meals = forms.IntegerField(label=_("工作餐次数"), min_value=0, max_value=50, initial=1)
    budget = forms.DecimalField(label=_("经费预算（元）"), min_value=0, max_digits=10, decimal_places=2, initial=0)


class GuestForm(Styled):
    name = forms.CharField(label=_("姓名"), max_length=30)
    unit = forms.CharField(label=_("单位"), max_length=100)
    position = forms.CharField(label=_("职务"), max_length=60, required=False)
    rank = forms.ModelChoiceField(label=_("职级"), queryset=RankStandard.objects.all(), required=False)


class ItemForm(Styled):
    kind = forms.ChoiceField(label=_("项目"), choices=Item.Kind.choices)
    date = forms.DateField(label=_("日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=100)
    content = forms.CharField(label=_("内容"), max_length=200)
    guests = forms.IntegerField(label=_("接待对象人数"), min_value=0, max_value=500, initial=0)
    accompanying = forms.IntegerField(label=_("陪同（陪餐）人数"), min_value=0, max_value=500, initial=0)
    nights = forms.IntegerField(label=_("间夜数"), min_value=0, max_value=500, initial=0)
    cost = forms.DecimalField(label=_("费用（元）"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    payment = forms.ChoiceField(label=_("结算方式"), choices=Item.Payment.choices)
