"""The arithmetic of leave (SPEC §7), in one place: a request's end and return dates, the approval chain it takes,
the annual-leave entitlement by cumulative service and the 第四条 exclusions, and what is left of each balance."""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from shuniu.core.workdays import add_workdays, check_date, estimate_note, estimated_years, is_workday
from shuniu.leave.models import (
    Approver,
    ChainRule,
    Counts,
    Kind,
    LeaveConfig,
    LeaveRequest,
    LeaveType,
    LeaveVariant,
    Oversight,
    StaffProfile,
)

HOLDING = (LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED, LeaveRequest.Status.BACK)
TAKEN = (LeaveRequest.Status.APPROVED, LeaveRequest.Status.BACK)
RANK = [Approver.SECTION_HEAD, Approver.DEPUTY, Approver.PRINCIPAL]
MAX_DAYS = Decimal(400)


@dataclass
class Span:
    start: dt.date
    end: dt.date
    return_date: dt.date
    counts: str
    provisional_years: list[int] = field(default_factory=list)

    @property
    def note(self) -> str:
        return estimate_note(self.provisional_years) if self.provisional_years else ""


def check_days(days: Decimal) -> Decimal:
    if days <= 0 or days > MAX_DAYS or days * 2 != int(days * 2):
        raise ValidationError(_("请假天数应为 0.5 至 400 天，以半天计。"), code="days")
    return days


def span(start: dt.date, days: Decimal, counts: str) -> Span:
    """The last day of leave and the day back at work (the next working day). Working-day types count the working
    days from `start` on (holidays and rest days not counted, make-up workdays counted); calendar-day types count
    every day. A half day at the end ends on that day."""
    check_date(start)
    check_days(days)
    whole = math.ceil(days)
    if counts == Counts.WORKING:
        end = add_workdays(start - dt.timedelta(days=1), whole)
    else:
        end = check_date(start + dt.timedelta(days=whole - 1))
    back = add_workdays(end, 1)
    return Span(start, end, back, counts, estimated_years(start, back))


def counted_days(start: dt.date, last: dt.date, counts: str) -> Decimal:
    """The days a leave from `start` to `last` (inclusive) counts."""
    if last < start:
        return Decimal(0)
    if counts == Counts.CALENDAR:
        return Decimal((last - start).days + 1)
    n, day = 0, start
    while day <= last:
        n += is_workday(day)
        day += dt.timedelta(days=1)
    return Decimal(n)


_MEMO_SECONDS = 60.0
_memo: dict[str, Any] = {}


def _tables() -> dict[str, Any]:
    """The province table, its variants, the chain rules and the config: read once a minute in this process (a
    preview reads them all); every save in this process forgets them at once (`forget`, connected in apps.py)."""
    now = time.monotonic()
    if _memo.get("expires", 0.0) < now:
        types = {t.kind: t for t in LeaveType.objects.all()}
        if not types or not ChainRule.objects.exists():  # a flushed database: the defaults come back
            from shuniu.leave.defaults import ensure

            ensure()
            types = {t.kind: t for t in LeaveType.objects.all()}
        variants: dict[str, list[LeaveVariant]] = {}
        for v in LeaveVariant.objects.select_related("leave_type"):
            variants.setdefault(v.leave_type.kind, []).append(v)
        _memo.clear()
        _memo.update(
            types=types,
            variants=variants,
            chain=list(ChainRule.objects.all()),
            config=LeaveConfig.current(),
            expires=now + _MEMO_SECONDS,
        )
    return _memo


def forget(**kwargs: Any) -> None:
    """Drop this process's copy of the leave tables (a type, variant, chain rule or the config was saved)."""
    _memo.clear()


def leave_type(kind: str) -> LeaveType:
    found: LeaveType | None = _tables()["types"].get(kind)
    if found is None:
        raise ValidationError(_("没有这种假期类型：%(k)s。") % {"k": kind[:20]}, code="type")
    return found


def leave_types() -> list[LeaveType]:
    return sorted(_tables()["types"].values(), key=lambda t: (t.sort_order, t.pk))


def variants(kind: str) -> list[LeaveVariant]:
    found: list[LeaveVariant] = _tables()["variants"].get(kind, [])
    return found


def config() -> LeaveConfig:
    found: LeaveConfig = _tables()["config"]
    return found


# --- the approval chain ---------------------------------------------------------------------------------------


def _rank(slugs: set[str] | frozenset[str]) -> int:
    held = [i for i, role in enumerate(RANK) if role in slugs]
    return max(held) if held else -1


def chain(person: Any, kind: str, days: Decimal) -> list[str]:
    """The approvers' roles in order: the first rule for this type (else for every type) whose day limit the request
    fits; steps at or below the applicant's own rank are skipped (a 科室负责人's leave starts at 分管领导), so is a
    step nobody holds (a section without a head), and the 主要领导's own leave goes to a county leader."""
    found = [r for r in _tables()["chain"] if r.kind in (kind, "") and (r.max_days is None or days <= r.max_days)]
    found.sort(key=lambda r: (r.kind != kind, r.max_days is None, r.max_days or 0))
    roles = list(found[0].roles) if found else list(RANK)
    own, held = _staffed(person)
    rank = _rank(own)
    kept = [r for r in roles if r not in RANK or RANK.index(r) > rank]
    if not kept:
        kept = [RANK[rank + 1]] if rank + 1 < len(RANK) else ["county_leader"]
    staffed = [r for r in kept if r in held]  # a section without a head goes to its 分管领导
    if not staffed:  # nobody holds the steps asked for: the next rank up that somebody holds decides
        staffed = [str(r) for r in RANK[max(rank + 1, 0) :] if r not in kept and r in held][:1]
    return staffed or kept


def _staffed(person: Any) -> tuple[set[str], set[str]]:
    """(the applicant's own approver roles, the approver roles somebody else holds for his request) in one query: a
    科室负责人 of his own section; a 分管领导 (the section's own, or any when nobody oversees it); a 主要领导; a county
    leader."""
    from django.contrib.auth import get_user_model

    own: set[str] = set()
    held: set[str] = set()
    rows = (
        get_user_model()
        .objects.filter(is_active=True, groups__role__slug__in=[*RANK, "county_leader"])
        .values_list("pk", "groups__role__slug", "unit_id")
    )
    for pk, slug, unit_id in rows:
        if pk == person.pk:
            own.add(slug)
        elif slug != Approver.SECTION_HEAD or unit_id == person.unit_id:
            held.add(slug)
    if Approver.DEPUTY not in held:  # the section's 分管领导 decides even when he holds no 分管领导 role
        over = Oversight.objects.filter(unit_id=person.unit_id).values_list("leader_id", flat=True).first()
        if over is not None and over != person.pk:
            held.add(Approver.DEPUTY)
    return own, held


def role_name(slug: str) -> str:
    return str(dict(Approver.choices).get(slug, _("县委领导") if slug == "county_leader" else slug))


def approvers(person: Any, role: str) -> list[Any]:
    """Who decides the step `role` of `person`'s request: the head of his section, the leader who oversees it (any
    分管领导 when none is set), the office's 主要领导, or a county leader."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(pk=person.pk)
    if role == Approver.SECTION_HEAD:
        return list(users.filter(groups__role__slug=role, unit_id=person.unit_id))
    if role == Approver.DEPUTY:
        over = Oversight.objects.filter(unit_id=person.unit_id).select_related("leader").first()
        if over is not None and over.leader_id != person.pk:
            return [over.leader]
    return list(users.filter(groups__role__slug=role).distinct())


def _roles_of(user: Any) -> frozenset[str]:
    cached: frozenset[str] | None = getattr(user, "_leave_roles", None)
    if cached is None:
        cached = frozenset(s for s in user.groups.values_list("role__slug", flat=True) if s)
        setattr(user, "_leave_roles", cached)  # noqa: B010
    return cached


def _overseer(unit_id: int, memo: dict[int, int | None]) -> int | None:
    if unit_id not in memo:
        memo[unit_id] = Oversight.objects.filter(unit_id=unit_id).values_list("leader_id", flat=True).first()
    return memo[unit_id]


def may_decide(user: Any, request: LeaveRequest) -> bool:
    """Whether `user` decides the step `request` waits for (his roles read once; the 分管 table once per unit)."""
    role = request.next_role
    if not role or user.pk == request.person_id or role not in _roles_of(user):
        return False
    if role == Approver.SECTION_HEAD:
        return bool(user.unit_id == request.unit_id)
    if role == Approver.DEPUTY:
        memo: dict[int, int | None] = user.__dict__.setdefault("_leave_overseers", {})
        overseer = _overseer(request.unit_id, memo)
        return overseer is None or overseer == user.pk
    return True


# --- entitlements and balances ---------------------------------------------------------------------------------


def service_years(profile: StaffProfile | None, on: dt.date) -> int:
    """Completed years of cumulative service on `on` (previous employers included, breaks subtracted): the
    entitlement changes on the anniversary."""
    if profile is None:
        return 0
    months = (on.year - profile.service_start.year) * 12 + on.month - profile.service_start.month
    if on.day < profile.service_start.day:
        months -= 1
    return max(0, (months - profile.break_months) // 12)


def _taken(
    person: Any, kind: str, year: int, statuses: tuple[str, ...] = HOLDING, exclude: int | None = None
) -> Decimal:
    qs = LeaveRequest.objects.filter(person=person, kind=kind, start_date__year=year, status__in=statuses)
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.aggregate(s=Sum("days"))["s"] or Decimal(0)


@dataclass
class Entitlement:
    days: Decimal
    years: int
    reason: str


def annual_entitlement(person: Any, on: dt.date) -> Entitlement:
    """年休假 of the year of `on`: 5/10/15 working days by completed years of service (under one year none), none in a
    year with an exclusion of 第四条 (school vacations longer than the leave, 20 days of 事假, sick leave beyond the
    bound of the tier)."""
    config = _tables()["config"]
    profile = StaffProfile.objects.filter(user=person).first()
    years = service_years(profile, on)
    if profile is None:
        return Entitlement(Decimal(0), 0, _("人事干事尚未录入参加工作时间。"))
    if years < 1:
        return Entitlement(Decimal(0), years, _("累计工作不满1年，不享受年休假。"))
    tier = 0 if years < 10 else 1 if years < 20 else 2
    days = [config.annual_tier1, config.annual_tier2, config.annual_tier3][tier]
    if profile.has_school_vacation:
        return Entitlement(Decimal(0), years, _("依法享受寒暑假且天数多于年休假（第四条第一项）。"))
    taken = LeaveRequest.objects.filter(person=person, start_date__year=on.year, status__in=TAKEN).aggregate(
        personal=Sum("days", filter=Q(kind=Kind.PERSONAL)), sick=Sum("days", filter=Q(kind=Kind.SICK))
    )
    if (taken["personal"] or 0) >= config.personal_exclusion_days:
        return Entitlement(
            Decimal(0), years, _("当年请事假累计%(n)s天以上（第四条第二项）。") % {"n": config.personal_exclusion_days}
        )
    sick_bound = [config.sick_exclusion_tier1, config.sick_exclusion_tier2, config.sick_exclusion_tier3][tier]
    if (taken["sick"] or 0) >= sick_bound:
        return Entitlement(Decimal(0), years, _("当年病假累计%(n)s天以上（第四条）。") % {"n": sick_bound})
    return Entitlement(Decimal(days), years, _("累计工作%(y)s年，年休假%(d)s个工作日。") % {"y": years, "d": days})


def limit(person: Any, kind: str, on: dt.date, variant: LeaveVariant | None = None) -> Decimal | None:
    """The most days a new request of `kind` may take (None: no limit): what is left of a yearly balance, or the
    days of one occasion."""
    lt = leave_type(kind)
    if kind == Kind.ANNUAL:
        return annual_entitlement(person, on).days - _taken(person, kind, on.year)
    total = variant.days if variant is not None else lt.days
    if total is None:
        return None
    per_year = variant.per_year if variant is not None else lt.per_year
    if not per_year:
        return total
    qs = LeaveRequest.objects.filter(person=person, kind=kind, start_date__year=on.year, status__in=HOLDING)
    if variant is not None:
        qs = qs.filter(variant=variant)
    return total - (qs.aggregate(s=Sum("days"))["s"] or Decimal(0))


def plain(days: Decimal) -> Decimal:
    """10.0 → 10, 2.50 → 2.5: days as the office writes them."""
    return days.quantize(Decimal(1)) if days == days.to_integral_value() else days.normalize()


def balances(person: Any, year: int, today: dt.date) -> list[dict[str, Any]]:
    """Each type's days used (approved or back), pending, and left of the year, for the person's page."""
    on = dt.date(year, 12, 31) if year < today.year else today
    rows = LeaveRequest.objects.filter(person=person, start_date__year=year, status__in=HOLDING).values_list(
        "kind", "status", "days"
    )
    used: dict[str, Decimal] = {}
    waiting: dict[str, Decimal] = {}
    for kind, status, days in rows:
        target = waiting if status == LeaveRequest.Status.PENDING else used
        target[kind] = target.get(kind, Decimal(0)) + days
    out = []
    for lt in leave_types():
        total: Decimal | None = annual_entitlement(person, on).days if lt.kind == Kind.ANNUAL else lt.days
        per_year = lt.kind == Kind.ANNUAL or lt.per_year
        spent = used.get(lt.kind, Decimal(0)) + waiting.get(lt.kind, Decimal(0))
        out.append(
            {
                "type": lt,
                "used": plain(used.get(lt.kind, Decimal(0))),
                "pending": plain(waiting.get(lt.kind, Decimal(0))),
                "total": plain(total) if per_year and total is not None else None,
                "left": plain(total - spent) if per_year and total is not None else None,
            }
        )
    return out
