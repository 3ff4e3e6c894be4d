#!/usr/bin/env python
"""值班/请销假 benchmark, in process (Django's test client through the whole middleware stack, no network):

    DATABASE_URL=sqlite:////tmp/bench_duty.sqlite3 .venv/bin/python bench/bench_duty.py

Reports: generating a year's roster (2026, its holidays and make-up workdays) for 60 people with 40 of them on
leave at some point (target ≤ 2 s), and `POST /api/v1/leave/preview` cold — every request a different person, type,
start date and length (target p99 ≤ 30 ms). The database is migrated and seeded when empty.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_duty.sqlite3")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

KINDS = ["annual", "personal", "sick", "marriage", "home_visit", "childcare", "business"]


def seed() -> tuple[list, list, object]:
    from shuniu.leave.models import LeaveRequest, Oversight, StaffProfile
    from shuniu.org.models import Unit
    from shuniu.org.roles import ensure_roles
    from shuniu.org.testing import make_unit, make_user

    ensure_roles()
    office = Unit.objects.filter(name="县委办公室(bench)").first()
    if office is None:
        office = make_unit("县委办公室(bench)", Unit.Kind.OFFICE)
        sections = [make_unit(f"第{i}科(bench)", Unit.Kind.SECTION, office) for i in range(6)]
        make_user("bench_director", office, "office_director", real_name="主任")
        deputy = make_user("bench_deputy", office, "deputy_director", real_name="副主任")
        make_user("bench_manager", office, "duty_officer", real_name="值班管理")
        for i, section in enumerate(sections):
            Oversight.objects.create(leader=deputy, unit=section)
            make_user(f"bench_head_{i}", section, "section_head", real_name=f"科长{i}")
        for i in range(60):
            user = make_user(f"bench_p{i:02d}", sections[i % 6], "handler", real_name=f"干部{i:02d}")
            StaffProfile.objects.create(user=user, service_start=dt.date(1990 + i % 30, 1 + i % 12, 1))
            if i < 40:  # approved leave somewhere in the year
                start = dt.date(2026, 1 + i % 12, 5 + i % 15)
                LeaveRequest.objects.create(
                    code=f"QJ-B-{i:04d}", person=user, unit=user.unit, kind="personal", start_date=start, days=3,
                    end_date=start + dt.timedelta(days=2), return_date=start + dt.timedelta(days=3),
                    counts="working_days", status="approved",
                )  # fmt: skip
    from shuniu.org.models import User

    people = list(User.objects.filter(username__startswith="bench_p").order_by("username"))
    return people[:10], people[10:], User.objects.get(username="bench_manager")


def bench_roster(leaders: list, officers: list, manager: object) -> float:
    from shuniu.duty import roster
    from shuniu.duty.models import Roster

    Roster.objects.filter(year=2026).update(status="draft")
    best = []
    for _ in range(3):
        t = time.perf_counter()
        plan = roster.roster_generate(
            actor=manager, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), leaders=leaders, officers=officers
        )
        best.append(time.perf_counter() - t)
    print(f"roster 2026 for {len(leaders) + len(officers)} people: {plan.created} duties, "
          f"{min(best):.2f} s best / {statistics.mean(best):.2f} s mean of 3 (target ≤ 2 s)")  # fmt: skip
    return min(best)


def bench_preview(people: list, n: int = 600) -> None:
    client = Client()
    times = []
    for i in range(n):
        person = people[i % len(people)]
        start = dt.date(2026, 1, 1) + dt.timedelta(days=(i * 37) % 365)
        body = {"type": KINDS[i % len(KINDS)], "start_date": start.isoformat(), "days": str(Decimal(1 + i % 9))}
        if body["type"] == "home_visit":
            body["variant"] = "探望配偶"
        client.force_login(person)
        t = time.perf_counter()
        r = client.post("/api/v1/leave/preview", body, content_type="application/json")
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code not in (200, 400):
            raise SystemExit(f"preview answered {r.status_code}: {r.content[:200]!r}")
    times.sort()
    p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99) - 1]
    print(f"leave preview cold, {n} requests: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 ≤ 30 ms)")


def bench_attendance() -> None:
    """500 people, 15,000 clock rows in November 2026 (30 a person: in and out on 15 working days)."""
    from django.contrib.auth.hashers import make_password

    from shuniu.duty import attendance
    from shuniu.duty.models import Punch
    from shuniu.leave.models import StaffProfile
    from shuniu.org.models import Unit, User

    if not User.objects.filter(username="bench_a499").exists():
        unit = Unit.objects.get(name="第0科(bench)")
        password = make_password(None)
        users = User.objects.bulk_create(
            [User(username=f"bench_a{i:03d}", real_name=f"职工{i}", unit=unit, password=password) for i in range(500)]
        )
        StaffProfile.objects.bulk_create(
            [StaffProfile(user=u, service_start=dt.date(2010, 1, 1), clock_id=f"A{i:03d}") for i, u in enumerate(users)]
        )
        days = [dt.date(2026, 11, d) for d in range(2, 30) if dt.date(2026, 11, d).weekday() < 5][:15]
        Punch.objects.bulk_create(
            [Punch(person=u, date=d, check_in=dt.time(8, 10 + i % 40), check_out=dt.time(17, 45), source="clock")
             for i, u in enumerate(users) for d in days],
            batch_size=5000,
        )  # fmt: skip
    times = []
    for _ in range(3):
        t = time.perf_counter()
        rows = attendance.month_stats(2026, 11, today=dt.date(2026, 11, 30))
        times.append(time.perf_counter() - t)
    punches = Punch.objects.filter(date__month=11).count() * 2
    print(f"attendance November 2026, {len(rows)} people from {punches} clock punches: "
          f"{min(times):.2f} s best / {statistics.mean(times):.2f} s mean of 3 (target ≤ 1 s)")  # fmt: skip


def main() -> None:
    call_command("migrate", verbosity=0)
    leaders, officers, manager = seed()
    bench_roster(leaders, officers, manager)
    bench_preview(leaders + officers)
    bench_attendance()


if __name__ == "__main__":
    main()
