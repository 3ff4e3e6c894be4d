from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "shuniu.information"
    label = "information"
    verbose_name = _("信息报送")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.information import selectors, todos  # noqa: F401
        from shuniu.information.policies import EDIT, INSTRUCT, SUBMIT, URGENT_BOARD, VIEW_ALL

        registry.urls("information/", "shuniu.information.urls")
        registry.api_router("shuniu.information.api", order=40)
        registry.nav(_("信息报送"), "information:home", order=40, allowed=registry.perm(VIEW_ALL, SUBMIT, EDIT))
        registry.nav(_("紧急信息"), "information:events", order=41, allowed=registry.perm(URGENT_BOARD))
        config = "information.change_informationconfig"
        registry.grant("info_editor", VIEW_ALL, EDIT, INSTRUCT, URGENT_BOARD, config)
        registry.grant("county_leader", VIEW_ALL, INSTRUCT, URGENT_BOARD)
        registry.grant("office_director", VIEW_ALL, URGENT_BOARD)
        registry.grant("duty_officer", SUBMIT, URGENT_BOARD)
        registry.grant("deputy_director", URGENT_BOARD)  # 带班领导: the duty log links the events raised from it
        for role in ("info_officer", "liaison", "section_head", "handler"):
            registry.grant(role, SUBMIT)
        registry.score_addition("information", selectors.score_addition)
        registry.audit_actions(
            submit=_("报送"),
            start_edit=_("开始编辑"),
            adopt=_("采用"),
            instruct=_("登记批示"),
            compile=_("编排刊物"),
            issue=_("印发刊物"),
            reissue=_("更正重发"),
            report_initial=_("首报"),
            report_follow_up=_("续报"),
            report_final=_("终报"),
        )
        registry.audit_fields(report_kind=_("报告类别"), report_channel=_("报送方式"), items=_("刊发信息"))
        registry.daily_job("remind_commissions", order=30)
        registry.daily_job("check_urgent_clocks", order=30)
        registry.daily_job("rebuild_info_tallies", order=31)
        from django.db.models.signals import post_migrate

        from shuniu.information.defaults import ensure_defaults

        post_migrate.connect(ensure_defaults, sender=self, dispatch_uid="information.ensure_defaults")
