from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.core.models import HolidayOverride
from shuniu.core.workdays import MAX_YEAR, MIN_YEAR


class HolidayOverrideForm(GuardedFormMixin, forms.Form):
    guard_where = "core.holiday"
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("类型"), choices=HolidayOverride.Kind.choices)
    holiday_name = forms.CharField(label=_("节假日名称"), max_length=50, required=False)
    source_notice = forms.CharField(label=_("依据通知"), max_length=200, required=False)

    def clean_date(self) -> object:
        date = self.cleaned_data["date"]
        if not MIN_YEAR <= date.year <= MAX_YEAR:
            raise forms.ValidationError(_("日期超出可计算范围。"))
        return date


class HolidayImportForm(forms.Form):
    file = forms.FileField(label=_("holiday-cn 格式的 JSON 文件"))


class ExplainForm(forms.Form):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}))
    n = forms.IntegerField(label=_("工作日数"), min_value=0, max_value=365)
