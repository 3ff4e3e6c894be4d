"""Who sees and does what in 办会 (SPEC §2.2, §5): the organising unit sees its own meetings, invitees and the
leaders asked to attend see theirs, the office and the county leaders see all; each approval step is the role the
chain names; leaders' calendars are for the office, the secretaries and the leaders themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from shuniu.core.access import ScopedPolicy, authenticated, has_perm
from shuniu.meetings.models import Absence, Invitation, Meeting
from shuniu.meetings.transitions import MEETING_FLOW

VIEW_ALL = "meetings.view_all_meetings"
APPLY = "meetings.apply_meeting"
APPROVE = "meetings.approve_meeting"
MANAGE_SCHEDULE = "meetings.manage_schedule"
VIEW_SCHEDULES = "meetings.view_schedules"
CONFIG = "meetings.change_meetingconfig"


def role_slugs(user: Any) -> frozenset[str]:
    """The user's role codes, read once per request (an approval step is a role of the chain)."""
    cached: frozenset[str] | None = getattr(user, "_meeting_role_slugs", None)
    if cached is None:
        found = user.groups.values_list("role__slug", flat=True) if authenticated(user) else []
        cached = frozenset(slug for slug in found if slug)
        setattr(user, "_meeting_role_slugs", cached)  # noqa: B010
    return cached


def holds_role(user: Any, slug: str) -> bool:
    return slug in role_slugs(user)


class MeetingPolicy(ScopedPolicy[Meeting]):
    model = Meeting
    view_all_perm, manage_perm, unit_perm = VIEW_ALL, APPROVE, APPLY
    unit_fields = ("organiser",)
    acting_unit_field = "organiser"
    workflow = MEETING_FLOW
    unit_actions = frozenset({"resubmit", "cancel", "hold", "notify", "minutes"})

    def scope_filter(self, user: Any) -> Q | None:
        """The organising unit's, and the meetings the user is invited to or asked to attend."""
        asked = Meeting.leaders.through.objects.filter(user=user).values("meeting")
        invited = Q(pk__in=Invitation.objects.filter(user=user).values("meeting")) | Q(pk__in=asked)
        units = super().scope_filter(user)
        return invited if units is None else units | invited

    def can(self, user: Any, action: str, obj: Meeting | None = None) -> bool:
        if action in ("approve", "return", "refuse"):
            return (
                obj is not None and has_perm(user, APPROVE) and bool(obj.next_role) and holds_role(user, obj.next_role)
            )
        if action == "create":
            return has_perm(user, APPLY)
        if action in ("notify", "minutes", "hold", "cancel") and has_perm(user, VIEW_ALL) and has_perm(user, APPLY):
            return True  # the office runs the county's meetings
        return super().can(user, action, obj)


class SchedulePolicy:
    """Leaders' calendars: the office and the secretaries arrange (manage_schedule); leaders and the office read
    every leader's (view_schedules); a leader always reads his own."""

    def can_view_leader(self, user: Any, leader: Any) -> bool:
        return authenticated(user) and (user.pk == leader.pk or has_perm(user, VIEW_SCHEDULES))

    def can_manage(self, user: Any) -> bool:
        return authenticated(user) and has_perm(user, MANAGE_SCHEDULE)

    def absences(self, user: Any) -> Any:
        """外出报备: the office and the leaders read all; anyone else his own."""
        qs = Absence.objects.all()
        if not authenticated(user):
            return qs.none()
        return qs if has_perm(user, VIEW_SCHEDULES) or has_perm(user, MANAGE_SCHEDULE) else qs.filter(leader=user)


meeting_policy = MeetingPolicy()
schedule_policy = SchedulePolicy()
