from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShellConfig(AppConfig):
    """The top floor: home, navigation, the platform's own pages (holidays, refusals, audit log), error pages."""

    name = "shuniu.shell"
    label = "shell"
    verbose_name = _("工作台")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.shell.audit_policies import audit_reader

        registry.nav(_("首页"), "shell:home", order=0)
        registry.urls("", "shuniu.shell.urls", order=99)  # the site root, mounted last
        registry.nav(_("节假日"), "shell:holidays", order=90, allowed=registry.perm("core.view_holidayoverride"))
        registry.nav(
            _("涉密拦截"), "shell:refusals", order=91, allowed=registry.perm("core.view_classificationrefusal")
        )
        registry.nav(_("审计日志"), "shell:audit-log", order=92, allowed=audit_reader)
        holidays = ("view", "add", "change", "delete")
        registry.grant("sysadmin", *(f"core.{verb}_holidayoverride" for verb in holidays))
        registry.grant("secadmin", "core.view_classificationrefusal")
