from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "shuniu.meetings"
    label = "meetings"
    verbose_name = _("办会")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.meetings.policies import APPLY, APPROVE, CONFIG, MANAGE_SCHEDULE, VIEW_ALL, VIEW_SCHEDULES

        registry.urls("meetings/", "shuniu.meetings.urls")
        registry.importer("meeting_plan", "shuniu.meetings.plans.plan_import")
        registry.api_router("shuniu.meetings.api", order=45)
        registry.nav(_("办会"), "meetings:home", order=45, allowed=registry.perm(VIEW_ALL, APPLY, APPROVE))
        registry.nav(_("领导日程"), "meetings:week", order=46, allowed=registry.perm(VIEW_SCHEDULES, MANAGE_SCHEDULE))
        registry.grant("office_director", VIEW_ALL, APPLY, APPROVE, MANAGE_SCHEDULE, VIEW_SCHEDULES, CONFIG)
        registry.grant("county_leader", VIEW_ALL, APPROVE, VIEW_SCHEDULES)
        registry.grant("secretary", VIEW_ALL, APPLY, MANAGE_SCHEDULE, VIEW_SCHEDULES)
        for role in ("liaison", "section_head"):
            registry.grant(role, APPLY)
