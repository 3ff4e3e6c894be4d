"""The one way a page runs a POSTed action: validate the form, call the service, report in messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def run_action(request: HttpRequest, form: forms.BaseForm | None, call: Callable[[dict[str, Any]], Any]) -> bool:
    """Validate `form` (when there is one), then `call(cleaned_data)`; every error becomes a message.

    Returns True when the action was carried out. Errors never crash the page and nothing is written on error:
    the services validate before they write."""
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return False
    try:
        call(form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, _("操作成功。"))
    return True
