from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from shuniu.core.guard import GuardedFormMixin
from shuniu.org.models import Role, Unit, User


class UnitForm(GuardedFormMixin, forms.ModelForm[Unit]):
    guard_where = "org.unit"

    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "parent", "sort_order"]

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["parent"].queryset = units  # type: ignore[attr-defined]


class UserForm(GuardedFormMixin, forms.ModelForm[User]):
    guard_where = "org.user"

    class Meta:
        model = User
        fields = ["username", "real_name", "unit", "position", "phone", "email", "is_active"]

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("初始密码"), widget=forms.PasswordInput, help_text=_("至少10位，包含三类字符，不含登录名。")
    )

    class Meta(UserForm.Meta):
        fields = ["username", "real_name", "unit", "position", "phone", "email"]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("角色"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [  # type: ignore[attr-defined]
            (r.slug, f"{r.group.name}（{r.get_scope_display()}）") for r in Role.objects.select_related("group")
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）或 CSV 文件（UTF-8 或 GBK）"))


class TokenForm(GuardedFormMixin, forms.Form):
    guard_where = "core.apitoken"
    name = forms.CharField(label=_("令牌用途"), max_length=100)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput)
    new_password1 = forms.CharField(
        label=_("新密码"), widget=forms.PasswordInput, help_text=_("至少10位，包含三类字符，不含登录名。")
    )
    new_password2 = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        value: str = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError(_("当前密码不正确。"))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        elif p1:
            if p1 == cleaned.get("old_password"):
                self.add_error("new_password1", _("新密码不能与当前密码相同。"))
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return cleaned
