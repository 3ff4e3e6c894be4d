"""SPEC §4's defaults, written once: the nine 必报 types, the two periodicals and the urgent-information limits by
level (minutes from the event time: phone, written). `ensure_defaults` keeps them after every migrate or flush
(idempotent; a county's own values are never overwritten)."""

from __future__ import annotations

MUST_REPORT = (
    "重大决策部署落实",
    "领导批示落实",
    "重要会议精神落实",
    "经济指标和重点项目进展",
    "群众关心的热点难点",
    "涉本地网络舆情",
    "重要社会动态和苗头性问题",
    "突发事件",
    "约稿",
)
PERIODICALS = ("信息快报", "每日要情")
URGENT_LIMITS: dict[str, tuple[int | None, int]] = {
    "especially_major": (30, 60),
    "major": (30, 60),
    "large": (60, 120),
    "general": (None, 360),
}


def ensure_defaults(**kwargs: object) -> None:
    from shuniu.information.models import MustReportType, Periodical, UrgentLimit

    for n, name in enumerate(MUST_REPORT):
        MustReportType.objects.get_or_create(name=name, defaults={"sort_order": n})
    for name in PERIODICALS:
        Periodical.objects.get_or_create(name=name)
    for level, (phone, written) in URGENT_LIMITS.items():
        UrgentLimit.objects.get_or_create(level=level, defaults={"phone_minutes": phone, "written_minutes": written})
