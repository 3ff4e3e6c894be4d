"""考勤 (SPEC §7): web check-in/out, a time clock's export imported (.xlsx or CSV in UTF-8 or GBK/GB18030, row
errors, all-or-nothing), and the month's statistics per person and section — present, late, early leave, on leave,
duty rest, absent — over the working days of the calendar, with leave read at once from 请销假."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.excel import ImportReport, RowError, read_sheet, xlsx_bytes
from shuniu.core.workdays import add_workdays, check_date, is_workday
from shuniu.duty.models import Duty, DutyConfig, Punch
from shuniu.leave import selectors as leave_selectors

VIEW = "duty.view_attendance"
COLUMNS = ["工号", "姓名", "打卡时间"]
NIGHT_ENDS_BEFORE = dt.time(12, 0)  # a night shift (17:30–08:30) ends the next morning, before noon


def punch(*, actor: Any, now: dt.datetime | None = None) -> Punch:
    """签到 on the first punch of the day, 签退 on every later one (the last counts)."""
    local = timezone.localtime(now or timezone.now())
    with transaction.atomic():
        row, created = Punch.objects.select_for_update().get_or_create(
            person=actor, date=local.date(), defaults={"check_in": local.time().replace(microsecond=0)}
        )
        if not created:
            row.check_out = local.time().replace(microsecond=0)
            row.save(update_fields=["check_out"])
    return row


def _parse(text: str) -> dt.datetime | None:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).replace(tzinfo=timezone.get_current_timezone())
        except ValueError:
            continue
    return None


def clock_import(*, actor: Any, fileobj: IO[bytes]) -> ImportReport:
    """One punch per row (工号, 姓名, 打卡时间); each person-day keeps its first and last punch, merged with what is
    there. Any bad row (an unknown 工号, a time that is not one) means nothing is written."""
    if not has_perm(actor, VIEW):
        raise PermissionDenied
    rows, errors = read_sheet(fileobj, columns=COLUMNS, required=["工号", "打卡时间"])
    ids = leave_selectors.clock_ids()
    days: dict[tuple[int, dt.date], list[dt.time]] = defaultdict(list)
    for row in rows:
        v = row.values
        person = ids.get(v.get("工号", "").strip())
        when = _parse(v.get("打卡时间", ""))
        if person is None:
            errors.append(RowError(row.number, "工号", _("没有这个考勤工号：%(c)s") % {"c": v.get("工号", "")[:20]}))
        if when is None:
            errors.append(RowError(row.number, "打卡时间", _("应为“2026-11-02 08:21”格式的时间")))
        elif not 1990 <= when.year <= 2100:
            errors.append(RowError(row.number, "打卡时间", _("日期超出可计算范围")))
        if person is not None and when is not None:
            days[(person, when.date())].append(when.time())
    if errors:
        return ImportReport(errors=errors)
    with transaction.atomic():
        existing = {
            (p.person_id, p.date): p
            for p in Punch.objects.filter(
                person_id__in={k[0] for k in days}, date__in={k[1] for k in days}
            ).select_for_update()
        }
        new, changed = [], []
        for (person, day), times in days.items():
            first, last = min(times), max(times)
            kept = existing.get((person, day))
            if kept is None:
                new.append(Punch(person_id=person, date=day, check_in=first, check_out=last if last > first else None,
                                 source=Punch.Source.CLOCK))  # fmt: skip
            else:
                kept.check_in = min(t for t in (kept.check_in, first) if t is not None)
                kept.check_out = max(t for t in (kept.check_out, last) if t is not None)
                changed.append(kept)
        Punch.objects.bulk_create(new, batch_size=2000)
        Punch.objects.bulk_update(changed, ["check_in", "check_out"], batch_size=2000)
        audit.record(
            actor=actor, action="import", object_type="duty.punch", object_repr=_("考勤机记录"),
            changes={"rows": [None, len(rows)], "days": [None, len(days)]},
        )  # fmt: skip
    return ImportReport(created=len(rows))


@dataclass
class PersonMonth:
    person: Any
    unit: str
    workdays: int = 0
    present: int = 0
    late: int = 0
    early: int = 0
    leave: int = 0
    duty_rest: int = 0
    absent: int = 0
    days: dict[dt.date, str] = field(default_factory=dict)


def month_stats(year: int, month: int, today: dt.date | None = None, people: Any = None) -> list[PersonMonth]:
    """Each person's month: every working day (make-up days included, holidays not) up to today is present (late /
    early leave counted beside), on leave, duty rest (the working day after a night duty) or absent. Four queries."""
    today = today or timezone.localdate()
    first = check_date(dt.date(year, month, 1))
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    workdays = [d for d in (first + dt.timedelta(days=i) for i in range(last.day)) if is_workday(d) and d <= today]
    config = DutyConfig.current()
    users = (
        people if people is not None else get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
    )
    users = list(users.select_related("unit").order_by("unit__sort_order", "unit_id", "id"))
    punches = {
        (p, d): (i, o)
        for p, d, i, o in Punch.objects.filter(date__gte=first, date__lte=last).values_list(
            "person_id", "date", "check_in", "check_out"
        )
    }
    away = leave_selectors.all_away(first, last)
    rest: set[tuple[int, dt.date]] = set()
    if config.night_rest:
        nights = Duty.objects.filter(
            date__gte=first - dt.timedelta(days=7),
            date__lte=last,
            role=Duty.Role.OFFICER,
            shift__end__lt=NIGHT_ENDS_BEFORE,
        ).values_list("person_id", "date")
        rest = {(p, add_workdays(d, 1)) for p, d in nights}
    out = []
    for user in users:
        row = PersonMonth(user, user.unit.name if user.unit else "")
        spans = away.get(user.pk, [])
        for day in workdays:
            row.workdays += 1
            if any(a <= day <= b for a, b, _l in spans):
                row.leave += 1
                row.days[day] = "leave"
            elif (user.pk, day) in rest:
                row.duty_rest += 1
                row.days[day] = "rest"
            elif (user.pk, day) in punches:
                check_in, check_out = punches[(user.pk, day)]
                row.present += 1
                row.late += bool(check_in and check_in > config.work_start)
                row.early += bool(day < today and (check_out is None or check_out < config.work_end))
                row.days[day] = "present"
            else:
                row.absent += 1
                row.days[day] = "absent"
        out.append(row)
    return out


def sections(rows: list[PersonMonth]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for r in rows:
        t = totals.setdefault(r.unit, {"unit": r.unit, "people": 0, "present": 0, "late": 0, "early": 0, "leave": 0,
                                       "duty_rest": 0, "absent": 0})  # fmt: skip
        t["people"] += 1
        for key in ("present", "late", "early", "leave", "duty_rest", "absent"):
            t[key] += getattr(r, key)
    return list(totals.values())


def stats_xlsx(year: int, month: int, rows: list[PersonMonth]) -> bytes:
    headers = [
        _("姓名"),
        _("科室"),
        _("应出勤（工作日）"),
        _("出勤"),
        _("迟到"),
        _("早退"),
        _("请假"),
        _("值班补休"),
        _("缺勤"),
    ]
    data = [
        [str(r.person), r.unit, r.workdays, r.present, r.late, r.early, r.leave, r.duty_rest, r.absent] for r in rows
    ]
    return xlsx_bytes(headers, data, title=_("%(y)s年%(m)s月考勤统计") % {"y": year, "m": month})
