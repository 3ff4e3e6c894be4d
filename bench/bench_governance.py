#!/usr/bin/env python
"""Citizen-request benchmark: gunicorn (4 workers) on PostgreSQL with 1,000,000 requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuniu_gbench .venv/bin/python bench/bench_governance.py

Seeds with `manage.py seed_bench --requests 1000000` when absent (timed), then reports: intake through the API at
concurrency 8, the monthly three-rate ranking, the operator's duplicate check and the public tracking lookup.
Every loop is bounded.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_supervision import ROOT, bench_env, gunicorn, load, run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8098)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--only", default="", help="run only the scenarios whose names contain this text")
    args = parser.parse_args()
    env = bench_env(
        FIELD_ENCRYPTION_KEYS="x1S3nbC4_oyzq8k0dkB5nF4qI3i-8Z2Y2p2bXo8m0hE=", PORTAL_LOOKUPS_PER_MINUTE="100000"
    )
    env["STATIC_ROOT"] = str(ROOT / "staticfiles")
    run("migrate", "-v0", env=env)
    run("createcachetable", env=env)
    run("collectstatic", "--noinput", "-v0", env=env)
    seeded = ""
    if "SQ-BENCH" not in run(
        "shell",
        "-c",
        "from shuniu.governance.models import CitizenRequest as C; "
        "print(C.objects.filter(code='SQ-BENCH-0000001').values_list('code', flat=True))",
        env=env,
    ):
        started = time.monotonic()
        run("seed_bench", "--requests", str(args.requests), env=env)
        seeded = f"seed_bench --requests {args.requests}: {time.monotonic() - started:.0f} s"
    token = run("create_token", "bench_operator", "--name", "bench", env=env).strip()
    last4 = run(  # a real tracking pair, so that the lookup renders a found request
        "shell",
        "-c",
        "from shuniu.governance.models import CitizenRequest as C; "
        "print(C.objects.get(tracking_code='B000123456').phone_last4)",
        env=env,
    ).split()[-1]
    with gunicorn(args.port, 4, env, token):
        results = measure(args.port, token, last4, args.only)
    print(
        f"Machine: {platform.node()} · {os.cpu_count()} cores · gunicorn 4 workers · {time.strftime('%Y-%m-%d %H:%M')}"
    )
    if seeded:
        print(seeded)
    print("\n| scenario | requests | errors | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['requests']:.0f} | {r['errors']:.0f} | {r['rps']:.0f} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} |"
        )


def measure(port: int, token: str, last4: str, only: str = "") -> dict[str, dict[str, float]]:
    def intake(t: int, i: int) -> tuple[str, str, object]:
        return (
            "POST",
            "/api/v1/requests",
            {
                "channel": "hotline",
                "request_type": "complaint",
                "title": f"基准来电 {t}-{i}",
                "content": "小区门口路灯不亮，晚上很黑。",
                "phone": f"139{t:02d}{i:06d}",
            },
        )

    rates = ("GET", "/api/v1/requests/rates?month=2026-10", None)
    dup = ("GET", "/api/v1/requests/duplicates?phone=13912345678&title=" + quote("南关菜市场门口占道摆摊严重"), None)
    track = ("GET", f"/portal/track/?code=B000123456&last4={last4}", None)
    # Warm-up: every worker loads its templates, caches and connections before anything is measured.
    for scenario in (intake, lambda t, i: rates, lambda t, i: dup, lambda t, i: track):
        load(port, token, 8, 80, scenario)
    scenarios: dict[str, tuple[int, int, Any]] = {
        "intake c=8": (8, 2000, intake),
        "rates (month)": (1, 20, lambda t, i: rates),
        "duplicate check c=4": (4, 800, lambda t, i: dup),
        "tracking lookup c=8": (8, 4000, lambda t, i: track),
    }
    results = {
        name: load(port, token, concurrency, total, make)
        for name, (concurrency, total, make) in scenarios.items()
        if only in name
    }
    return results


if __name__ == "__main__":
    main()
