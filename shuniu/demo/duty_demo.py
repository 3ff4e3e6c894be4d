"""The demo office's 请销假 and 值班 (issue 14): service records, who oversees which section, the roster of this
month (published, and back to the last holiday's month for its holiday roster) and next (draft), a night's log, the
last holiday's 值班信息日报, leave in every state and two months of attendance — dated from the day loaded."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from shuniu.core.periods import month_end
from shuniu.core.workdays import holiday_name, is_workday
from shuniu.duty import log, report, roster
from shuniu.duty.models import Duty, Punch, Roster
from shuniu.leave import rules
from shuniu.leave import selectors as leave_selectors
from shuniu.leave import services as leave
from shuniu.leave.models import LeaveRequest, Oversight, StaffProfile
from shuniu.org.models import Unit, User

# username, years of cumulative service, months of service break
SERVICE = [
    ("director", 26, 0), ("fuzhuren", 21, 0), ("fuzhuren2", 15, 6), ("kezhang", 18, 0), ("renshi", 4, 0),
    ("huawu", 2, 0), ("mishu", 11, 0), ("wenshu", 7, 0), ("duchayuan", 14, 0), ("xinxiyuan", 9, 0), ("zhiban", 6, 0),
]  # fmt: skip
OVERSIGHT = {
    "fuzhuren": ["综合科", "秘书科", "值班室"],
    "fuzhuren2": ["信息科", "机要科", "督查室", "保密办", "接待办"],
}


def _first_roster_month(today: dt.date) -> dt.date:
    """This month, or the month of the last statutory holiday of the past four months (its holiday roster shown)."""
    for back in range(0, 121):
        day = today - dt.timedelta(days=back)
        if holiday_name(day):
            return min(day.replace(day=1), today.replace(day=1))
    return today.replace(day=1)


def load(now: dt.datetime) -> int:
    """Build once; returns the number of leave requests created."""
    if StaffProfile.objects.exists():
        return 0
    today = timezone.localtime(now).date()
    users = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in SERVICE] + ["leader"])}
    for i, (name, years, breaks) in enumerate(SERVICE):
        if name in users:
            start = today.replace(year=today.year - years) - dt.timedelta(days=40 * i)
            StaffProfile.objects.create(
                user=users[name], service_start=start, break_months=breaks, clock_id=f"{1001 + i}", married=years > 5
            )
    for name, units in OVERSIGHT.items():
        for unit in Unit.objects.filter(name__in=units, parent__name="县委办公室"):
            Oversight.objects.get_or_create(unit=unit, defaults={"leader": users[name]})
    manager = users["zhiban"]
    leaders = [users[n] for n in ("fuzhuren", "fuzhuren2", "director")]
    officers = [users[n] for n in ("zhiban", "mishu", "wenshu", "xinxiyuan", "duchayuan", "huawu")]
    first = _first_roster_month(today)
    following = month_end(today) + dt.timedelta(days=1)
    months = []
    start = first
    while start <= following:
        months.append(start)
        start = month_end(start) + dt.timedelta(days=1)
    for start in months:
        roster.roster_generate(
            actor=manager,
            start=start,
            end=month_end(start),
            leaders=leaders,
            officers=officers,
            holiday_leaders=[users["director"], users["fuzhuren"]],
            holiday_officers=[users["zhiban"], users["mishu"], users["duchayuan"]],
        )
    for start in months[:-1]:
        roster.roster_publish(actor=manager, roster=Roster.objects.get(year=start.year, month=start.month))
    _log(manager, now)
    _holiday_report(manager, today)
    made = _leave(users, today)
    _attendance(users, today)
    return made


def _log(officer: User, now: dt.datetime) -> None:
    """A night's log: a call closed, a handover item still open, and a call raised to urgent information."""
    hour = dt.timedelta(hours=1)
    done = log.entry_create(
        actor=officer, kind="call", at=now - 20 * hour, unit="县应急管理局", caller="值班员", now=now,
        content="报告：今晚有大风降温，已启动低温雨雪冰冻应急预案Ⅳ级响应。",
    )  # fmt: skip
    log.entry_close(actor=officer, entry=done, handling="已报告带班领导，通知各镇街做好防范。")
    log.entry_create(
        actor=officer, kind="handover", at=now - 14 * hour, now=now,
        content="市委办公室通知明日上午报送元旦春节期间安全生产工作安排，请下一班跟进。",
    )  # fmt: skip
    fire = log.entry_create(
        actor=officer, kind="call", at=now - 3 * hour, unit="湖滨镇", caller="镇党政办", now=now,
        content="湖滨镇临湖村一处民房起火，消防已到场，暂无人员伤亡，原因正在调查。",
    )  # fmt: skip
    log.entry_to_urgent(
        actor=officer, entry=fire, title="湖滨镇临湖村民房火灾", level="general", place="湖滨镇临湖村", now=now
    )


def _leave(users: dict[str, User], today: dt.date) -> int:
    week = today + dt.timedelta(days=7 - today.weekday())  # next Monday
    made = 0

    def ask(who: str, kind: str, start: dt.date, days: int, reason: str) -> LeaveRequest:
        nonlocal made
        made += 1
        return leave.leave_apply(
            actor=users[who], kind=kind, start_date=start, days=Decimal(days), reason=reason, destination="县内"
        )

    def agree(req: LeaveRequest, steps: int | None = None) -> None:
        for role in req.chain[: steps if steps is not None else len(req.chain)]:
            leave.leave_approve(actor=rules.approvers(req.person, role)[0], leave=req, reason="同意")

    ask("huawu", "personal", week + dt.timedelta(days=1), 1, "孩子开家长会")  # waiting for the 科室负责人
    two = ask("renshi", "annual", week + dt.timedelta(days=14), 4, "回老家探望父母")
    agree(two, 1)  # waiting for the 分管领导
    # approved after the roster was published: its duties are flagged with a suggested replacement
    hit = (
        Duty.objects.filter(person=users["wenshu"], date__gt=today, roster__status="published").order_by("date").first()
    )
    agree(ask("wenshu", "annual", hit.date if hit else week, 2, "家中老人住院陪护"))
    back = ask("duchayuan", "sick", today - dt.timedelta(days=20), 1, "感冒发烧")
    agree(back)
    leave.leave_back(actor=users["duchayuan"], leave=back, today=back.return_date)
    refused = ask("mishu", "personal", week + dt.timedelta(days=2), 1, "私事")
    leave.leave_refuse(
        actor=rules.approvers(refused.person, refused.next_role)[0],
        leave=refused,
        reason="当日有县委常委会，请另行安排",
    )
    withdrawn = ask("xinxiyuan", "personal", week + dt.timedelta(days=3), 1, "办理证件")
    leave.leave_withdraw(actor=users["xinxiyuan"], leave=withdrawn, today=today)
    late = ask("zhiban", "personal", today - dt.timedelta(days=6), 2, "回乡处理家事")
    agree(late)  # not back by the return date: flagged to the section's leader
    return made


def _holiday_report(officer: User, today: dt.date) -> None:
    """The 值班信息日报 of the last holiday day on the roster: a call that morning, compiled and sent on time."""
    days = Duty.objects.exclude(holiday="").filter(date__lt=today).order_by("-date").values_list("date", flat=True)
    day = next(iter(days), None)
    if day is None:
        return
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 40)))
    call = log.entry_create(
        actor=officer, kind="call", at=at, unit="县文化和旅游局", caller="值班员", now=at,
        content="报告：节日期间全县A级景区累计接待游客3.2万人次，秩序良好，无安全事故。",
    )  # fmt: skip
    log.entry_close(actor=officer, entry=call, handling="已报带班领导，纳入当日值班信息日报。")
    made = report.report_compile(actor=officer, day=day)
    report.report_send(actor=officer, report=made, content=made.content, now=made.due_at - dt.timedelta(minutes=25))


def _attendance(users: dict[str, User], today: dt.date) -> None:
    """Punches of every working day from the first of last month to yesterday: mostly on time, some late or leaving
    early, nothing on the days a person is on leave (the statistics show them as on leave, or absent)."""
    rng = random.Random(today.toordinal())  # noqa: S311 (demo data, not security)
    start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    people = [users[n] for n, _y, _b in SERVICE if n in users]
    away = leave_selectors.away([p.pk for p in people], start, today)
    rows = []
    day = start
    while day < today:
        if is_workday(day):
            for person in people:
                if roster.away_on(away, person.pk, day) or rng.random() < 0.01:
                    continue
                late = rng.random() < 0.05
                early = rng.random() < 0.03
                check_in = dt.time(8, rng.randint(35, 55) if late else rng.randint(0, 28))
                check_out = dt.time(17, rng.randint(0, 20)) if early else dt.time(17, rng.randint(31, 59))
                rows.append(Punch(person=person, date=day, check_in=check_in, check_out=check_out, source="clock"))
        day += dt.timedelta(days=1)
    Punch.objects.bulk_create(rows, batch_size=2000)
