"""Only the 审计管理员 reads the audit log (三员分立): not the system administrator, not a superuser."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shuniu.audit.models import AuditRecord


class AuditPolicy:
    def visible(self, user: Any) -> QuerySet[AuditRecord]:
        """All records for the audit administrator, none for anyone else."""
        if self.can(user, "view", None):
            return AuditRecord.objects.all()
        return AuditRecord.objects.none()

    def can(self, user: Any, action: str, obj: AuditRecord | None) -> bool:
        """Only `view`, only by holders of audit.view_auditrecord who are not superusers."""
        return bool(
            action == "view"
            and getattr(user, "is_authenticated", False)
            and not user.is_superuser
            and user.has_perm("audit.view_auditrecord")
        )


audit_policy = AuditPolicy()


def audit_reader(user: Any) -> bool:
    return audit_policy.can(user, "view", None)
