"""Benchmark data for 办文: 200,000 documents (100,000 incoming and 100,000 outgoing) over five years in 60
units, with realistic titles, 文号 and 收文号, plus 400 signed documents waiting for 编号 under the prefix 基准发.
Bulk-inserted (what the services would write, without their checks and audit records): for benchmarks only."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from shuniu.documents.models import DocPrefix, DocType, Incoming, Outgoing
from shuniu.documents.terms import terms
from shuniu.org.models import Unit, User
from shuniu.org.roles import ROLE_BY_SLUG

TOPICS = [
    "安全生产",
    "防汛抗旱",
    "乡村振兴",
    "营商环境",
    "信访维稳",
    "耕地保护",
    "森林防火",
    "疫情防控",
    "招商引资",
    "民生实事",
    "生态环境保护",
    "河长制",
    "重点项目建设",
    "作风建设",
    "人居环境整治",
    "食品安全",
    "消防安全",
    "高校毕业生就业",
    "冬季供暖",
    "老旧小区改造",
    "城乡医保",
    "义务教育",
    "养老服务",
    "文明城市创建",
    "国土空间规划",
    "财政预算",
    "审计整改",
    "统计调查",
]
VERBS = ["关于做好", "关于进一步加强", "关于开展", "关于印发", "关于报送", "关于落实", "关于深入推进", "关于切实抓好"]
ENDS = {
    "notice": "工作的通知",
    "opinion": "工作的意见",
    "report": "工作情况的报告",
    "request": "经费的请示",
    "letter": "事宜的函",
}
SOURCES = [
    "市委办公室",
    "市政府办公室",
    "省委办公厅",
    "市应急管理局",
    "市发展改革委",
    "市农业农村局",
    "市信访局",
    "市人社局",
]


class Command(BaseCommand):
    help = "Seed 200,000 documents and 400 documents waiting for 编号 for bench/bench_documents.py."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--documents", type=int, default=200_000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rng = random.Random(13)  # noqa: S311 (benchmark data)
        tz = timezone.get_current_timezone()
        half = options["documents"] // 2
        with transaction.atomic():
            root = Unit.objects.create(name="办文基准县", kind=Unit.Kind.LEADERSHIP)
            root.compute_path()
            root.save(update_fields=["path", "depth"])
            units = []
            for n in range(60):
                unit = Unit.objects.create(name=f"基准单位{n:02d}", kind=Unit.Kind.DEPARTMENT, parent=root)
                unit.compute_path()
                unit.save(update_fields=["path", "depth"])
                units.append(unit)
            clerk = User.objects.create_user("bench_wenshu", password=None, real_name="基准文书", unit=root)
            clerk.groups.set([Group.objects.get(name=ROLE_BY_SLUG["doc_clerk"].name)])
            principal = User.objects.create_user("bench_principal", password=None, real_name="基准主任", unit=root)
            principal.groups.set([Group.objects.get(name=ROLE_BY_SLUG["office_director"].name)])
            prefix = DocPrefix.objects.create(
                prefix="基准发", issuer="基准县委办公室", mark="基准县委办公室文件", unit=root, principal=principal
            )
            first = timezone.localdate() - dt.timedelta(days=5 * 365)
            seqs: dict[int, int] = {}
            out, inc = [], []
            for i in range(half):
                kind = rng.choice(list(ENDS))
                title = f"{rng.choice(VERBS)}{rng.choice(TOPICS)}{ENDS[kind]}"
                day = first + dt.timedelta(days=rng.randrange(5 * 365))
                at = dt.datetime.combine(day, dt.time(rng.randrange(8, 18), rng.randrange(60)), tz)
                seqs[day.year] = seqs.get(day.year, 0) + 1
                out.append(
                    Outgoing(
                        code=f"FW-B-{i:06d}",
                        title=title,
                        doc_type=kind if kind in DocType.values else "notice",
                        prefix=prefix,
                        drafting_unit=units[i % 60],
                        drafter=clerk,
                        body="各单位：\n" + rng.randbytes(3000).hex(),  # a real body's size, stored out of line
                        status="archived",
                        signer=principal,
                        signer_name="基准主任",
                        signed_on=day,
                        issued_on=day,
                        doc_number=f"基准办{i % 7}发〔{day.year}〕{seqs[day.year]}号",
                        terms=terms(title),
                        sealed_at=at,
                    )
                )
                received = f"{rng.choice(VERBS)}{rng.choice(TOPICS)}{ENDS[rng.choice(list(ENDS))]}"
                source = rng.choice(SOURCES)
                inc.append(
                    Incoming(
                        code=f"SW-B-{i:06d}",
                        unit=units[(i * 7) % 60],
                        title=received,
                        source_org=source,
                        terms=terms(received, source),
                        source_doc_number=f"市委办发〔{day.year}〕{i % 500 + 1}号",
                        status=rng.choice(["archived", "closed", "handling", "reading", "registered"]),
                        received_at=at,
                        year=day.year,
                        receipt_seq=i + 1,
                        receipt_number=f"收〔{day.year}〕{i + 1}号",
                        due_date=day + dt.timedelta(days=21),
                    )
                )
            Outgoing.objects.bulk_create(out, batch_size=5000)
            Incoming.objects.bulk_create(inc, batch_size=5000)
            # auto_now_add stamped today: the rows keep the dates they were made up with
            Outgoing.objects.filter(code__startswith="FW-B-").update(created_at=F("sealed_at"))
            Incoming.objects.filter(code__startswith="SW-B-").update(created_at=F("received_at"))
            waiting = [
                Outgoing(
                    code=f"FW-N-{i:04d}",
                    title=f"关于基准编号第{i}号的通知",
                    doc_type="notice",
                    prefix=prefix,
                    drafting_unit=root,
                    drafter=clerk,
                    body="正文",
                    status="signed",
                    signer=principal,
                    signer_name="基准主任",
                    signed_on=timezone.localdate(),
                    issued_on=timezone.localdate(),
                )
                for i in range(400)
            ]
            Outgoing.objects.bulk_create(waiting)
        if connection.vendor == "postgresql":  # fresh statistics, as autovacuum would give them later
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE documents_outgoing")
                cursor.execute("ANALYZE documents_incoming")
        self.stdout.write(f"seeded {2 * half} documents and 400 to number in {time.perf_counter() - started:.0f} s")
