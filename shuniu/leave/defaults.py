"""The Shandong leave table and the default approval chain (SPEC §7): seeded by migration 0002 and again by
`ensure()` when the tables are empty (a test database flushed between browser tests, a fresh demo)."""

from decimal import Decimal
from typing import Any

W, C = "working_days", "calendar_days"
# kind, counts, days, per_year, certificate_from, basis, variants (name, days, per_year)
TYPES = [
    (
        "annual",
        W,
        None,
        True,
        None,
        "《职工带薪年休假条例》：累计工作满1年不满10年5天，满10年不满20年10天，满20年15天",
        [],
    ),
    ("personal", W, None, False, None, "按工作日计算；累计20天以上当年不享受年休假", []),
    ("sick", C, None, False, Decimal(2), "2天及以上须提交医疗机构证明", []),
    (
        "marriage",
        W,
        Decimal(15),
        False,
        None,
        "《山东省人口与计划生育条例》：婚假15天，参加婚前医学检查的增加3天",
        [("婚假", Decimal(15), False), ("婚假（参加婚前医学检查）", Decimal(18), False)],
    ),
    (
        "maternity",
        C,
        Decimal(158),
        False,
        None,
        "《山东省人口与计划生育条例》：产假98天另增加60天；难产、多胞胎各增加15天",
        [("产假", Decimal(158), False), ("产假（难产或多胞胎）", Decimal(173), False)],
    ),
    ("paternity", C, Decimal(7), False, None, "《山东省人口与计划生育条例》：男方护理假7天", []),
    ("childcare", W, Decimal(10), True, None, "《山东省人口与计划生育条例》：子女未满3周岁，夫妻每年各10天", []),
    (
        "home_visit",
        C,
        None,
        False,
        None,
        "《国务院关于职工探亲待遇的规定》",
        [
            ("探望配偶", Decimal(30), True),
            ("未婚探望父母", Decimal(20), True),
            ("未婚探望父母（两年合并一次）", Decimal(45), False),
            ("已婚探望父母（四年一次）", Decimal(20), False),
        ],
    ),
    ("business", W, None, False, None, "因公外出，不计入假期额度", []),
]
CHAINS = [
    (Decimal(1), ["section_head"]),
    (Decimal(3), ["section_head", "deputy_director"]),
    (None, ["section_head", "deputy_director", "office_director"]),
]


def seed(LeaveType: Any, LeaveVariant: Any, ChainRule: Any) -> None:  # noqa: N803 (models, historical or not)
    for order, (kind, counts, days, per_year, cert, basis, variants) in enumerate(TYPES):
        lt, _created = LeaveType.objects.get_or_create(
            kind=kind,
            defaults={
                "counts": counts,
                "days": days,
                "per_year": per_year,
                "certificate_from": cert,
                "basis": basis,
                "sort_order": order,
            },
        )
        for i, (name, vdays, vyear) in enumerate(variants):
            LeaveVariant.objects.get_or_create(
                leave_type=lt, name=name, defaults={"days": vdays, "per_year": vyear, "sort_order": i}
            )
    if not ChainRule.objects.exists():
        for max_days, roles in CHAINS:
            ChainRule.objects.create(kind="", max_days=max_days, roles=roles)


def ensure() -> None:
    from shuniu.leave.models import ChainRule, LeaveType, LeaveVariant

    if not LeaveType.objects.exists() or not ChainRule.objects.exists():
        seed(LeaveType, LeaveVariant, ChainRule)
