from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "shuniu.goals"
    label = "goals"
    verbose_name = _("年度目标")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.core.access import in_a_unit
        from shuniu.goals.policies import MANAGE, REPORT

        registry.urls("goals/", "shuniu.goals.urls", order=64)
        registry.nav(_("年度目标"), "goals:home", order=64, allowed=in_a_unit)
        registry.audit_actions(create=_("制定目标"), report=_("填报进度"), freeze=_("冻结阶段"))
        registry.audit_fields(goals=_("目标数"))
        registry.grant("supervisor", MANAGE)
        registry.grant("office_director", MANAGE)
        for role in ("liaison", "section_head"):
            registry.grant(role, REPORT)
