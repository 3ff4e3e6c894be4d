#!/usr/bin/env python
"""Supervision benchmark: gunicorn (4 workers) on PostgreSQL, driven from this process over loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuniu_bench .venv/bin/python bench/bench_supervision.py

Seeds the data with `manage.py seed_bench` when absent, starts gunicorn on 127.0.0.1, and reports requests/s,
p50 and p99 for: the integrators' lists measured cold (every request a different filter or page, so that no cached
body helps: open and overdue, one unit's tasks, page 100 of all tasks) — the headline figures —, the red-and-yellow
list (100 per page) cold and repeated at concurrency 1 and 8, task creation at concurrency 4, and the time to issue
one month's bulletin with its .docx and .xlsx. Every loop is bounded.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")


def run(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def token(env: dict[str, str]) -> str:
    if "bench_supervisor" not in run(
        "shell",
        "-c",
        "from shuniu.org.models import User; print(list(User.objects.values_list('username', flat=True)))",
        env=env,
    ):
        out = run("seed_bench", env=env)
        print(out.splitlines()[0])
    return run("create_token", "bench_supervisor", "--name", "bench", env=env).strip()


class Client:
    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: object = None) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - started


def load(port: int, tok: str, concurrency: int, total: int, make: object) -> dict[str, float]:
    """`total` requests from `concurrency` threads; each thread keeps one connection."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per_thread = total // concurrency

    def worker(index: int) -> None:
        client = Client(port, tok)
        for i in range(per_thread):
            method, path, body = make(index, i)  # type: ignore[operator]
            status, _data, seconds = client.call(method, path, body)
            with lock:
                latencies.append(seconds)
                errors[0] += status >= 400

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def bench_env(**extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the DATABASE_URL of the caller, for a loopback-only run."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. postgres://postgres@127.0.0.1:5432/shuniu_bench).")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SHUNIU_DEV": "",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "AUDIT_HMAC_KEY": "bench-only-audit-key-" + "y" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


@contextlib.contextmanager
def gunicorn(port: int, workers: int, env: dict[str, str], token: str) -> Iterator[None]:
    """gunicorn on 127.0.0.1:port for the duration of the block (waits until it answers /healthz)."""
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(60):
            try:
                Client(port, token).call("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.5)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--list-requests", type=int, default=800)
    parser.add_argument("--create-requests", type=int, default=400)
    args = parser.parse_args()
    env = bench_env()
    run("migrate", "-v0", env=env)
    run("createcachetable", env=env)
    tok = token(env)
    with gunicorn(args.port, args.workers, env, tok):
        results = measure(args, tok)
    print(report(results, args))


def measure(args: argparse.Namespace, tok: str) -> dict[str, dict[str, float]]:
    red_yellow = ("GET", "/api/v1/tasks?light=red,yellow&limit=100", None)
    load(args.port, tok, 4, 80, lambda t, i: red_yellow)  # warm-up
    results = {
        "list c=1": load(args.port, tok, 1, args.list_requests // 4, lambda t, i: red_yellow),
        "list c=8": load(args.port, tok, 8, args.list_requests, lambda t, i: red_yellow),
        # Every request a different page, so each one misses the list cache and runs its queries.
        "list c=8, cache misses": load(
            args.port,
            tok,
            8,
            args.list_requests,
            lambda t, i: ("GET", f"/api/v1/tasks?light=red,yellow&limit=100&offset={t * 100 + i}", None),
        ),
    }
    units = json.loads(Client(args.port, tok).call("GET", "/api/v1/units?q=" + quote("基准部门") + "&limit=50")[1])
    unit_codes = [u["code"] for u in units] or [""]
    unit = unit_codes[0]
    # The integrators' lists, cold: every request a different filter or page, so that no cached body helps.
    sorts = ("due_date", "-due_date", "code", "updated_at")
    overdue = json.loads(Client(args.port, tok).call("GET", "/api/v1/tasks?status=open&overdue=true&limit=1")[1])
    windows = max(1, overdue["count"] - 50)  # every offset lands on a full page of 50

    def open_overdue(t: int, i: int) -> tuple[str, str, object]:
        offset = (t * 997 + i * 13) % windows
        return "GET", f"/api/v1/tasks?status=open&overdue=true&limit=50&offset={offset}", None

    def per_unit(t: int, i: int) -> tuple[str, str, object]:
        code = unit_codes[(t * 7 + i) % len(unit_codes)]
        return "GET", f"/api/v1/tasks?unit={code}&sort=due_date&limit=50&offset={(i * 3 + t) % 200}", None

    def page_100(t: int, i: int) -> tuple[str, str, object]:
        offset = 9900 - ((t * 101 + i) % 97)  # page 100 of 100, a different window each time
        return "GET", f"/api/v1/tasks?sort={sorts[(t + i) % 4]}&limit=100&offset={offset}", None

    results["open-overdue c=8, cold"] = load(args.port, tok, 8, args.list_requests, open_overdue)
    results["per-unit c=8, cold"] = load(args.port, tok, 8, args.list_requests, per_unit)
    results["page 100 c=8, cold"] = load(args.port, tok, 8, args.list_requests, page_100)

    def create(t: int, i: int) -> tuple[str, str, object]:
        return (
            "POST",
            "/api/v1/tasks",
            {
                "title": f"基准新建事项 {t}-{i}",
                "source": "assigned",
                "lead_unit_code": unit,
                "start_date": "2026-11-02",
                "due_date": "2027-03-31",
                "area_tags": ["民生"],
            },
        )

    results["create c=4"] = load(args.port, tok, 4, args.create_requests, create)
    timings = []
    for _ in range(3):
        client = Client(args.port, tok)
        started = time.perf_counter()
        status, _d, issue = client.call(
            "POST", "/api/v1/bulletins", {"month": "2026-10", "reason": "基准测试：再次印发"}
        )
        _s, _docx, t_docx = client.call("GET", "/api/v1/bulletins/2026-10/docx")
        _s, _xlsx, t_xlsx = client.call("GET", "/api/v1/bulletins/2026-10/xlsx")
        timings.append(
            {
                "issue_s": issue,
                "docx_s": t_docx,
                "xlsx_s": t_xlsx,
                "total_s": time.perf_counter() - started,
                "status": status,
            }
        )
    best = sorted(timings, key=lambda t: t["total_s"])[1]  # the median of three
    results["bulletin"] = best
    return results


def report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> str:
    lines = [
        f"Machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
        f"gunicorn {args.workers} workers · {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        "| scenario | requests | errors | req/s | p50 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for name in (
        "open-overdue c=8, cold",
        "per-unit c=8, cold",
        "page 100 c=8, cold",
        "list c=8, cache misses",
        "list c=1",
        "list c=8",
        "create c=4",
    ):
        r = results[name]
        lines.append(
            f"| {name} | {r['requests']:.0f} | {r['errors']:.0f} | {r['rps']:.0f} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} |"
        )
    b = results["bulletin"]
    lines.append("")
    lines.append(
        f"Bulletin 2026-10 (10,000 tasks): issue {b['issue_s']:.2f} s + .docx {b['docx_s']:.2f} s + "
        f".xlsx {b['xlsx_s']:.2f} s = {b['total_s']:.2f} s (median of 3; HTTP {b['status']:.0f})"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
