from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionAppConfig(AppConfig):
    name = "shuniu.reception"
    label = "reception"
    verbose_name = _("公务接待")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.reception.policies import APPROVE, MANAGE, VIEW_ALL

        registry.urls("reception/", "shuniu.reception.urls", order=60)
        registry.api_router("shuniu.reception.api", order=60)
        registry.nav(_("公务接待"), "reception:list", order=60, allowed=registry.perm(MANAGE, APPROVE, VIEW_ALL))
        registry.audit_actions(
            register_letter=_("登记公函"), apply=_("申请接待"), approve=_("同意接待"), refuse=_("不同意接待"),
            list_item=_("填写接待清单"), complete=_("接待完成"),
        )  # fmt: skip
        registry.audit_fields(letter=_("公函"), guest=_("接待对象"), item=_("接待清单"), sending_unit=_("来函单位"))
        registry.grant("reception_officer", MANAGE)
        registry.grant("office_director", APPROVE, VIEW_ALL)
        registry.grant("county_leader", VIEW_ALL)
