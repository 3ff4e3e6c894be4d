#!/usr/bin/env python
"""办文 benchmark: gunicorn (4 workers) on PostgreSQL with 200,000 documents (100,000 incoming, 100,000 outgoing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuniu_dbench .venv/bin/python bench/bench_documents.py

Seeds the data with `manage.py seed_documents_bench` when absent and reports, cold (every request a different word,
文号, unit or date range): the registry search (`GET /api/v1/incoming` and `/api/v1/outgoing` with `q`, dates;
target p99 ≤ 100 ms at concurrency 8); 编号 of 400 signed documents at concurrency 8 (`POST
/api/v1/outgoing/{code}/number`; target 0 errors and, from `GET /api/v1/doc-numbers/gaps`, 0 gaps); and one
outgoing .docx rendered (`gbt9704.render`, in process; target ≤ 300 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_supervision import Client, bench_env, gunicorn, load, run

WORDS = [
    "安全生产",
    "防汛",
    "乡村振兴",
    "营商环境",
    "信访",
    "耕地保护",
    "森林防火",
    "招商引资",
    "民生实事",
    "生态环境",
    "河长制",
    "重点项目",
    "作风建设",
    "人居环境",
    "食品安全",
    "消防",
    "就业",
    "供暖",
    "老旧小区",
    "医保",
    "义务教育",
    "养老服务",
]

RENDER = """
import time, statistics
from shuniu.documents import gbt9704
from shuniu.documents.models import Outgoing
doc = Outgoing.objects.select_related("prefix").filter(code__startswith="FW-B-").first()
line = "各单位要高度重视，切实加强组织领导，确保各项任务落到实处。"
doc.body = "\\n".join(["一、总体要求", "（一）" + line * 6] * 12)
doc.cc, doc.attachments_note = "县人大常委会办公室，县政府办公室，县政协办公室", "任务分解表\\n联系人名单"
times = []
for _ in range(20):
    began = time.perf_counter(); data = gbt9704.render(doc); times.append(time.perf_counter() - began)
times.sort()
print(f"{statistics.median(times) * 1000:.0f} {times[-1] * 1000:.0f} {len(data)}")
"""


def u(path: str) -> str:
    """The path with its Chinese query words percent-encoded."""
    return quote(path, safe="/?=&-")


def token(env: dict[str, str]) -> str:
    exists = "from shuniu.org.models import User; print(User.objects.filter(username='bench_wenshu').exists())"
    if "True" not in run("shell", "-c", exists, env=env):
        print(run("seed_documents_bench", env=env).strip())
    return run("create_token", "bench_wenshu", "--name", "bench", env=env).strip()


FRESH = """
import time
from django.utils import timezone
from shuniu.documents.models import DocPrefix, Outgoing
from shuniu.org.models import User
clerk, principal = User.objects.get(username="bench_wenshu"), User.objects.get(username="bench_principal")
prefix, run = DocPrefix.objects.get(prefix="基准发"), int(time.time())
rows = Outgoing.objects.bulk_create([
    Outgoing(code=f"FW-N{run % 100000}-{i:03d}", title=f"关于基准编号{i}的通知", doc_type="notice", prefix=prefix,
             drafting_unit=prefix.unit, drafter=clerk, body="正文", status="signed", signer=principal,
             signer_name="基准主任", signed_on=timezone.localdate(), issued_on=timezone.localdate())
    for i in range(COUNT)
])
print(" ".join(r.code for r in rows))
"""


def waiting(env: dict[str, str], count: int) -> list[str]:
    """`count` new signed documents waiting for 编号 (every run numbers its own)."""
    return run("shell", "-c", f"COUNT = {count}\n{FRESH}", env=env).strip().splitlines()[-1].split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8096)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=800)
    args = parser.parse_args()
    env = bench_env()
    run("migrate", "-v0", env=env)
    run("createcachetable", env=env)
    tok = token(env)
    codes = waiting(env, args.requests // 2)
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    results = {}
    with gunicorn(args.port, args.workers, env, tok):
        load(args.port, tok, 4, 40, lambda t, i: ("GET", u(f"/api/v1/incoming?q={WORDS[i % len(WORDS)]}"), None))

        def incoming(t: int, i: int) -> tuple[str, str, object]:
            n = t * 1000 + i
            word = WORDS[(n * 7) % len(WORDS)]
            if n % 3 == 0:
                start = today - dt.timedelta(days=(n * 13) % 1500)
                return (
                    "GET",
                    u(f"/api/v1/incoming?q={word}&date_from={start}&date_to={start + dt.timedelta(days=90)}"),
                    None,
                )
            if n % 3 == 1:
                return "GET", u(f"/api/v1/incoming?q=收〔{2022 + n % 5}〕{(n * 37) % 90000 + 1}号"), None
            return "GET", u(f"/api/v1/incoming?q={word}&offset={(n % 5) * 50}"), None

        def outgoing(t: int, i: int) -> tuple[str, str, object]:
            n = t * 1000 + i
            word = WORDS[(n * 11) % len(WORDS)]
            if n % 2 == 0:
                return "GET", u(f"/api/v1/outgoing?q={word}&status=archived&offset={(n % 4) * 50}"), None
            return "GET", u(f"/api/v1/outgoing?q=〔{2022 + n % 5}〕{(n * 31) % 20000 + 1}号"), None

        results["收文 search c=8, cold"] = load(args.port, tok, 8, args.requests, incoming)
        results["发文 search c=8, cold"] = load(args.port, tok, 8, args.requests, outgoing)
        batch = codes[: args.requests // 2]
        results["编号 c=8"] = load(
            args.port,
            tok,
            8,
            len(batch),
            lambda t, i: ("POST", f"/api/v1/outgoing/{batch[t * (len(batch) // 8) + i]}/number", {}),
        )
        client = Client(args.port, tok)
        _s, body, _t = client.call("GET", u(f"/api/v1/doc-numbers/gaps?prefix=基准发&year={today.year}"))
        gaps = json.loads(body)
        _s, body, _t = client.call("GET", f"/api/v1/doc-numbers?year={today.year}")
        row = next(r for r in json.loads(body) if r["prefix"] == "基准发")
    print("| scenario | requests | errors | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} |")
    used = row["used"]
    contiguous = used == list(range(1, len(used) + 1))
    print(f"numbers used this year {len(used)}, 1..{max(used) if used else 0}, contiguous: {contiguous}")
    print(f"gap report {gaps}")
    p50, worst, size = run("shell", "-c", RENDER, env=env).strip().splitlines()[-1].split()
    print(f"one outgoing .docx in process: p50 {p50} ms, worst of 20 {worst} ms ({size} bytes)")


if __name__ == "__main__":
    main()
