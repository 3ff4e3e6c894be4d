"""Who manages volunteers and their activities; which activities the public sees."""

from __future__ import annotations

from django.db.models import QuerySet

from shuniu.core.access import ScopedPolicy
from shuniu.governance.requests.policies import VOLUNTEERS
from shuniu.governance.volunteers.models import Volunteer, VolunteerActivity


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


volunteer_policy = VolunteerPolicy()
activity_policy = ActivityPolicy()
