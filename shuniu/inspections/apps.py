from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "shuniu.inspections"
    label = "inspections"
    verbose_name = _("保密检查")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.inspections.services import MANAGE, SOURCE, VIEW, close_refusal

        registry.urls("inspections/", "shuniu.inspections.urls", order=62)
        registry.nav(_("保密检查"), "inspections:plan", order=62, allowed=registry.perm(MANAGE, VIEW))
        registry.audit_actions(plan=_("制定检查计划"), inspect=_("进驻检查"), finding=_("发现问题"), recheck=_("复查"))
        registry.audit_fields(units=_("单位数"), examined=_("检查项目数"), task=_("督办事项"), passed=_("复查合格"))
        registry.grant("secrecy_inspector", MANAGE, VIEW)
        registry.grant("office_director", VIEW)
        registry.grant("county_leader", VIEW)
        registry.close_guard(SOURCE, close_refusal)
