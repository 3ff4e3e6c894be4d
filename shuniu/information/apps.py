from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "shuniu.information"
    label = "information"
    verbose_name = _("信息报送")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.information import todos  # noqa: F401
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
        for role in ("info_officer", "liaison", "section_head", "handler"):
            registry.grant(role, SUBMIT)
        registry.daily_job("remind_commissions", order=30)
        registry.daily_job("check_urgent_clocks", order=30)
        from django.db.models.signals import post_migrate

        post_migrate.connect(ensure_defaults, sender=self, dispatch_uid="information.ensure_defaults")


def ensure_defaults(**kwargs: object) -> None:
    """SPEC §4's defaults (the nine 必报 types, the two periodicals, the urgent limits), kept after every migrate or
    flush; idempotent, never overwrites a county's own values."""
    from shuniu.information.models import MustReportType, Periodical, UrgentLimit
    from shuniu.information.urgent import DEFAULT_LIMITS

    for n, name in enumerate(MUST_REPORT):
        MustReportType.objects.get_or_create(name=name, defaults={"sort_order": n})
    for name in ("信息快报", "每日要情"):
        Periodical.objects.get_or_create(name=name)
    for level, (phone, written) in DEFAULT_LIMITS.items():
        UrgentLimit.objects.get_or_create(level=level, defaults={"phone_minutes": phone, "written_minutes": written})


MUST_REPORT = [
    "重大决策部署落实",
    "领导批示落实",
    "重要会议精神落实",
    "经济指标和重点项目进展",
    "群众关心的热点难点",
    "涉本地网络舆情",
    "重要社会动态和苗头性问题",
    "突发事件",
    "约稿",
]
