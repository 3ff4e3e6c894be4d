"""Who sees and does what in grassroots governance (SPEC §2.2, §9), one policy per model a user can reach.

Operators, the office and leaders see every request; a unit sees what was dispatched to it (or, with the
subtree scope, to a unit below it). Receiving, dispatching and callbacks are for holders of
governance.dispatch_request; accepting, returning and replying for holders of governance.handle_request in
the handling unit. Full phone and ID numbers only for governance.view_personal_data. A 调解员 sees and works the
mediation cases of the villages he serves; the public sees only what `public()` lets through.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from shuniu.core.access import ScopedPolicy, authenticated, has_perm
from shuniu.governance.models import (
    CitizenRequest,
    LegalWorker,
    MediationCase,
    ParticipationEvent,
    Volunteer,
    VolunteerActivity,
)
from shuniu.governance.transitions import REQUEST_FLOW

VIEW_ALL = "governance.view_all_requests"
DISPATCH = "governance.dispatch_request"
HANDLE = "governance.handle_request"
PERSONAL = "governance.view_personal_data"
MEDIATE = "governance.mediate_case"
VOLUNTEERS = "governance.manage_volunteers"


def _authenticated(user: Any) -> bool:
    return authenticated(user)


def sees_all(user: Any) -> bool:
    return has_perm(user, VIEW_ALL)


def sees_personal_data(user: Any) -> bool:
    return has_perm(user, PERSONAL)


class RequestPolicy(ScopedPolicy[CitizenRequest]):
    """Everything for operators, the office and leaders; what was dispatched to the user's units otherwise."""

    model = CitizenRequest
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, DISPATCH, HANDLE
    unit_fields = ("handling_unit",)
    acting_unit_field = "handling_unit"
    workflow = REQUEST_FLOW
    manage_actions = frozenset(
        {
            "receive",
            "dispatch",
            "refuse_return",
            "reject",
            "callback",
            "close",
            "archive",
            "decide_extension",
            "reopen",
            "escalate",
            "flag",
        }
    )
    unit_actions = frozenset({"accept", "return", "reply", "request_extension"})

    def public(self, queryset: QuerySet[CitizenRequest] | None = None) -> QuerySet[CitizenRequest]:
        """The one public rule (portal, Open311, any page without login): requests whose reply was published.

        Only these may show their title, content and reply, and only through `shuniu.core.privacy.redact`; any
        other request shows at most its status and service, never its text."""
        qs = self.base_queryset() if queryset is None else queryset
        return qs.filter(reply_published=True)

    def is_public(self, req: CitizenRequest) -> bool:
        return bool(req.reply_published)


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


class EventPolicy(ScopedPolicy[ParticipationEvent]):
    """民主议政日 and 百姓夜话: the office and leaders see all and record them; a town sees its own."""

    model = ParticipationEvent
    view_all_perm, manage_perm = VIEW_ALL, DISPATCH
    unit_fields = ("town",)
    manage_actions = frozenset({"create", "item", "to_request", "publish", "outcome"})


class VolunteerPolicy(ScopedPolicy[Volunteer]):
    """Volunteers' records (their phones are personal data): for the volunteer administrators, county-wide."""

    model = Volunteer
    view_all_perm, manage_perm = VOLUNTEERS, VOLUNTEERS
    manage_actions = frozenset({"record_hours"})


class ActivityPolicy(ScopedPolicy[VolunteerActivity]):
    """Volunteer activities: managed by the volunteer administrators; published ones are public."""

    model = VolunteerActivity
    view_all_perm, manage_perm = VOLUNTEERS, VOLUNTEERS
    manage_actions = frozenset({"create", "record_hours"})

    def public(self) -> QuerySet[VolunteerActivity]:
        return self.base_queryset().filter(published=True)


class RatesPolicy:
    """The three-rate ranking (红榜/黑榜) is circulated to the office and to every unit that handles requests."""

    def visible(self, user: Any) -> QuerySet[CitizenRequest]:
        """The requests the ranking counts: all of the county's, for whoever may read the ranking."""
        qs = CitizenRequest.objects.all()
        return qs if self.can(user, "view") else qs.none()

    def can(self, user: Any, action: str, obj: Any = None) -> bool:
        """view only, by holders of any request permission."""
        return action == "view" and any(has_perm(user, p) for p in (VIEW_ALL, DISPATCH, HANDLE))


request_policy = RequestPolicy()
rates_policy = RatesPolicy()
mediation_policy = MediationCasePolicy()
legal_worker_policy = LegalWorkerPolicy()
event_policy = EventPolicy()
volunteer_policy = VolunteerPolicy()
activity_policy = ActivityPolicy()
