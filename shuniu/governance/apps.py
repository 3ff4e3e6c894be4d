from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "shuniu.governance"
    label = "governance"
    verbose_name = _("基层治理")

    def ready(self) -> None:
        from shuniu.governance import todos  # noqa: F401
