"""保密检查 (issue 15 point 2): a plan over every unit, the checklist as data, coverage by units and by items, each
finding a supervision task (保密检查整改) that only the inspector's re-check closes; outsiders, read-only users and
marked text refused."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.inspections import services
from shuniu.inspections.models import ChecklistItem, Finding, Visit
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user
from shuniu.supervision import services as supervision
from shuniu.supervision.models import Task

D = dt.date


class InspectionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bmb = make_unit("保密办", Unit.Kind.SECTION, cls.office)
        cls.inspector = make_user("baomi", bmb, "secrecy_inspector", real_name="严检查")

    def inspect(self, visit, failing=()):
        items = services.checklist()
        results = {i.pk: (i.pk not in failing, "发现问题" if i.pk in failing else "") for i in items}
        return services.visit_record(actor=self.inspector, visit=visit, results=results, inspected_on=D(2026, 5, 12))

    def test_plan_coverage_finding_and_closure_only_after_the_recheck(self):
        plan = services.plan_create(actor=self.inspector, year=2026, inspector=self.inspector)
        units = set(plan.visits.values_list("unit__name", flat=True))
        self.assertTrue({"督查室", "县发展和改革局", "县住房和城乡建设局", "价格监督检查科", "保密办"} <= units)
        self.assertEqual(services.coverage(plan).unit_rate, 0)
        with self.assertRaisesMessage(ValidationError, "已制定"):
            services.plan_create(actor=self.inspector, year=2026)
        visit = plan.visits.get(unit=self.unit_a)
        item = ChecklistItem.objects.get(text__contains="一机两用")
        self.inspect(visit, failing=[item.pk])
        cover = services.coverage(plan)
        self.assertEqual((cover.inspected, cover.units), (1, plan.visits.count()))
        self.assertEqual((cover.examined, cover.items), (12, plan.visits.count() * 12))
        finding = services.finding_raise(actor=self.inspector, visit=visit, item=item, deadline=D(2026, 6, 12),
                                         description="办公室一台涉密计算机曾接入互联网")  # fmt: skip
        task = Task.objects.get(code=finding.task_code)
        self.assertEqual((task.source, task.lead_unit, task.due_date, task.status),
                         ("inspection", self.unit_a, D(2026, 6, 12), "assigned"))  # fmt: skip
        self.assertIn(finding.code, task.source_ref)
        supervision.task_accept(actor=self.head_a, task=task)
        supervision.task_request_close(actor=self.head_a, task=task, done="已断开互联网，更换硬盘并登记")
        task.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "复查合格后方可销号"):  # a supervisor alone cannot close it
            supervision.task_approve_close(actor=self.supervisor, task=task)
        services.finding_recheck(actor=self.inspector, finding=finding, passed=False, note="硬盘未按规定销毁")
        task.refresh_from_db()
        self.assertEqual(task.status, "accepted")  # back to rectification
        with self.assertRaisesMessage(ValidationError, "尚未申请办结"):
            services.finding_recheck(actor=self.inspector, finding=finding, passed=True, note="合格")
        supervision.task_request_close(actor=self.head_a, task=task, done="硬盘已交保密办销毁")
        services.finding_recheck(actor=self.inspector, finding=finding, passed=True, note="现场复查合格")
        task.refresh_from_db()
        finding.refresh_from_db()
        self.assertEqual((task.status, finding.status, len(finding.rechecks)), ("closed", "closed", 2))
        self.assertEqual(services.coverage(plan).closed, 1)

    def test_pages_outsiders_read_only_and_bad_input(self):
        self.client.force_login(self.inspector)
        r = self.client.post("/inspections/?year=2026", follow=True)
        self.assertContains(r, "单位覆盖率")
        visit = Visit.objects.get(unit=self.unit_b)
        items = services.checklist()
        form = {f"item-{i.pk}": "pass" for i in items} | {"inspected_on": "2026-05-12", "summary": "总体规范"}
        form[f"item-{items[4].pk}"] = "fail"
        self.client.post(visit.get_absolute_url(), form)
        visit.refresh_from_db()
        self.assertEqual(visit.status, "done")
        data = {
            "what": "finding",
            "description": "涉密文件存放在个人抽屉",
            "deadline": "2026-06-01",
            "item": items[5].pk,
        }
        r = self.client.post(visit.get_absolute_url(), data, follow=True)
        self.assertContains(r, "已记录问题并转督查督办")
        finding = Finding.objects.get()
        self.assertContains(r, finding.task_code)
        with self.assertRaises(ValidationError):
            services.finding_raise(
                actor=self.inspector, visit=visit, description="机密★ 某文件内容", deadline=D(2026, 6, 1)
            )
        with self.assertRaisesMessage(ValidationError, "不能早于检查日期"):
            services.finding_raise(actor=self.inspector, visit=visit, description="问题", deadline=D(2026, 5, 1))
        self.assertEqual(Finding.objects.count(), 1)
        self.assertEqual(self.client.get("/inspections/?year=2026&export=xlsx").status_code, 200)
        with self.assertNumQueries(10):
            self.client.get("/inspections/?year=2026")
        self.client.force_login(self.clerk_b)  # an outsider to 保密检查
        self.assertEqual(self.client.get("/inspections/").status_code, 403)
        self.assertEqual(self.client.get(visit.get_absolute_url()).status_code, 403)
        self.client.force_login(self.leader)  # reads, never writes
        self.assertEqual(self.client.get(visit.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.post(visit.get_absolute_url(), form).status_code, 403)
        self.assertEqual(self.client.get("/inspections/v/BJ-1999-0001/").status_code, 404)
        with self.assertRaises(PermissionDenied):
            services.finding_recheck(actor=self.clerk_b, finding=finding, passed=True, note="合格")
