"""One extension flow (延期) for everything with a deadline: asked before it passes, decided once, audited.

An app declares an `ExtensionFlow` for its `ExtensionBase` model; its named services (`extension_request`,
`extension_decide`) call `request` and `decide`. Authorisation and the allowed states come from the owner's
workflow (its `request_extension` transition) and policy (`decide_extension`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.models import ExtensionBase
from shuniu.core.workdays import check_date
from shuniu.core.workflow import Workflow


@dataclass(frozen=True)
class ExtensionFlow:
    model: type[ExtensionBase]
    owner_field: str
    workflow: Workflow[Any]
    due_field: str = "due_date"
    after_decide: Callable[[Any], object] | None = None

    def _owner_repr(self, owner: models.Model) -> str:
        return str(getattr(owner, "code", owner))

    def request(
        self, *, actor: Any, owner: Any, requested_due_date: dt.date, reason: str, today: dt.date | None = None
    ) -> ExtensionBase:
        """延期申请: only before the deadline, to a later date, with a reason, one pending at a time."""
        transition = self.workflow.check("request_extension", actor=actor, obj=owner)
        check_date(requested_due_date)
        due = getattr(owner, self.due_field)
        if due is None or (today or timezone.localdate()) > due:
            raise ValidationError(_("已超过截止日期，不能再申请延期。"))
        if requested_due_date <= due:
            raise ValidationError(_("申请延期的日期应晚于当前截止日期。"))
        if not (reason or "").strip():
            raise ValidationError(_("请说明延期理由。"))
        if self.model._default_manager.filter(
            **{self.owner_field: owner}, status=ExtensionBase.Status.PENDING
        ).exists():
            raise ValidationError(_("已有待审批的延期申请。"))
        self.workflow.guard(transition, actor=actor, reason=reason, texts={}, files=())
        with transaction.atomic():
            extension = self.model(
                **{self.owner_field: owner},
                old_due_date=due,
                requested_due_date=requested_due_date,
                reason=reason.strip(),
                requested_by=actor,
            )
            extension.full_clean(exclude=[self.owner_field, "requested_by"])
            extension.save()
            audit.record(
                actor=actor,
                action="extension_request",
                obj=extension,
                object_repr=self._owner_repr(owner),
                changes={"due_date": [due, requested_due_date], "reason": [None, reason[:300]]},
            )
        return extension

    def decide(self, *, actor: Any, extension: ExtensionBase, approve: bool, comment: str = "") -> ExtensionBase:
        """Approve (the deadline moves; the original stays on the extension) or refuse, with a comment."""
        owner = getattr(extension, self.owner_field)
        authorize(self.workflow.policy, actor, "decide_extension", owner)  # type: ignore[arg-type]
        if extension.status != ExtensionBase.Status.PENDING:
            raise ValidationError(_("该申请已审批。"))
        transition = self.workflow.get("request_extension")
        self.workflow.guard(transition, actor=actor, reason="", texts={_("审批意见"): comment}, files=())
        with transaction.atomic():
            extension.status = ExtensionBase.Status.APPROVED if approve else ExtensionBase.Status.REFUSED
            extension.decided_by, extension.decided_at = actor, timezone.now()
            extension.decision_comment = (comment or "").strip()[:300]
            extension.save(update_fields=["status", "decided_by", "decided_at", "decision_comment", "updated_at"])
            audit.record(
                actor=actor,
                action=f"extension_{extension.status}",
                obj=extension,
                object_repr=self._owner_repr(owner),
                changes={"status": [ExtensionBase.Status.PENDING, extension.status], "comment": [None, comment[:300]]},
            )
            if approve:
                before = audit.snapshot(owner, self.workflow.audit_fields)
                setattr(owner, self.due_field, extension.requested_due_date)
                owner.save(update_fields=[self.due_field, "updated_at"])
                changes = audit.diff(before, audit.snapshot(owner, self.workflow.audit_fields))
                audit.record(
                    actor=actor, action="extend", obj=owner, object_repr=self._owner_repr(owner), changes=changes
                )
            if self.after_decide is not None:
                self.after_decide(owner)
        return extension
