"""The office's 办文 rules (SPEC §6): the time limits by urgency and the 发文字号 prefixes — data, every change
audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.configs import update_config
from shuniu.core.guard import refuse_marked
from shuniu.documents.models import DocNumber, DocPrefix, DocumentConfig
from shuniu.documents.policies import CONFIG

PREFIX_FIELDS = ("prefix", "issuer", "mark", "unit", "principal", "active")


def config_update(*, actor: Any, **values: Any) -> DocumentConfig:
    return update_config(DocumentConfig, actor=actor, perm=CONFIG, values=values)


def prefix_save(*, actor: Any, row: DocPrefix | None = None, **values: Any) -> DocPrefix:
    """A new prefix, or a change to one; a prefix that has numbers keeps its letters (its ledger reads by them)."""
    if not has_perm(actor, CONFIG):
        raise PermissionDenied
    text = (values.get("prefix") or "").strip()
    if not text or any(c in text for c in "〔〕[]()（）0123456789 "):
        raise ValidationError(
            _("发文字号前缀只写机关代字和发文种类（如 示委办发），不含年份、括号和数字。"), code="prefix"
        )
    refuse_marked(
        [(_("发文机关"), values.get("issuer")), (_("发文机关标志"), values.get("mark"))],
        user=actor,
        where="documents.prefix",
    )
    with transaction.atomic():
        existing = row
        row = row or DocPrefix()
        if existing is not None and text != existing.prefix and DocNumber.objects.filter(prefix=existing).exists():
            raise ValidationError(_("该前缀已编过文号，不能改名；请停用后新建。"), code="prefix")
        before = audit.snapshot(row, PREFIX_FIELDS) if existing is not None else {}
        for key in PREFIX_FIELDS:
            if key in values:
                setattr(row, key, values[key])
        row.prefix = text
        row.full_clean()
        row.save()
        audit.record(
            actor=actor,
            action="update" if existing else "create",
            obj=row,
            changes=audit.diff(before, audit.snapshot(row, PREFIX_FIELDS)),
        )
    return row
