from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "shuniu.supervision"
    label = "supervision"
    verbose_name = _("督查督办")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.core.versions import bump_on_change
        from shuniu.supervision import todos  # noqa: F401
        from shuniu.supervision.policies import MANAGE, REPORT, VIEW_ALL

        bump_on_change("supervision", {"supervision"})
        config = "supervision.change_supervisionconfig"
        registry.nav(_("督查督办"), "supervision:task-list", order=10, allowed=registry.perm(VIEW_ALL, MANAGE, REPORT))
        registry.urls("supervision/", "shuniu.supervision.urls")
        registry.nav(_("督查规则"), "supervision:rules", order=85, allowed=registry.perm(config))
        registry.importer("tasks", "shuniu.supervision.excel.tasks_import")
        registry.api_router("shuniu.supervision.api", order=20)
        registry.grant("sysadmin", config)
        registry.grant("county_leader", VIEW_ALL, "supervision.register_instruction")
        registry.grant("office_director", VIEW_ALL, MANAGE, config)
        registry.grant("supervisor", VIEW_ALL, MANAGE)
        for role in ("section_head", "liaison", "handler"):
            registry.grant(role, REPORT)
        registry.daily_job("refresh_lights", order=10)
        from shuniu.supervision.home import lights_panel

        registry.home_panel("supervision/_home_lights.html", lights_panel, order=10)
        from shuniu.supervision.lights import calendar_apply, calendar_prepare

        registry.calendar_dependent(
            "task_lights", _("%(n)s 项督办事项的亮灯随之更新"), calendar_prepare, calendar_apply
        )
        registry.daily_job("send_reminders", order=11)
