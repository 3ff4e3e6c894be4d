from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "shuniu.duty"
    label = "duty"
    verbose_name = _("值班")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.core.access import in_a_unit
        from shuniu.leave.signals import leave_changed

        registry.urls("duty/", "shuniu.duty.urls", order=56)
        registry.nav(_("值班"), "duty:home", order=56, allowed=in_a_unit)
        registry.audit_actions(
            log=_("记值班日志"),
            close=_("办结"),
            generate=_("生成值班表"),
            publish=_("发布值班表"),
            replace=_("调整值班"),
            swap_request=_("申请换班"),
            swap=_("换班"),
            compile=_("编制值班信息日报"),
            send=_("报送值班信息日报"),
            import_roster=_("导入值班表"),
        )
        registry.audit_actions(**{"raise": _("转办")})
        registry.audit_fields(
            task=_("督办事项"), request=_("群众诉求"), urgent=_("紧急信息"), content=_("内容"), late=_("迟报"),
            duties=_("值班数"), days=_("天数"), rotation=_("轮换方式"), holiday_mode=_("节假日"),
        )  # fmt: skip
        registry.nav(_("值班日志"), "duty:log", order=57, allowed=registry.perm("duty.keep_log"))
        registry.daily_job("duty_holiday_report", order=61)
        from shuniu.duty import todos  # noqa: F401

        registry.nav(_("考勤"), "duty:attendance", order=58, allowed=in_a_unit)
        for kind, raised in (
            ("information.event", "urgent"),
            ("supervision.task", "task"),
            ("governance.request", "request"),
        ):
            registry.backlink(kind, _log_links(raised))
        registry.grant("personnel", "duty.view_attendance")
        registry.grant("office_director", "duty.view_attendance")
        registry.grant("office_director", "duty.manage_roster", "duty.keep_log")
        registry.grant("duty_officer", "duty.manage_roster", "duty.keep_log")
        registry.grant("deputy_director", "duty.keep_log")
        leave_changed.connect(_on_leave, dispatch_uid="duty-flags-leave")


def _on_leave(sender: object, leave: object, change: str, **kwargs: object) -> None:
    if change == "approved":
        from shuniu.duty.roster import flag_leave

        flag_leave(leave)


def _log_links(raised: str) -> Callable[[Any], list[tuple[str, str]]]:
    def links(obj: Any) -> list[tuple[str, str]]:
        from shuniu.duty.log import entries_raised

        return entries_raised(raised, obj.code)

    return links
