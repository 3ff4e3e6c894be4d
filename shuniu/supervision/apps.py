from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "shuniu.supervision"
    label = "supervision"
    verbose_name = _("督查督办")

    def ready(self) -> None:
        from shuniu.core.versions import bump_on_change
        from shuniu.supervision import todos  # noqa: F401

        bump_on_change("supervision", {"supervision"})
