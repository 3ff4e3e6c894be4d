from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "shuniu.meetings"
    label = "meetings"
    verbose_name = _("办会")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.meetings import todos  # noqa: F401
        from shuniu.meetings.policies import APPLY, APPROVE, CONFIG, MANAGE_SCHEDULE, VIEW_ALL, VIEW_SCHEDULES

        registry.urls("meetings/", "shuniu.meetings.urls")
        registry.importer("meeting_plan", "shuniu.meetings.plans.plan_import")
        registry.audit_actions(
            apply=_("申请会议"),
            file=_("外出报备"),
            approve=_("同意"),
            refuse=_("不予批准"),
            resubmit=_("重新报批"),
            hold=_("确认已召开"),
            book=_("安排日程"),
            notify=_("发会议通知"),
            sign_in=_("签到"),
            minutes=_("记录纪要"),
            to_task=_("转督办"),
            feed_create=_("生成日历订阅"),
            feed_revoke=_("停用日历订阅"),
        )
        registry.audit_fields(
            breach_rules=_("超出精简规定"),
            invited=_("通知人员"),
            outcome=_("纪要事项"),
            reply=_("回执"),
            signed_in=_("签到"),
            pair_breach=_("同时外出"),
            revoked=_("停用订阅数"),
        )
        registry.api_router("shuniu.meetings.api", order=45)
        registry.nav(_("办会"), "meetings:home", order=45, allowed=registry.perm(VIEW_ALL, APPLY, APPROVE))
        registry.nav(_("领导日程"), "meetings:week", order=46, allowed=registry.perm(VIEW_SCHEDULES, MANAGE_SCHEDULE))
        registry.grant("office_director", VIEW_ALL, APPLY, APPROVE, MANAGE_SCHEDULE, VIEW_SCHEDULES, CONFIG)
        registry.grant("county_leader", VIEW_ALL, APPROVE, VIEW_SCHEDULES)
        registry.grant("secretary", VIEW_ALL, APPLY, MANAGE_SCHEDULE, VIEW_SCHEDULES)
        for role in ("liaison", "section_head"):
            registry.grant(role, APPLY)
