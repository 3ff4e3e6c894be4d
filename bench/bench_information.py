#!/usr/bin/env python
"""信息报送 benchmark: gunicorn (4 workers) on PostgreSQL with 50,000 items over two years.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuniu_ibench .venv/bin/python bench/bench_information.py

Seeds the data with `manage.py seed_information_bench` when absent and reports, cold (every request a different
category, page, period or grouping): the editor's inbox (`GET /api/v1/info-items/inbox`) and the yearly unit ranking
(`GET /api/v1/info-rankings`) at concurrency 8 (targets p99 ≤ 100 ms), then the time to issue a 40-item periodical with
its .docx (target ≤ 1 s).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_supervision import bench_env, gunicorn, load, run

CATEGORIES = ["", "news", "experience", "problem", "urgent", "opinion"]


def token(env: dict[str, str]) -> str:
    users = run(
        "shell",
        "-c",
        "from shuniu.org.models import User; print(User.objects.filter(username='bench_editor').exists())",
        env=env,
    )
    if "True" not in users:
        print(run("seed_information_bench", env=env).strip())
    return run("create_token", "bench_editor", "--name", "bench", env=env).strip()


def issue_forty(env: dict[str, str]) -> str:
    """Compile and issue 40 adopted items through the services, timed inside one process (median of 3)."""
    code = (
        "import time, statistics\n"
        "from shuniu.org.models import User\n"
        "from shuniu.information import periodicals\n"
        "from shuniu.information.models import InfoItem, Periodical\n"
        "editor = User.objects.get(username='bench_editor')\n"
        "quick = Periodical.objects.get(name='信息快报')\n"
        "adopted = InfoItem.objects.filter(status='adopted').order_by('-submitted_at')\n"
        "codes = list(adopted.values_list('code', flat=True)[:120])\n"
        "times = []\n"
        "for n in range(3):\n"
        "    issue = periodicals.issue_compile(actor=editor, periodical=quick, codes=codes[40 * n : 40 * n + 40])\n"
        "    t = time.perf_counter()\n"
        "    periodicals.issue_publish(actor=editor, issue=issue)\n"
        "    times.append(time.perf_counter() - t)\n"
        "print(f'{statistics.median(times):.2f}')\n"
    )
    return run("shell", "-c", code, env=env).strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8098)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=800)
    args = parser.parse_args()
    env = bench_env()
    run("migrate", "-v0", env=env)
    run("createcachetable", env=env)
    tok = token(env)
    results = {}
    with gunicorn(args.port, args.workers, env, tok):
        load(args.port, tok, 4, 40, lambda t, i: ("GET", "/api/v1/info-items/inbox", None))  # warm-up

        def inbox(t: int, i: int) -> tuple[str, str, object]:
            return "GET", f"/api/v1/info-items/inbox?category={CATEGORIES[(t + i) % 6]}&offset={(t * 7 + i) % 50}", None

        def ranking(t: int, i: int) -> tuple[str, str, object]:
            year = 2025 + (t + i) % 2
            by = "unit" if (i // 2) % 2 == 0 else "author"
            return "GET", f"/api/v1/info-rankings?period=year&year={year}&by={by}&n={1 + (i % 3)}", None

        results["inbox c=8, cold"] = load(args.port, tok, 8, args.requests, inbox)
        results["yearly ranking c=8, cold"] = load(args.port, tok, 8, args.requests, ranking)
    seconds = issue_forty(env)
    print("| scenario | requests | errors | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} |")
    print(f"Issuing a 40-item periodical with its .docx: {seconds} s (median of 3)")


if __name__ == "__main__":
    main()
