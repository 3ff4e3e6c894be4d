"""Reads of 信息报送, each from the model's policy: the editor's inbox, a unit's items, commissions and their
replies, where an item was printed, and the rankings (aggregated in the database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core import registry
from shuniu.core.periods import month_end
from shuniu.information.models import (
    Commission,
    InfoItem,
    InformationConfig,
    InfoTally,
    IssueEntry,
    PeriodicalIssue,
    SimilarFlag,
)
from shuniu.information.policies import commission_policy, item_policy
from shuniu.information.transitions import OPEN_STATUSES

S = InfoItem.Status
URGENT_FIRST = [InfoItem.Category.URGENT, InfoItem.Category.OPINION]


def waiting(user: Any, category: str = "") -> QuerySet[InfoItem]:
    """What waits for the 信息科 (submitted and being edited), of one category or all: the inbox's rows and counts."""
    qs = item_policy.visible(user).filter(status__in=sorted(OPEN_STATUSES))
    return qs.filter(category=category) if category else qs


def inbox(user: Any, category: str = "") -> QuerySet[InfoItem]:
    """The inbox page: urgent and 舆情 first, then oldest first, each row with its count of similarity flags."""
    flags = SimilarFlag.objects.filter(item=OuterRef("pk")).order_by().values("item").annotate(n=Count("id"))
    return (
        waiting(user, category)
        .select_related("unit")
        .defer("body", "fingerprint")
        .annotate(
            flags=Coalesce(Subquery(flags.values("n")), Value(0)),
            urgent_rank=Case(When(category__in=URGENT_FIRST, then=Value(0)), default=Value(1)),
        )
        .order_by("urgent_rank", "submitted_at", "id")
    )


def inbox_counts(user: Any) -> dict[str, int]:
    rows = waiting(user).values("category").annotate(n=Count("id")).order_by()
    return {r["category"]: r["n"] for r in rows}


def items_of(user: Any) -> QuerySet[InfoItem]:
    return item_policy.visible(user).select_related("unit", "author").order_by("-created_at", "-id")


def printed_in(item: InfoItem) -> list[PeriodicalIssue]:
    """在哪期刊用: the issued issues (corrections included) that carry the item."""
    return [
        e.issue
        for e in IssueEntry.objects.filter(item=item, issue__status=PeriodicalIssue.Status.ISSUED)
        .select_related("issue__periodical")
        .order_by("issue__issued_at")
    ]


SENT = ~Q(status=S.DRAFT)  # a reply counts once it is submitted


def with_replies(qs: QuerySet[Commission]) -> QuerySet[Commission]:
    """Commissions with their units and the units of their sent replies (two queries for any number)."""
    sent = InfoItem.objects.filter(SENT).only("pk", "unit_id", "commission_id")
    return qs.prefetch_related("units", Prefetch("replies", queryset=sent, to_attr="sent_replies"))


def missing_units(commission: Commission) -> list[Any]:
    """The named units that have not replied yet."""
    replies = getattr(commission, "sent_replies", None)
    replied = (
        {r.unit_id for r in replies}
        if replies is not None
        else set(commission.replies.filter(SENT).values_list("unit_id", flat=True))
    )
    return [u for u in commission.units.all() if u.pk not in replied]


def commissions_of(user: Any) -> QuerySet[Commission]:
    return (
        commission_policy.visible(user)
        .prefetch_related("units")
        .annotate(replied=Count("replies__unit", filter=~Q(replies__status=S.DRAFT), distinct=True))
    )


def overdue_commissions(user: Any, today: dt.date | None = None) -> list[tuple[Commission, list[Any]]]:
    """Commissions past their due date with the named units that have not replied."""
    today = today or timezone.localdate()
    past = with_replies(commission_policy.visible(user).filter(due_date__lt=today).order_by("due_date"))
    return [(c, missing) for c in past if (missing := missing_units(c))]


PERIODS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Window:
    kind: str
    start: dt.date
    end: dt.date
    label: str


def window(kind: str, year: int, number: int = 1) -> Window:
    """A month (number 1–12), quarter (1–4) or year of `year`; a ValidationError for anything else."""
    if kind not in PERIODS or not 2000 <= year <= 2100:
        raise ValidationError(_("期间应为 month、quarter 或 year，年份在 2000–2100 之间。"), code="period")
    if kind != "year" and not 1 <= number <= (12 if kind == "month" else 4):
        raise ValidationError(_("月份应为 1–12，季度应为 1–4。"), code="period")
    if kind == "month":
        start = dt.date(year, number, 1)
        return Window(kind, start, month_end(start), _("%(y)s年%(n)s月") % {"y": year, "n": number})
    if kind == "quarter":
        start = dt.date(year, 3 * (number - 1) + 1, 1)
        end = month_end(start.replace(month=start.month + 2))
        return Window(kind, start, end, _("%(y)s年第%(n)s季度") % {"y": year, "n": number})
    return Window(kind, dt.date(year, 1, 1), dt.date(year, 12, 31), _("%(y)s年") % {"y": year})


def ranking(w: Window, by: str = "unit") -> list[dict[str, Any]]:
    """Points, submitted and adopted counts and the adoption rate per unit (or per information officer) in the
    window, summed from the monthly tallies (`tallies`: ≤ 12 rows per officer for a year), the names in one more
    query. Submitted: items sent in the window; adopted: of those, the ones adopted; points: adoptions and 批示
    recorded in the window."""
    from shuniu.org.models import Unit, User

    key = "unit_id" if by == "unit" else "author_key"
    grouped = (
        InfoTally.objects.filter(month__gte=w.start, month__lte=w.end)
        .order_by()
        .values(key)
        .annotate(submitted=Sum("submitted"), adopted=Sum("adopted"), points=Sum("points"))
    )
    rows = [
        {"id": r[key] or None, "submitted": r["submitted"], "adopted": r["adopted"], "points": r["points"]}
        for r in grouped
    ]
    ids = [r["id"] for r in rows if r["id"]]
    if by == "unit":
        names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    else:
        names = dict(User.objects.filter(pk__in=ids).values_list("pk", "real_name"))
    for r in rows:
        r["name"] = names.get(r["id"]) or "—"
        r["rate"] = (r["adopted"] / r["submitted"]) if r["submitted"] else 0.0
    return sorted(rows, key=lambda r: (-r["points"], -r["adopted"], r["name"]))


def score_addition(year: int) -> registry.ScoreAddition:
    """信息积分 in the supervision assessment of `year`: kept out while the 2024 rule's switch is on (the default),
    otherwise each unit's points of the year at the configured rate, up to the cap."""
    config = InformationConfig.current()
    label = _("信息积分加分")
    if config.keep_points_out_of_assessment:
        note = InformationConfig._meta.get_field("keep_points_out_of_assessment").help_text
        return registry.ScoreAddition(label, None, note)
    rate, cap = float(config.assessment_rate), float(config.assessment_cap)
    rows = ranking(window("year", year))
    return registry.ScoreAddition(label, {r["id"]: min(cap, r["points"] * rate) for r in rows if r["id"]})


def unit_points(unit_id: int, year: int) -> int:
    w = window("year", year)
    found = InfoTally.objects.filter(unit_id=unit_id, month__gte=w.start, month__lte=w.end).aggregate(p=Sum("points"))
    return int(found["p"] or 0)
