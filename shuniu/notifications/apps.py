from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "shuniu.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from shuniu.core import registry

        registry.urls("notifications/", "shuniu.notifications.urls")
