"""Commands and jobs write their audit records as system:<command>, with no user — never as "the first 督查员"."""

import io

from django.core.management import call_command
from django.utils import timezone

from shuniu.audit.models import AuditRecord
from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests import services as gov
from shuniu.org.testing import make_user
from shuniu.supervision.models import Bulletin, Task
from shuniu.supervision.tests.base import D, SupervisionTestCase


class SystemActorTests(SupervisionTestCase):
    def assert_system(self, command, **filters):
        records = AuditRecord.objects.filter(actor_name=f"system:{command}", **filters)
        self.assertTrue(records.exists(), command)
        self.assertFalse(records.exclude(actor_id__isnull=True).exists())

    def test_it_escalates_as_the_job(self):
        operator = make_user("operator", self.office, "operator")
        req = gov.request_receive(
            actor=operator,
            channel="hotline",
            request_type="complaint",
            title="路灯不亮",
            content="路灯坏了",
            phone="13812341234",
        )
        gov.request_dispatch(actor=operator, req=req, unit=self.unit_a, today=D(2026, 9, 1))
        call_command("escalate_requests", "--date", "2026-11-30", stdout=io.StringIO())
        req.refresh_from_db()
        self.assertIsNotNone(req.escalated_task)
        self.assertIsNone(req.escalated_task.created_by)
        self.assert_system("escalate_requests", action="register")
        self.assert_system("escalate_requests", action="escalate", object_id=str(req.pk))
        self.assertFalse(AuditRecord.objects.filter(action="escalate", actor_id=self.supervisor.pk).exists())
        self.assertEqual(CitizenRequest.objects.filter(escalated_task__isnull=False).count(), 1)

    def test_it_issues_the_bulletin_refreshes_lights_and_reminds_as_the_job(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 10, 30), assigned=D(2026, 9, 1))
        Task.objects.filter(pk=task.pk).update(light="green", light_reason="")
        call_command("issue_bulletin", "--month", "2026-10", "--today", "2026-11-02", stdout=io.StringIO())
        self.assertIsNone(Bulletin.objects.get().issued_by)
        self.assert_system("issue_bulletin")
        call_command("refresh_lights", stdout=io.StringIO())
        self.assert_system("refresh_lights", action="refresh_lights")
        call_command("send_reminders", "--date", timezone.localdate().isoformat(), stdout=io.StringIO())
        self.assert_system("send_reminders", action="send_reminders")
