"""Benchmark data for 办会: 100 leaders and 100 venues, 50,000 activities over a year around today, a tenth of them
weekly for a year. Bulk-inserted (what the services would write, without their checks and audit records, so some
seeded rows overlap): for benchmarks only."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from shuniu.meetings import schedule
from shuniu.meetings.models import Activity, Occurrence, Venue
from shuniu.org.models import Unit, User
from shuniu.org.roles import ROLE_BY_SLUG

KINDS = ["meeting", "research", "reception", "trip", "other"]


class Command(BaseCommand):
    help = "Seed 100 leaders, 100 venues and 50,000 activities (10 % weekly for a year) for bench/bench_meetings.py."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--activities", type=int, default=50_000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rng = random.Random(12)  # noqa: S311 (benchmark data)
        tz = timezone.get_current_timezone()
        with transaction.atomic():
            root = Unit.objects.create(name="办会基准县", kind=Unit.Kind.LEADERSHIP)
            root.compute_path()
            root.save(update_fields=["path", "depth"])
            group = Group.objects.get(name=ROLE_BY_SLUG["county_leader"].name)
            leaders = []
            for n in range(100):
                leader = User.objects.create_user(
                    f"bench_leader_{n:03d}", password=None, real_name=f"基准领导{n:03d}", unit=root
                )
                leader.groups.add(group)
                leaders.append(leader)
            secretary = User.objects.create_user("bench_secretary", password=None, real_name="基准秘书", unit=root)
            secretary.groups.set([Group.objects.get(name=ROLE_BY_SLUG["secretary"].name)])
            venues = Venue.objects.bulk_create(
                [Venue(code=f"bench-{n:03d}", name=f"基准会议室{n:03d}", capacity=20 + n) for n in range(100)]
            )
            first = timezone.localdate() - dt.timedelta(days=182)
            rows = []
            for i in range(options["activities"]):
                day = first + dt.timedelta(days=rng.randrange(365))
                start = dt.datetime.combine(day, dt.time(rng.choice([8, 9, 10, 14, 15, 16]), rng.choice([0, 30])), tz)
                end = start + dt.timedelta(minutes=rng.choice([60, 90, 120, 180]))
                weekly = (i // 100) % 10 == 0  # a tenth of every leader's activities
                rule = "FREQ=WEEKLY;COUNT=52" if weekly else ""
                rows.append(
                    Activity(
                        code=f"HD-B-{i:06d}",
                        leader=leaders[i % 100],
                        venue=venues[rng.randrange(100)] if rng.random() < 0.3 else None,
                        kind=KINDS[i % 5],
                        title=f"基准活动{i}",
                        start=start,
                        end=end,
                        recurrence=rule,
                        series_end=end + dt.timedelta(weeks=51) if weekly else end,
                        created_by=secretary,
                    )
                )
            Activity.objects.bulk_create(rows, batch_size=2000)
            occurrences = [
                Occurrence(activity=a, leader_id=a.leader_id, venue_id=a.venue_id, start=b, end=e)
                for a in rows
                for b, e in schedule.all_occurrences(a.start, a.end, a.recurrence)
            ]
            Occurrence.objects.bulk_create(occurrences, batch_size=5000)
        self.stdout.write(
            f"Seeded {len(rows)} activities ({len(occurrences)} occurrences) for 100 leaders in "
            f"{time.perf_counter() - started:.1f}s"
        )
