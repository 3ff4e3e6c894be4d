"""Benchmark data: 20 units, 10,000 tasks and 50,000 progress reports, in bulk (not through the services).

The rows are what the services would write, lights included (computed by the one light function), but
bulk-inserted so that the whole set loads in well under two minutes. For benchmarks only: never on a real
database.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from shuniu.core.models import Sequence
from shuniu.core.periods import period_deadline
from shuniu.core.tokens import token_create
from shuniu.org.models import Unit, User
from shuniu.supervision.lights import compute_light, expected_progress, report_facts
from shuniu.supervision.models import AreaTag, ProgressReport, Source, SupervisionConfig, Task
from shuniu.supervision.periods import due_periods

BENCH_ROOT = "基准测试县"
YEAR = 2026
TITLES = ["推进", "完成", "落实", "加快", "开展", "深化"]
OBJECTS = [
    "老旧小区改造",
    "标准厂房建设",
    "农村公路提升",
    "河道综合治理",
    "学校扩容",
    "养老服务中心",
    "污水管网",
    "营商环境优化",
    "数字乡村建设",
    "安全隐患整治",
]


def _aware(d: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time(16)))


class Command(BaseCommand):
    help = "Seed 20 units, 10,000 tasks and 50,000 progress reports for bench/bench_supervision.py."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tasks", type=int, default=10_000)
        parser.add_argument(
            "--requests",
            type=int,
            default=0,
            help="seed this many citizen requests instead of tasks (bench/bench_governance.py)",
        )
        parser.add_argument("--reports-per-task", type=int, default=5)
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=dt.date(YEAR, 11, 26),
            help="the day the lights are judged (fixed, so runs are comparable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["requests"]:
            self._requests(options["requests"])
            return
        if Unit.objects.filter(name=BENCH_ROOT).exists():
            raise CommandError("benchmark data already seeded")
        started = time.monotonic()
        rng = random.Random(2026)  # noqa: S311 (benchmark data, not security)
        with transaction.atomic():
            units, supervisor = self._units_and_users()
            tags = [AreaTag.objects.get_or_create(name=n)[0] for n in ("工业稳增长", "乡村振兴", "生态振兴", "民生")]
            tasks = self._tasks(options["tasks"], units, supervisor, rng, options["as_of"])
            reports = self._reports(tasks, supervisor, options["reports_per_task"], rng, options["as_of"])
            self._lights(tasks, reports, options["as_of"])
            Task.area_tags.through.objects.bulk_create(
                [Task.area_tags.through(task_id=t.pk, areatag_id=tags[i % 4].pk) for i, t in enumerate(tasks)],
                batch_size=5000,
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # fresh statistics and visibility map, as in production
        _token, raw = token_create(user=supervisor, name="bench")
        self.stdout.write(f"Seeded {len(tasks)} tasks, {len(reports)} reports in {time.monotonic() - started:.1f}s")
        self.stdout.write(f"TOKEN {raw}")

    def _requests(self, count: int) -> None:
        from shuniu.demo.governance_bench import seed_requests
        from shuniu.governance.models import CitizenRequest

        if CitizenRequest.objects.filter(code__startswith="SQ-BENCH-").exists():
            raise CommandError("benchmark requests already seeded")
        started = time.monotonic()
        if not Unit.objects.filter(name=BENCH_ROOT).exists():
            with transaction.atomic():
                self._units_and_users()
        units = list(Unit.objects.filter(parent__name=BENCH_ROOT).order_by("sort_order"))
        operator = User.objects.filter(username="bench_operator").first()
        if operator is None:
            operator = User.objects.create_user("bench_operator", password=None, real_name="基准话务员", unit=units[0])
            operator.groups.set([Group.objects.get(role__slug="operator")])
        seed_requests(count, units, log=self.stdout.write)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE governance_citizenrequest")
        _token, raw = token_create(user=operator, name="bench")
        self.stdout.write(f"Seeded {count} requests in {time.monotonic() - started:.1f}s")
        self.stdout.write(f"TOKEN {raw}")

    def _units_and_users(self) -> tuple[list[Unit], User]:
        root = Unit.objects.create(name=BENCH_ROOT, kind=Unit.Kind.LEADERSHIP)
        root.compute_path()
        root.save(update_fields=["path", "depth"])
        units = []
        for i in range(20):
            unit = Unit.objects.create(
                name=f"基准部门{i + 1:02d}", kind=Unit.Kind.DEPARTMENT, parent=root, sort_order=i
            )
            unit.compute_path()
            unit.save(update_fields=["path", "depth"])
            units.append(unit)
        supervisor = User.objects.create_user("bench_supervisor", password=None, real_name="基准督查员", unit=root)
        supervisor.groups.set([Group.objects.get(role__slug="supervisor")])
        return units, supervisor

    def _tasks(self, count: int, units: list[Unit], supervisor: User, rng: random.Random, as_of: dt.date) -> list[Task]:
        sources = Source.values
        tasks = []
        for i in range(count):
            start = as_of - dt.timedelta(days=rng.randint(160, 330))
            due = as_of + dt.timedelta(days=rng.randint(-15, 400))
            tasks.append(
                Task(
                    code=f"DB-{YEAR - 1}-{i + 1:05d}",
                    title=f"{rng.choice(TITLES)}{rng.choice(OBJECTS)}（{i + 1}号）",
                    source=sources[i % len(sources)],
                    lead_unit=units[i % len(units)],
                    start_date=start,
                    due_date=due,
                    original_due_date=due,
                    report_cycle=Task.Cycle.MONTHLY,
                    status=Task.Status.ACCEPTED,
                    assigned_at=_aware(start),
                    accepted_at=_aware(start),
                    created_by=supervisor,
                    requirements="按期完成各项目标任务。",
                )
            )
        Task.objects.bulk_create(tasks, batch_size=2000)
        Sequence.objects.update_or_create(key=f"DB-{YEAR - 1}", defaults={"last_value": count})
        return list(Task.objects.filter(code__startswith=f"DB-{YEAR - 1}-").order_by("pk"))

    def _reports(
        self, tasks: list[Task], supervisor: User, per_task: int, rng: random.Random, as_of: dt.date
    ) -> list[ProgressReport]:
        """`per_task` accepted monthly reports: the most recent periods due before `as_of`."""
        reports = []
        for task in tasks:
            lag = rng.choice([0, 0, 0, 0, 0, 0, 0, 5, 15, 40])  # most on schedule, some behind
            periods = due_periods("monthly", task.start_date, as_of)[-per_task:]
            for month in periods:
                deadline = period_deadline("monthly", month)
                expected = expected_progress(task, [], deadline)
                reports.append(
                    ProgressReport(
                        task=task,
                        period_start=month,
                        done="按计划推进。",
                        progress=max(0, expected - lag),
                        status=ProgressReport.Status.ACCEPTED,
                        submitted_by=supervisor,
                        reviewed_by=supervisor,
                        reviewed_at=_aware(deadline),
                    )
                )
        ProgressReport.objects.bulk_create(reports, batch_size=5000)
        return reports

    def _lights(self, tasks: list[Task], reports: list[ProgressReport], as_of: dt.date) -> None:
        config = SupervisionConfig.current()
        by_task: dict[int, list[ProgressReport]] = {}
        for report in reports:
            by_task.setdefault(report.task_id, []).append(report)
        for task in tasks:
            facts = report_facts(by_task.get(task.pk, []))
            result = compute_light(task, as_of=as_of, config=config, facts=facts, milestones=[])
            task.light, task.light_reason = result.light, result.reason[:300]
            task.progress, task.expected_progress = result.progress, result.expected
        Task.objects.bulk_update(tasks, ["light", "light_reason", "progress", "expected_progress"], batch_size=2000)
