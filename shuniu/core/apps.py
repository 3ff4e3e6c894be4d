from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "shuniu.core"
    label = "core"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        from shuniu.core import checks, registry  # noqa: F401

        # Django's and the libraries' housekeeping, first.
        registry.daily_job("clearsessions", order=0)
        registry.daily_job("axes_reset_logs --age 180", order=1)
        registry.daily_job("prune_db_task_results --min-age-days 30", order=2)
