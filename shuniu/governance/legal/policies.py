"""Who sees the legal-service registry and mediation cases: the office all, a 调解员 his communities'."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from shuniu.core.access import ScopedPolicy, has_perm
from shuniu.governance.legal.models import LegalWorker, MediationCase
from shuniu.governance.requests.policies import DISPATCH, MEDIATE, VIEW_ALL


class MediationCasePolicy(ScopedPolicy[MediationCase]):
    """The office sees every case and opens them; a 调解员 sees and works the cases of the villages he serves (as
    registered in the legal-service registry) and those assigned to him."""

    model = MediationCase
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, DISPATCH, MEDIATE
    manage_actions = frozenset({"open", "session", "close"})
    unit_actions = frozenset({"session", "close"})

    def scope_filter(self, user: Any) -> Q | None:
        if not has_perm(user, MEDIATE):
            return None
        villages = LegalWorker.objects.filter(user_id=user.pk, is_active=True).values("village_id")
        return Q(village_id__in=villages) | Q(mediator__user_id=user.pk)

    def in_acting_unit(self, user: Any, obj: MediationCase) -> bool:
        return self.scope_filter(user) is not None and self.visible(user).filter(pk=obj.pk).exists()


class LegalWorkerPolicy(ScopedPolicy[LegalWorker]):
    """The registry: the office sees and edits it; a 调解员 sees the people of the villages he serves."""

    model = LegalWorker
    view_all_perm, manage_perm = VIEW_ALL, DISPATCH
    manage_actions = frozenset({"register"})

    def scope_filter(self, user: Any) -> Q | None:
        if not has_perm(user, MEDIATE):
            return None
        return Q(village_id__in=LegalWorker.objects.filter(user_id=user.pk).values("village_id"))


mediation_policy = MediationCasePolicy()
legal_worker_policy = LegalWorkerPolicy()
