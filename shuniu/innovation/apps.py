from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationConfig(AppConfig):
    name = "shuniu.innovation"
    label = "innovation"
    verbose_name = _("创新案例评比")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.core.access import in_a_unit
        from shuniu.innovation.services import MANAGE, SUBMIT

        registry.urls("innovation/", "shuniu.innovation.urls", order=66)
        registry.nav(_("创新评比"), "innovation:calls", order=66, allowed=in_a_unit)
        registry.audit_actions(
            open_call=_("发布评比"), submit_case=_("申报案例"), score=_("评分"), lecture=_("安排讲堂")
        )
        registry.audit_fields(judges=_("评委数"), scores=_("评分项数"), cases=_("案例数"), topic=_("题目"))
        registry.grant("office_director", MANAGE)
        registry.grant("personnel", MANAGE)
        for role in ("liaison", "section_head"):
            registry.grant(role, SUBMIT)
