"""One check for a coded choice typed by a user or an integrator (a category, a level, a kind)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def check_choice(value: str, choices: type[models.TextChoices], what: str) -> None:
    """A 400 that lists the codes with their Chinese labels when `value` is not one of `choices`."""
    if value not in choices.values:
        keys = "、".join(f"{v}（{label}）" for v, label in choices.choices)
        raise ValidationError(_("%(what)s应为：%(keys)s") % {"what": what, "keys": keys}, code="choice")
