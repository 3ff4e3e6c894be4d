from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "shuniu.leave"
    label = "leave"
    verbose_name = _("请销假")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.core.access import in_a_unit
        from shuniu.leave import todos  # noqa: F401
        from shuniu.leave.policies import APPROVE, MANAGE, VIEW_ALL

        registry.urls("leave/", "shuniu.leave.urls", order=55)
        registry.api_router("shuniu.leave.api", order=55)
        registry.nav(_("请销假"), "leave:home", order=55, allowed=in_a_unit)
        registry.daily_job("flag_overdue_leave", order=60)
        registry.audit_actions(
            apply=_("请假"), approve=_("同意"), refuse=_("不同意"), withdraw=_("撤回"), back=_("销假")
        )
        registry.audit_fields(step=_("审批进度"), back_date=_("销假日期"), return_date=_("应到岗日期"))
        for role in ("section_head", "deputy_director", "office_director", "county_leader"):
            registry.grant(role, APPROVE)
        registry.grant("office_director", VIEW_ALL)
        registry.grant("personnel", VIEW_ALL, MANAGE)
        from django.db.models.signals import post_delete, post_save

        from shuniu.leave import models, rules

        for model in (models.LeaveType, models.LeaveVariant, models.ChainRule, models.LeaveConfig):
            post_save.connect(rules.forget, sender=model, dispatch_uid=f"leave-forget-{model.__name__}")
            post_delete.connect(rules.forget, sender=model, dispatch_uid=f"leave-forget-del-{model.__name__}")
