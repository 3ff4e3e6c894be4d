"""Benchmark data for 信息报送: 50,000 items over two years from 32 units (20 departments, 12 towns), a third of them
adopted (some at several levels, a few with 批示), the rest in every other state, about 200 waiting in the inbox.
Bulk-inserted (what the services would write, without their audit records): for benchmarks only."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from shuniu.information import tallies
from shuniu.information.models import Adoption, InfoItem, Instruction
from shuniu.org.models import Unit, User
from shuniu.org.roles import ROLE_BY_SLUG

ROOT = "信息基准县"
WORDS = ["重点项目", "营商环境", "乡村振兴", "基层治理", "安全生产", "民生实事", "生态环境", "招商引资"]


class Command(BaseCommand):
    help = "Seed 50,000 information items over two years for bench/bench_information.py."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--items", type=int, default=50_000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rng = random.Random(11)  # noqa: S311 (benchmark data)
        with transaction.atomic():
            root = Unit.objects.create(name=ROOT, kind=Unit.Kind.LEADERSHIP)
            root.compute_path()
            root.save(update_fields=["path", "depth"])
            units, officers = [], []
            officer_group = Group.objects.get(name=ROLE_BY_SLUG["info_officer"].name)
            for n in range(32):
                unit = Unit.objects.create(
                    name=f"信息基准单位{n + 1:02d}",
                    kind=Unit.Kind.DEPARTMENT if n < 20 else Unit.Kind.TOWN,
                    parent=root,
                )
                unit.compute_path()
                unit.save(update_fields=["path", "depth"])
                units.append(unit)
                for k in range(2):
                    officer = User.objects.create_user(
                        f"bench_xinxi_{n}_{k}", password=None, real_name=f"信息员{n}-{k}", unit=unit
                    )
                    officer.groups.add(officer_group)
                    officers.append(officer)
            editor = User.objects.create_user("bench_editor", password=None, real_name="基准编辑", unit=root)
            editor.groups.set([Group.objects.get(name=ROLE_BY_SLUG["info_editor"].name)])
            now = timezone.now()
            rows = []
            for i in range(options["items"]):
                author = officers[rng.randrange(len(officers))]
                age = dt.timedelta(days=730 * (options["items"] - i) / options["items"])
                sent = now - age
                roll = rng.random()
                status = (
                    "submitted"
                    if age.days < 10 and roll < 0.3
                    else "adopted"
                    if roll < 0.35
                    else "archived"
                    if roll < 0.75
                    else "returned"
                    if roll < 0.85
                    else "editing"
                    if age.days < 20
                    else "archived"
                )
                rows.append(
                    InfoItem(
                        code=f"XB-{i:06d}",
                        title=f"{rng.choice(WORDS)}工作信息第{i}号",
                        body="正文。" * 40,
                        unit=author.unit,
                        author=author,
                        category=rng.choice(InfoItem.Category.values),
                        status=status,
                        submitted_at=sent,
                        fingerprint=" ".join(rng.sample(WORDS, 4)),
                    )
                )
            InfoItem.objects.bulk_create(rows, batch_size=2000)
            adopted = list(
                InfoItem.objects.filter(code__startswith="XB-", status="adopted").values_list(
                    "pk", "submitted_at", "unit_id", "author_id"
                )
            )
            adoptions, instructions = [], []
            for pk, adopted_sent, unit_id, author_id in adopted:
                sent = adopted_sent or now
                adoptions.append(
                    Adoption(
                        item_id=pk,
                        unit_id=unit_id,
                        author_id=author_id,
                        level="county",
                        periodical="信息快报",
                        points=5,
                        rule="县委办刊物采用 5 分",
                        adopted_at=sent + dt.timedelta(days=1),
                    )
                )
                if rng.random() < 0.2:
                    adoptions.append(
                        Adoption(
                            item_id=pk,
                            unit_id=unit_id,
                            author_id=author_id,
                            level="city",
                            periodical="每日要情",
                            points=10,
                            rule="市委办采用 10 分",
                            adopted_at=sent + dt.timedelta(days=3),
                        )
                    )
                if rng.random() < 0.05:
                    instructions.append(
                        Instruction(
                            item_id=pk,
                            unit_id=unit_id,
                            author_id=author_id,
                            level="county",
                            leader="县领导",
                            text="阅。",
                            points=10,
                            rule="县委办刊物层级领导批示 +10 分",
                            created_at=sent + dt.timedelta(days=4),
                        )
                    )
            Adoption.objects.bulk_create(adoptions, batch_size=2000)
            Instruction.objects.bulk_create(instructions, batch_size=2000)
            InfoItem.objects.filter(pk__in=[a[0] for a in adopted]).update(points=5)
            tallies.rebuild()
        self.stdout.write(
            f"Seeded {len(rows)} items, {len(adoptions)} adoptions, {len(instructions)} instructions in "
            f"{time.perf_counter() - started:.1f}s"
        )
