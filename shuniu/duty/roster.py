"""The 24-hour duty roster (SPEC §7): generate a rotation over a date range, assign and replace, publish, swap —
and never put on duty anyone on approved leave that day. When leave is approved after publication the duties it hits
are flagged with a suggested replacement (same role, fewest duties this month, not away, not on duty that day)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.workdays import check_date, holiday_name, is_workday
from shuniu.duty.models import Duty, DutyConfig, Roster, Shift, Swap
from shuniu.leave import selectors as leave_selectors

MANAGE = "duty.manage_roster"
MAX_SPAN = 366
Away = dict[int, list[tuple[dt.date, dt.date, str]]]


def require_manager(actor: Any) -> None:
    if not has_perm(actor, MANAGE):
        raise PermissionDenied


def away_on(away: Away, person_id: int, day: dt.date) -> str:
    return next((label for a, b, label in away.get(person_id, []) if a <= day <= b), "")


def roster_for(year: int, month: int) -> Roster:
    roster, _created = Roster.objects.get_or_create(year=year, month=month, defaults={"code": f"ZB-{year}{month:02d}"})
    return roster


@dataclass
class Plan:
    created: int
    skipped_holidays: int
    refused: list[str]


def roster_generate(
    *,
    actor: Any,
    start: dt.date,
    end: dt.date,
    leaders: Sequence[Any],
    officers: Sequence[Any],
    holiday_leaders: Sequence[Any] = (),
    holiday_officers: Sequence[Any] = (),
    rotation: str | None = None,
    holiday_mode: str | None = None,
) -> Plan:
    """Rotate `leaders` (one a day) and `officers` (each shift's count) over [start, end]: daily or weekly; holidays
    skipped or given the holiday people; make-up workdays run the workday shifts. A person away that day is passed
    over for the next in turn. Draft months only: the days of the range are replaced; a published month is refused."""
    require_manager(actor)
    check_date(start), check_date(end)
    if end < start or (end - start).days >= MAX_SPAN:
        raise ValidationError(_("排班日期范围应在一年以内，且结束不早于开始。"), code="range")
    if not leaders or not officers:
        raise ValidationError(_("请选择带班领导和值班员。"), code="people")
    config = DutyConfig.current()
    rotation = rotation or config.rotation
    holiday_mode = holiday_mode or config.holiday_mode
    months = {(d.year, d.month) for d in _days(start, end)}
    published = Roster.objects.filter(status=Roster.Status.PUBLISHED)
    if any(published.filter(year=y, month=m).exists() for y, m in months):
        raise ValidationError(_("所选日期所在月份的值班表已发布，请逐项调整或换班。"), code="published")
    shifts = list(Shift.objects.all()) or _default_shifts()
    everyone = {p.pk for p in (*leaders, *officers, *holiday_leaders, *holiday_officers)}
    away = leave_selectors.away(everyone, start, end)
    rows: list[Duty] = []
    skipped = 0
    refused: list[str] = []
    turn = {"leader": 0, "officer": 0, "hleader": 0, "hofficer": 0}
    rosters = {(y, m): roster_for(y, m) for y, m in months}
    for n, day in enumerate(_days(start, end)):
        holiday = holiday_name(day)
        workday = is_workday(day)
        if holiday and holiday_mode == DutyConfig.HolidayMode.SKIP:
            skipped += 1
            continue
        use_holiday = bool(holiday and (holiday_leaders or holiday_officers))
        pool_l = list(holiday_leaders) if use_holiday and holiday_leaders else list(leaders)
        pool_o = list(holiday_officers) if use_holiday and holiday_officers else list(officers)
        kl, ko = ("hleader", "hofficer") if use_holiday else ("leader", "officer")
        step = (
            n
            if rotation == DutyConfig.Rotation.DAILY
            else (day - (start - dt.timedelta(days=start.weekday()))).days // 7
        )
        roster = rosters[(day.year, day.month)]
        taken: set[int] = set()
        leader = _next(pool_l, turn, kl, step, rotation, day, away, taken)
        if leader is None:
            refused.append(_("%(d)s 没有可排的带班领导（均在假）") % {"d": day})
        else:
            rows.append(Duty(roster=roster, date=day, role=Duty.Role.LEADER, person=leader, holiday=holiday))
        for shift in shifts:
            if not shift.runs_on(workday):
                continue
            for _i in range(shift.officers):
                officer = _next(pool_o, turn, ko, step, rotation, day, away, taken)
                if officer is None:
                    refused.append(_("%(d)s %(s)s 没有可排的值班员") % {"d": day, "s": shift.name})
                    continue
                rows.append(
                    Duty(roster=roster, date=day, role=Duty.Role.OFFICER, shift=shift, person=officer, holiday=holiday)
                )
    with transaction.atomic():
        Duty.objects.filter(date__gte=start, date__lte=end).delete()
        Duty.objects.bulk_create(rows, batch_size=1000)
        audit.record(
            actor=actor,
            action="generate",
            object_type="duty.roster",
            object_repr=_("%(a)s 至 %(b)s 值班表") % {"a": start, "b": end},
            changes={"duties": [None, len(rows)], "rotation": [None, rotation], "holiday_mode": [None, holiday_mode]},
        )
    return Plan(len(rows), skipped, refused)


def _default_shifts() -> list[Shift]:
    """The shifts of migration 0002, again when the table is empty (a flushed test database)."""
    seed_shifts(Shift)
    return list(Shift.objects.all())


def seed_shifts(model: Any) -> None:
    """The office's default shifts: a night duty every day, a day duty on rest days and holidays."""
    if not model.objects.exists():
        model.objects.create(
            name="白班", start=dt.time(8, 30), end=dt.time(17, 30), days="rest", officers=1, sort_order=1
        )
        model.objects.create(
            name="夜班", start=dt.time(17, 30), end=dt.time(8, 30), days="all", officers=1, sort_order=2
        )


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _next(
    pool: list[Any], turn: dict[str, int], key: str, step: int, rotation: str, day: dt.date, away: Away, taken: set[int]
) -> Any:
    """The next person of `pool` in turn who is not away and not yet on duty that day (weekly rotation: the week's
    person, or the next free one)."""
    if not pool:
        return None
    base = turn[key] if rotation == DutyConfig.Rotation.DAILY else step
    for i in range(len(pool)):
        person = pool[(base + i) % len(pool)]
        if person.pk not in taken and not away_on(away, person.pk, day):
            taken.add(person.pk)
            if rotation == DutyConfig.Rotation.DAILY:
                turn[key] = base + i + 1
            return person
    return None


def check_free(person: Any, day: dt.date, exclude: int | None = None) -> None:
    """ValidationError when `person` is on approved leave or already on duty that day."""
    label = leave_selectors.on_leave(person.pk, day)
    if label:
        raise ValidationError(
            _("%(p)s %(d)s 在假（%(l)s），不能安排值班。") % {"p": person, "d": day, "l": label}, code="on_leave"
        )
    busy = Duty.objects.filter(person=person, date=day)
    if exclude is not None:
        busy = busy.exclude(pk=exclude)
    if busy.exists():
        raise ValidationError(_("%(p)s %(d)s 已有值班安排。") % {"p": person, "d": day}, code="busy")


def duty_replace(*, actor: Any, duty: Duty, person: Any, reason: str = "") -> Duty:
    """Put `person` on this duty instead (a manager's adjustment, or accepting the suggestion); audited."""
    require_manager(actor)
    check_free(person, duty.date, exclude=duty.pk)
    with transaction.atomic():
        before = str(duty.person)
        duty.person, duty.flag, duty.suggested = person, "", None
        duty.save(update_fields=["person", "flag", "suggested"])
        audit.record(
            actor=actor, action="replace", obj=duty, changes={"person": [before, str(person)], "reason": [None, reason]}
        )
    return duty


def roster_publish(*, actor: Any, roster: Roster) -> Roster:
    require_manager(actor)
    if not roster.duties.exists():
        raise ValidationError(_("值班表还没有安排，不能发布。"), code="empty")
    with transaction.atomic():
        roster.status, roster.published_at = Roster.Status.PUBLISHED, timezone.now()
        roster.save(update_fields=["status", "published_at"])
        audit.record(actor=actor, action="publish", obj=roster, changes={"status": ["draft", "published"]})
    return roster


def suggest(duty: Duty, away: Away | None = None) -> Any:
    """The replacement for a duty: someone with the same role this month, fewest duties this month, not away and not
    on duty that day."""
    return suggestions([duty], away).get(duty.pk)


def suggestions(duties: Sequence[Duty], away: Away | None = None) -> dict[int, Any]:
    """`suggest` for several duties at once (a leave that hits a week of duties): the month's counts, the days'
    people, who is away and the chosen accounts read once — five queries whatever the number of duties."""
    if not duties:
        return {}
    months = {(d.date.year, d.date.month) for d in duties}
    counts: dict[tuple[int, int, str], Counter[int]] = {}
    rows = (
        Duty.objects.filter(date__year__in={y for y, _m in months}, date__month__in={m for _y, m in months})
        .values_list("date__year", "date__month", "role", "person")
        .annotate(n=Count("id"))
        .order_by()
    )
    for y, m, role, person, n in rows:
        counts.setdefault((y, m, role), Counter())[person] = n
    busy: dict[dt.date, set[int]] = {}
    for day, person in (
        Duty.objects.filter(date__in={d.date for d in duties}).order_by().values_list("date", "person_id")
    ):
        busy.setdefault(day, set()).add(person)
    everyone = {p for c in counts.values() for p in c}
    if away is None:
        away = leave_selectors.away(everyone, min(d.date for d in duties), max(d.date for d in duties))
    chosen: dict[int, int] = {}
    for duty in duties:
        pool = counts.get((duty.date.year, duty.date.month, duty.role), Counter())
        free = [
            p
            for p in pool
            if p != duty.person_id and p not in busy.get(duty.date, set()) and not away_on(away, p, duty.date)
        ]
        if free:
            chosen[duty.pk] = min(free, key=lambda p: (pool[p], p))
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk(set(chosen.values()))
    return {pk: users[p] for pk, p in chosen.items()}


def flag_leave(leave: Any) -> int:
    """Approved leave hits published duties: each is flagged with the leave and a suggested replacement."""
    hit = list(
        Duty.objects.filter(
            person_id=leave.person_id,
            date__gte=leave.start_date,
            date__lte=leave.end_date,
            roster__status=Roster.Status.PUBLISHED,
        )
    )
    found = suggestions(hit)
    for duty in hit:
        duty.flag = _("%(p)s 请假（%(c)s），请调整") % {"p": leave.person, "c": leave.code}
        duty.suggested = found.get(duty.pk)
    Duty.objects.bulk_update(hit, ["flag", "suggested"])
    if hit:
        _notify_managers(leave, len(hit))
    return len(hit)


def _notify_managers(leave: Any, n: int) -> None:
    from shuniu.notifications.services import notify
    from shuniu.org.selectors import holders

    notify(
        recipients=holders(MANAGE),
        title=_("值班冲突：%(p)s 请假，%(n)s 个值班需调整") % {"p": leave.person, "n": n},
        url="/duty/",
        level="warning",
    )


def swap_request(*, actor: Any, duty: Duty, to_person: Any, reason: str, today: dt.date | None = None) -> Swap:
    """换班: the person on duty (or a manager) asks to give it to another; that day's 带班领导 decides."""
    from shuniu.core.guard import refuse_marked

    if actor.pk != duty.person_id and not has_perm(actor, MANAGE):
        raise PermissionDenied
    refuse_marked([(_("事由"), reason)], user=actor, where="duty.swap")
    if not reason.strip():
        raise ValidationError(_("请填写换班事由。"), code="reason")
    if duty.date < (today or timezone.localdate()):
        raise ValidationError(_("已过去的值班不能换班。"), code="past")
    if Swap.objects.filter(duty=duty, status=Swap.Status.PENDING).exists():
        raise ValidationError(_("该值班已有待审批的换班申请。"), code="pending")
    check_free(to_person, duty.date)
    with transaction.atomic():
        swap = Swap.objects.create(duty=duty, to_person=to_person, requested_by=actor, reason=reason.strip()[:200])
        audit.record(actor=actor, action="swap_request", obj=duty, changes={"to": [None, str(to_person)]})
    return swap


def day_leader(day: dt.date) -> Duty | None:
    return Duty.objects.filter(date=day, role=Duty.Role.LEADER).select_related("person").first()


def may_decide_swap(actor: Any, swap: Swap, leader: Duty | None = None) -> bool:
    """That day's 带班领导; for a swap of the leader's own duty, the office's leave overseers (not the leader)."""
    leader = leader if leader is not None else day_leader(swap.duty.date)
    own = leader is not None and leader.pk == swap.duty_id
    return (leader is not None and leader.person_id == actor.pk and not own) or (
        own and has_perm(actor, "leave.view_all_leave") and actor.pk != swap.duty.person_id
    )


def swap_decide(*, actor: Any, swap: Swap, approve: bool) -> Swap:
    """Only that day's 带班领导 decides a swap (a swap of the leader's own duty: the office director)."""
    if not may_decide_swap(actor, swap):
        raise PermissionDenied
    if swap.status != Swap.Status.PENDING:
        raise ValidationError(_("该换班申请已处理。"), code="decided")
    with transaction.atomic():
        if approve:
            check_free(swap.to_person, swap.duty.date, exclude=swap.duty.pk)
            before = str(swap.duty.person)
            swap.duty.person = swap.to_person
            swap.duty.flag, swap.duty.suggested = "", None
            swap.duty.save(update_fields=["person", "flag", "suggested"])
            audit.record(actor=actor, action="swap", obj=swap.duty, changes={"person": [before, str(swap.to_person)]})
        swap.status = Swap.Status.APPROVED if approve else Swap.Status.REFUSED
        swap.decided_by = actor
        swap.save(update_fields=["status", "decided_by"])
    return swap
