"""The rules a reception is checked against, each with its text: one working meal (第九条), the 陪餐 limit — at most
3 when the guests are 10 or fewer, otherwise at most a third of them (第十条) — the per-person meal and room
standards of the guests' highest rank (RankStandard), and no cash (第十七条). All figures come from ReceptionConfig
and RankStandard; `check` answers the API and the pages alike; `differences` compares the 接待清单 with its 公函."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from shuniu.reception.models import Item, RankStandard, Reception, ReceptionConfig


@dataclass(frozen=True)
class Breach:
    rule: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


def accompany_limit(guests: int, config: ReceptionConfig | None = None) -> int:
    config = config or ReceptionConfig.current()
    if guests <= config.small_group:
        return int(config.small_accompany)
    return guests // config.large_ratio


def standard(ranks: Iterable[str | RankStandard | None]) -> RankStandard | None:
    """The standard of the highest rank among the guests (the first in the table's order), None when none is known."""
    table = list(RankStandard.objects.all())
    if not table:  # a flushed database (browser tests): the defaults of migration 0002 come back
        from shuniu.reception.defaults import seed

        seed(RankStandard)
        table = list(RankStandard.objects.all())
    names = {r.rank if isinstance(r, RankStandard) else r for r in ranks if r}
    return next((row for row in table if row.rank in names), None)


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def check(
    *,
    guests: int,
    accompanying: int,
    working_meals: int,
    ranks: Iterable[str | RankStandard | None] = (),
    meal_per_person: Decimal | None = None,
    room_per_night: Decimal | None = None,
    cash: bool = False,
    config: ReceptionConfig | None = None,
) -> list[Breach]:
    """Every rule the figures break, with the rule's own words (an empty list when none)."""
    config = config or ReceptionConfig.current()
    found: list[Breach] = []
    if working_meals > config.working_meals:
        found.append(
            Breach(
                "working_meals",
                _("%(b)s第九条：接待单位可以安排工作餐%(n)s次；本次安排%(m)s次。")
                % {"b": config.basis, "n": config.working_meals, "m": working_meals},
            )
        )
    limit = accompany_limit(guests, config)
    if accompanying > limit:
        found.append(
            Breach(
                "accompanying",
                _(
                    "%(b)s第十条：接待对象在%(s)s人以内的，陪餐人数不得超过%(a)s人；超过%(s)s人的，不得超过接待对象人数的"
                    "%(r)s分之一。本次接待对象%(g)s人，陪餐上限%(l)s人，安排%(c)s人。"
                )
                % {
                    "b": config.basis,
                    "s": config.small_group,
                    "a": config.small_accompany,
                    "r": _cn_fraction(config.large_ratio),
                    "g": guests,
                    "l": limit,
                    "c": accompanying,
                },
            )
        )
    rank = standard(ranks)
    if rank is not None and meal_per_person is not None and meal_per_person > rank.meal:
        found.append(
            Breach(
                "meal_standard",
                _("工作餐人均%(c)s元，超过%(r)s标准%(s)s元/人·餐。")
                % {"c": _money(meal_per_person), "r": rank.rank, "s": _money(rank.meal)},
            )
        )
    if rank is not None and room_per_night is not None and room_per_night > rank.room:
        found.append(
            Breach(
                "room_standard",
                _("住宿每人每晚%(c)s元，超过%(r)s标准%(s)s元。")
                % {"c": _money(room_per_night), "r": rank.rank, "s": _money(rank.room)},
            )
        )
    if cash:
        found.append(
            Breach(
                "cash",
                _("%(b)s第十七条：接待费用应当以银行转账或者公务卡方式结算，不得以现金方式支付。")
                % {"b": config.basis},
            )
        )
    return found


def _cn_fraction(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def check_reception(reception: Reception, items: list[Item] | None = None) -> list[Breach]:
    """The 接待清单 as it happened: meals counted, the most diners at one meal, cost per person per meal and per
    night, cash anywhere; the planned figures when the list is still empty."""
    items = list(reception.items.all()) if items is None else items
    ranks = [g.rank for g in reception.guest_rows.select_related("rank")]
    meals = [i for i in items if i.kind == Item.Kind.MEAL]
    rooms = [i for i in items if i.kind == Item.Kind.ROOM and i.nights and i.guests]
    if not items:
        return check(
            guests=reception.planned_guests,
            accompanying=reception.planned_accompanying,
            working_meals=reception.planned_meals,
            ranks=ranks,
        )
    guests = max([i.guests for i in items] + [len(ranks), 0]) or reception.planned_guests
    per_meal = max((i.cost / (i.guests + i.accompanying) for i in meals if i.guests + i.accompanying), default=None)
    per_night = max((i.cost / (i.guests * i.nights) for i in rooms), default=None)
    return check(
        guests=guests,
        accompanying=max((i.accompanying for i in meals), default=0),
        working_meals=len(meals),
        ranks=ranks,
        meal_per_person=per_meal,
        room_per_night=per_night,
        cash=any(i.payment == Item.Payment.CASH for i in items),
    )


def differences(reception: Reception, items: list[Item] | None = None) -> list[str]:
    """What the 接待清单 says that the 公函 does not: people not named in it, more people than it announces, days
    outside its dates."""
    letter = reception.letter
    items = list(reception.items.all()) if items is None else items
    out: list[str] = []
    named = set(letter.names)
    guests = list(reception.guest_rows.all())
    extra = [g.name for g in guests if g.name not in named]
    if extra:
        out.append(_("公函未列明的人员：%(n)s") % {"n": "、".join(extra)})
    count = max([len(guests)] + [i.guests for i in items])
    if count > letter.guest_count:
        out.append(_("接待人数%(n)s人，多于公函所列%(m)s人") % {"n": count, "m": letter.guest_count})
    outside = sorted({i.date for i in items if not letter.start_date <= i.date <= letter.end_date})
    if outside:
        out.append(
            _("公函来访日期（%(a)s至%(b)s）以外的安排：%(d)s")
            % {"a": letter.start_date, "b": letter.end_date, "d": "、".join(_day(d) for d in outside)}
        )
    activities = [i for i in items if i.kind == Item.Kind.ACTIVITY and not _mentioned(i.content, letter.activities)]
    if activities:
        out.append(_("公函未列明的公务活动：%(a)s") % {"a": "、".join(i.content for i in activities)})
    return out


def _day(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def _mentioned(activity: str, letter_text: str) -> bool:
    """An activity is in the 公函 when the letter's text holds it, or two of its words (jieba) — 调研 vs 考察调研."""
    import jieba

    if activity.strip() and activity.strip() in letter_text:
        return True
    words = [w for w in jieba.lcut(activity) if len(w) >= 2]
    return bool(words) and sum(w in letter_text for w in words) >= min(2, len(words))


def summary(items: Iterable[Item]) -> dict[str, Any]:
    rows = list(items)
    return {
        "cost": sum((i.cost for i in rows), Decimal(0)),
        "meals": sum(1 for i in rows if i.kind == Item.Kind.MEAL),
        "nights": sum(i.nights * i.guests for i in rows if i.kind == Item.Kind.ROOM),
    }
