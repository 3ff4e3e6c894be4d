"""Who sees and records 民主议政日 and 百姓夜话."""

from __future__ import annotations

from shuniu.core.access import ScopedPolicy
from shuniu.governance.participation.models import ParticipationEvent
from shuniu.governance.requests.policies import DISPATCH, VIEW_ALL


class EventPolicy(ScopedPolicy[ParticipationEvent]):
    """民主议政日 and 百姓夜话: the office and leaders see all and record them; a town sees its own."""

    model = ParticipationEvent
    view_all_perm, manage_perm = VIEW_ALL, DISPATCH
    unit_fields = ("town",)
    manage_actions = frozenset({"create", "item", "to_request", "publish", "outcome"})


event_policy = EventPolicy()
