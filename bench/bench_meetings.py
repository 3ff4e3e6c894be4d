#!/usr/bin/env python
"""办会 benchmark: gunicorn (4 workers) on PostgreSQL with 100 leaders and venues and 50,000 activities (10 % weekly
for a year).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuniu_mbench .venv/bin/python bench/bench_meetings.py

Seeds the data with `manage.py seed_meetings_bench` when absent and reports, cold (every request a different leader,
venue and time): the conflict check of one new activity (`POST /api/v1/activities`, answered 201 when the slot is
free or 409 naming what holds it; target p99 ≤ 30 ms) and a leader's month view (`GET
/api/v1/leaders/{code}/activities?from=&to=`, every occurrence expanded; target p99 ≤ 50 ms), both at concurrency 8.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_supervision import Client, bench_env, gunicorn, load, run


def token(env: dict[str, str]) -> str:
    exists = "from shuniu.org.models import User; print(User.objects.filter(username='bench_secretary').exists())"
    if "True" not in run("shell", "-c", exists, env=env):
        print(run("seed_meetings_bench", env=env).strip())
    return run("create_token", "bench_secretary", "--name", "bench", env=env).strip()


def leader_codes(env: dict[str, str]) -> list[str]:
    code = (
        "from shuniu.org.models import User\n"
        "print(' '.join(str(c) for c in User.objects.filter(username__startswith='bench_leader_')"
        ".order_by('username').values_list('code', flat=True)))\n"
    )
    return run("shell", "-c", code, env=env).strip().splitlines()[-1].split()


IN_PROCESS = """
import datetime as dt, statistics, threading, time
from django.db import connections, transaction
from shuniu.meetings import schedule
from shuniu.meetings.models import Venue
from shuniu.org.models import User
leaders = list(User.objects.filter(username__startswith="bench_leader_").order_by("username"))
venues = list(Venue.objects.filter(code__startswith="bench-").order_by("code"))
tz = dt.timezone(dt.timedelta(hours=8))
today = dt.date.today()
times = []
lock = threading.Lock()
def worker(t):
    for i in range(100):
        n = t * 1000 + i
        day = today + dt.timedelta(days=(n * 41) % 180 - 90)
        start = dt.datetime(day.year, day.month, day.day, 8 + (n * 5) % 9, 15, tzinfo=tz)
        end = start + dt.timedelta(hours=1)
        slot = schedule.Slot("x", start, end, leader=leaders[(n * 7) % 100], venue=venues[(n * 3) % 100])
        began = time.perf_counter()
        with transaction.atomic():
            schedule.lock([slot])
            schedule.conflicts([slot])
            transaction.set_rollback(True)
        with lock:
            times.append(time.perf_counter() - began)
    connections.close_all()
threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
[t.start() for t in threads]; [t.join() for t in threads]
times.sort()
print(f"{statistics.median(times) * 1000:.1f} {times[int(len(times) * 0.99)] * 1000:.1f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8097)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=800)
    args = parser.parse_args()
    env = bench_env()
    run("migrate", "-v0", env=env)
    run("createcachetable", env=env)
    tok = token(env)
    leaders = leader_codes(env)
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    results = {}
    statuses: dict[int, int] = {}
    with gunicorn(args.port, args.workers, env, tok):
        load(args.port, tok, 4, 40, lambda t, i: ("GET", f"/api/v1/leaders/{leaders[i % 100]}/activities", None))

        def new_activity(t: int, i: int) -> tuple[str, str, object]:
            n = t * 1000 + i
            day = today + dt.timedelta(days=(n * 37) % 180 - 90)
            hour = 8 + (n * 7) % 9
            start = dt.datetime(
                day.year, day.month, day.day, hour, (n % 2) * 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
            )
            body = {
                "leader_code": leaders[(n * 13) % 100],
                "kind": "meeting",
                "title": f"基准新建活动{n}",
                "start": start.isoformat(),
                "end": (start + dt.timedelta(hours=1)).isoformat(),
                "venue_code": f"bench-{(n * 17) % 100:03d}",
            }
            return "POST", "/api/v1/activities", body

        def month_view(t: int, i: int) -> tuple[str, str, object]:
            n = t * 1000 + i
            first = (today.replace(day=1) - dt.timedelta(days=31 * ((n * 5) % 6))).replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return "GET", f"/api/v1/leaders/{leaders[(n * 11) % 100]}/activities?from={first}&to={last}", None

        results["new activity c=8, cold"] = load(args.port, tok, 8, args.requests, new_activity)
        results["leader's month c=8, cold"] = load(args.port, tok, 8, args.requests, month_view)
        client = Client(args.port, tok)
        for t in range(5):
            status, _body, _s = client.call(*new_activity(99, t))
            statuses[status] = statuses.get(status, 0) + 1
    print("| scenario | requests | 4xx (409 = conflict found) | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} |")
    print(f"status sample of five new activities: {statuses}")
    for threads in (1, 8):
        code = f"THREADS = {threads}\n{IN_PROCESS}"
        p50, p99 = run("shell", "-c", code, env=env).strip().splitlines()[-1].split()
        print(
            f"conflict check alone (locks + every occurrence, rolled back), {threads} thread(s): p50 {p50}, p99 {p99}"
        )


if __name__ == "__main__":
    main()
