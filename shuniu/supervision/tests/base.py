import datetime as dt

from django.utils import timezone

from shuniu.org.testing import BaseTestCase
from shuniu.supervision import services
from shuniu.supervision.models import ProgressReport, Task

D = dt.date


def at(d: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time(hour)))


class SupervisionTestCase(BaseTestCase):
    def make_task(
        self,
        *,
        start=None,
        due=None,
        lead=None,
        source="annual",
        assigned=None,
        cycle="monthly",
        co_units=(),
        title="推进老旧小区改造",
        **extra,
    ) -> Task:
        start, due = start or D(2026, 9, 1), due or D(2026, 12, 31)
        task = services.task_register(
            actor=self.supervisor,
            title=title,
            source=source,
            lead_unit=lead or self.unit_a,
            start_date=start,
            due_date=due,
            report_cycle=cycle,
            co_units=co_units,
            **extra,
        )
        if assigned:
            services.task_assign(actor=self.supervisor, task=task, today=assigned)
            Task.objects.filter(pk=task.pk).update(assigned_at=at(assigned, 9))
            task.refresh_from_db()
        return task

    def accepted_report(self, task: Task, *, period: dt.date, progress: int, reviewed: dt.date) -> ProgressReport:
        return ProgressReport.objects.create(
            task=task,
            period_start=period,
            progress=progress,
            done="进展",
            status="accepted",
            submitted_by=self.clerk_a,
            reviewed_by=self.supervisor,
            reviewed_at=at(reviewed, 17),
        )
