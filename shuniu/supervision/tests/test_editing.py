"""Tasks are editable and pushable (issue 10, point 4): 修改 after 立项 audited field by field and told to the lead
unit, 催办 / 督办单 now (once a day per kind), bulk 交办."""

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.audit.models import AuditRecord
from shuniu.notifications.models import Notification
from shuniu.supervision import editing
from shuniu.supervision.models import Task
from shuniu.supervision.tests.base import D, SupervisionTestCase


class EditTests(SupervisionTestCase):
    def _form(self, task, **extra):
        data = {
            "title": task.title,
            "source": task.source,
            "lead_unit": task.lead_unit_id,
            "start_date": task.start_date.isoformat(),
            "due_date": task.due_date.isoformat(),
            "report_cycle": task.report_cycle,
            "ms-TOTAL_FORMS": "1",
            "ms-INITIAL_FORMS": "0",
        }
        data.update(extra)
        return data

    def test_an_edit_is_audited_field_by_field_and_the_lead_unit_is_told(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.supervisor)
        self.assertContains(self.client.get(task.get_absolute_url()), f"/supervision/tasks/{task.code}/edit/")
        data = self._form(
            task,
            due_date="2027-01-29",
            co_units=[self.unit_b.pk],
            leader=self.leader.pk,
            reason="县委常委会调整时限",
            **{"ms-0-date": "2026-12-15", "ms-0-description": "完成主体", "ms-0-planned_progress": "60"},
        )
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(f"/supervision/tasks/{task.code}/edit/", data, follow=True)
        self.assertContains(r, f"已修改 {task.code}")
        task.refresh_from_db()
        self.assertEqual(
            (task.due_date, task.leader, task.milestones.get().planned_progress), (D(2027, 1, 29), self.leader, 60)
        )
        rec = AuditRecord.objects.get(action="edit")
        self.assertEqual(rec.changes["due_date"], ["2026-12-31", "2027-01-29"])
        self.assertEqual(rec.changes["co_units"], [[], [self.unit_b.name]])
        self.assertEqual(rec.changes["milestones"], [[], ["2026-12-15 完成主体 60%"]])
        self.assertEqual(rec.changes["reason"], [None, "县委常委会调整时限"])
        note = Notification.objects.get(recipient=self.head_a)
        self.assertIn("截止日期", note.title)
        self.assertIn("配合单位", note.title)

    def test_a_title_only_edit_tells_nobody_and_bad_input_writes_nothing(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.supervisor)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/supervision/tasks/{task.code}/edit/", self._form(task, title="新标题"))
        self.assertFalse(Notification.objects.filter(title__startswith="督办事项有变更").exists())
        before = AuditRecord.objects.count()
        r = self.client.post(f"/supervision/tasks/{task.code}/edit/", self._form(task, due_date="2026-01-01"))
        self.assertContains(r, "截止日期不能早于开始日期")
        self.assertEqual(AuditRecord.objects.count(), before)

    def test_outsiders_and_units_may_not_edit(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(f"/supervision/tasks/{task.code}/edit/").status_code, 404)
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get(f"/supervision/tasks/{task.code}/edit/").status_code, 403)
        self.client.force_login(self.leader)  # reads all, manages nothing
        self.assertEqual(self.client.post(f"/supervision/tasks/{task.code}/edit/", self._form(task)).status_code, 403)

    def test_a_closed_task_is_not_edited(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        Task.objects.filter(pk=task.pk).update(status="closed")
        task.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "不能执行此操作"):
            editing.task_update(
                actor=self.supervisor,
                task=task,
                title="x",
                source=task.source,
                lead_unit=task.lead_unit,
                start_date=task.start_date,
                due_date=task.due_date,
            )


class PushTests(SupervisionTestCase):
    def test_push_sends_now_once_a_day_per_kind(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.supervisor)
        url = f"/supervision/tasks/{task.code}/do/push/"
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(url, {"kind": "duban", "reason": "请于周五前整改到位"}, follow=True)
        self.assertContains(r, f"已发送催办 {task.code}")
        note = Notification.objects.get(recipient=self.head_a)
        self.assertTrue(note.title.startswith("督办单："))
        self.assertEqual(note.body, "请于周五前整改到位")
        r = self.client.post(url, {"kind": "duban"}, follow=True)
        self.assertContains(r, "今天已向牵头单位发送过督办单")
        self.assertEqual(Notification.objects.filter(recipient=self.head_a).count(), 1)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"kind": "cuiban"})  # another kind the same day is allowed
        self.assertEqual(Notification.objects.filter(recipient=self.head_a).count(), 2)
        self.assertEqual(AuditRecord.objects.filter(action__startswith="push_").count(), 2)

    def test_a_unit_may_not_push(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.clerk_a)
        self.assertEqual(
            self.client.post(f"/supervision/tasks/{task.code}/do/push/", {"kind": "cuiban"}).status_code, 403
        )
        with self.assertRaises(PermissionDenied):
            editing.task_push(actor=self.clerk_a, task=task)


class BulkAssignTests(SupervisionTestCase):
    def test_bulk_assign_assigns_the_ticked_registered_tasks(self):
        tasks = [self.make_task(title=f"批量{i}") for i in range(3)]
        assigned = self.make_task(title="已交办", assigned=D(2026, 9, 1))
        self.client.force_login(self.supervisor)
        page = self.client.get("/supervision/tasks/").content.decode()
        self.assertIn('name="codes"', page)
        codes = [t.code for t in tasks[:2]] + [assigned.code]
        r = self.client.post("/supervision/tasks/bulk-assign/", {"codes": codes}, follow=True)
        self.assertContains(r, "已交办2项")
        statuses = dict(Task.objects.values_list("code", "status"))
        self.assertEqual([statuses[t.code] for t in tasks], ["assigned", "assigned", "registered"])
        self.assertEqual(AuditRecord.objects.filter(action="assign").count(), 3)  # the two, and the earlier one
        self.client.force_login(self.clerk_a)
        self.assertEqual(
            self.client.post("/supervision/tasks/bulk-assign/", {"codes": [tasks[2].code]}).status_code, 403
        )
