from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "shuniu.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from shuniu.core import registry

        registry.urls("notifications/", "shuniu.notifications.urls")
        from shuniu.core.todos import on_state_left
        from shuniu.notifications.services import state_left

        on_state_left(state_left)
