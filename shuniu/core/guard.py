"""Applies the classification guard to form fields, API payloads, imports and uploads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.audit.context import current_ip
from shuniu.core.classification import find_marking, find_marking_in_file
from shuniu.core.models import ClassificationRefusal

ALLOWED_UPLOAD_SUFFIXES = {
    ".pdf",
    ".docx",
    ".xlsx",
    ".doc",
    ".xls",
    ".wps",
    ".et",
    ".ofd",
    ".txt",
    ".csv",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".zip",
    ".mp3",
    ".mp4",
    ".amr",
}


class ClassifiedContentError(ValidationError):
    """Raised when text carries a national-secret marking."""


def _log_refusal(*, user: Any, where: str, marking: str, text: str) -> None:
    position = max(text.find(marking[:1]), 0)
    excerpt = text[max(position - 20, 0) : position + 40]
    actor = user if getattr(user, "is_authenticated", False) else None
    ClassificationRefusal.objects.create(
        user=actor,
        username=getattr(actor, "username", ""),
        ip=current_ip(),
        where=where[:200],
        marking=marking[:40],
        excerpt=excerpt[:120],
    )
    audit.record(
        actor=actor,
        action="classification_refused",
        object_type="core.classificationrefusal",
        object_repr=where[:200],
        changes={"marking": [None, marking]},
    )


# Control characters other than tab, newline and carriage return, and unpaired surrogates: nothing a person types.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def refuse_marked(values: Iterable[tuple[str, str | None]], *, user: Any, where: str) -> None:
    """Refuse (and log for the 安全管理员) the first (label, text) pair that carries a marking; refuse control
    characters too (every service passes every user-typed text through here, whatever the entry point)."""
    values = list(values)
    for label, text in values:
        if text and _CONTROL.search(text):
            raise ValidationError(
                _("“%(field)s”中含有不可见的控制字符，请删除后再提交。") % {"field": label}, code="control_character"
            )
    for label, text in values:
        marking = find_marking(text)
        if marking:
            _log_refusal(user=user, where=f"{where} · {label}", marking=marking, text=text or "")
            raise ClassifiedContentError(
                _(
                    "“%(field)s”中含有国家秘密标志“%(marking)s”。本平台只处理非涉密事项，"
                    "涉密内容请通过机要渠道办理。本次提交未保存，已记录备查。"
                )
                % {"field": label, "marking": marking},
                code="classified",
            )


def check_upload(upload: UploadedFile, *, user: Any, where: str) -> None:
    """Size limit, type allow-list, and the classification guard on the file's name and everything in it
    (`classification.find_marking_in_file`)."""
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_UPLOAD_SUFFIXES:
        raise ValidationError(_("不支持的文件类型“%(suffix)s”。") % {"suffix": suffix or _("无扩展名")})
    if (upload.size or 0) > settings.SHUNIU_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("文件过大：不能超过%(mb)s MB。") % {"mb": settings.SHUNIU_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    refuse_marked([(_("文件名"), name)], user=user, where=where)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        marking = find_marking_in_file(name, data)
    except ValueError as exc:
        if suffix == ".docx":
            raise ValidationError(_("无法读取该Word文件，请确认它是有效的 .docx 文件。")) from exc
        raise ValidationError(_("无法读取文件“%(name)s”，请确认文件完好。") % {"name": name}) from exc
    if marking:
        _log_refusal(user=user, where=f"{where} · {name}", marking=marking, text=marking)
        raise ClassifiedContentError(
            _(
                "文件“%(name)s”中含有国家秘密标志“%(marking)s”。本平台只处理非涉密事项，"
                "涉密文件请通过机要渠道办理。本次提交未保存，已记录备查。"
            )
            % {"name": name, "marking": marking},
            code="classified",
        )


class GuardedFormMixin:
    """Every string field and every uploaded file of the form passes the classification guard."""

    guard_where = ""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.guard_user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        form: forms.BaseForm = self  # type: ignore[assignment]
        where = self.guard_where or type(self).__name__
        try:
            texts = [(str(form.fields[k].label or k), v) for k, v in cleaned.items() if isinstance(v, str)]
            refuse_marked(texts, user=self.guard_user, where=where)
            for value in cleaned.values():
                if isinstance(value, UploadedFile):
                    check_upload(value, user=self.guard_user, where=where)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return cleaned
