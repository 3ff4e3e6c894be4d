from __future__ import annotations

import datetime as dt

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
    file = forms.FileField(
        label=_("文件"),
        help_text=_("holiday-cn 格式的 JSON，或 Excel/CSV 表（列：日期、类型〔休息/上班〕、节假日名称）。"),
    )


class HolidayPeriodForm(GuardedFormMixin, forms.Form):
    """One holiday of the State Council's notice: 放假 from … to …, 调休上班 on the listed days."""

    guard_where = "core.holiday"
    holiday_name = forms.CharField(label=_("节假日名称"), max_length=50)
    first_day = forms.DateField(label=_("放假起"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("放假止"), widget=forms.DateInput(attrs={"type": "date"}))
    makeup_days = forms.CharField(
        label=_("调休上班日期"), required=False, help_text=_("多个日期用逗号或空格分隔，如 2027-02-06 2027-02-20")
    )
    source_notice = forms.CharField(label=_("依据通知"), max_length=200, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if isinstance(first, dt.date) and isinstance(last, dt.date):
            if not MIN_YEAR <= first.year <= MAX_YEAR or not MIN_YEAR <= last.year <= MAX_YEAR:
                raise forms.ValidationError(_("日期超出可计算范围。"))
            if last < first or (last - first).days > 30:
                raise forms.ValidationError(_("放假止日须在起日之后，且一次不超过31天。"))
        days = []
        for part in str(data.get("makeup_days") or "").replace("，", ",").replace(",", " ").split():
            try:
                days.append(dt.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    _("调休上班日期“%(v)s”无法识别（应为 2027-02-20）。") % {"v": part[:20]}
                ) from None
        data["makeup_days"] = days
        return data


class ExplainForm(forms.Form):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}))
    n = forms.IntegerField(label=_("工作日数"), min_value=0, max_value=365)


def posted_date(text: str) -> dt.date:
    """A date typed into a plain form field (YYYY-MM-DD), or a Chinese ValidationError: for the pages whose small
    inline forms are read straight from POST."""
    from django.core.exceptions import ValidationError

    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise ValidationError(_("请填写日期。"), code="date") from exc
