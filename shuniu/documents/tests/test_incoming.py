"""收文 (issue 13, points 1, 2, 7): 签收 → 登记 → 初审 → 承办 → 传阅 → 催办 → 办结 → 归档, limits in working days around
the 2026 National Day, a leader's 批示 that becomes supervision tasks in one action, delivery inside Shuniu."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from shuniu.documents import incoming as services
from shuniu.documents import outgoing as out_services
from shuniu.documents.instructions import TaskAsk, incoming_instruct
from shuniu.documents.models import Circulation, DocumentConfig, Incoming
from shuniu.documents.tests.base import DocumentsTestCase

I = Incoming.Status  # noqa: E741
SEPT_30 = dt.datetime(2026, 9, 30, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class IncomingFlowTests(DocumentsTestCase):
    def receive(self, **extra):
        values = {
            "title": "关于开展冬季消防安全检查的通知",
            "source_org": "市委办公室",
            "source_doc_number": "市委办发〔2026〕88号",
        }
        values.update(extra)
        return services.incoming_receive(actor=extra.pop("actor", self.clerk), **values)

    def test_receipt_numbers_per_year_and_limits_counted_over_the_national_day(self):
        extra = services.incoming_register(actor=self.clerk, incoming=self.receive(urgency="特急", received_at=SEPT_30))
        expedited = services.incoming_register(
            actor=self.clerk, incoming=self.receive(urgency="加急", received_at=SEPT_30)
        )
        normal = services.incoming_register(actor=self.clerk, incoming=self.receive(received_at=SEPT_30))
        self.assertEqual(
            [d.receipt_number for d in (extra, expedited, normal)], ["收〔2026〕1号", "收〔2026〕2号", "收〔2026〕3号"]
        )
        # Oct 1–7 off; Oct 8, 9 and Saturday Oct 10 (a make-up workday) count
        self.assertEqual(extra.due_date, dt.date(2026, 10, 10))
        self.assertEqual(expedited.due_date, dt.date(2026, 10, 13))
        self.assertEqual(normal.due_date, dt.date(2026, 10, 27))
        config = DocumentConfig.current()
        config.limit_extra = 1
        config.save()
        self.assertEqual(
            services.incoming_register(
                actor=self.clerk, incoming=self.receive(urgency="特急", received_at=SEPT_30)
            ).due_date,
            dt.date(2026, 10, 8),
        )

    def test_telegram_levels_and_bad_input_are_refused_with_nothing_written(self):
        for level in ("平急", "特提"):
            with self.assertRaisesMessage(ValidationError, "电报"):
                self.receive(urgency=level)
        with self.assertRaisesMessage(ValidationError, "来文单位"):
            self.receive(source_org="")
        with self.assertRaises(ValidationError):
            self.receive(title="机密★ 关于某事项的通知")
        with self.assertRaises(ValidationError):
            self.receive(received_at=dt.datetime(1900, 1, 1, tzinfo=dt.UTC))
        self.assertFalse(Incoming.objects.exists())

    def test_first_review_returns_with_reasons(self):
        document = services.incoming_register(actor=self.clerk, incoming=self.receive())
        with self.assertRaisesMessage(ValidationError, "退回理由"):
            services.incoming_return(actor=self.clerk, incoming=document, reason="")
        services.incoming_return(actor=self.clerk, incoming=document, reason="缺附件，请补齐后再报")
        document.refresh_from_db()
        self.assertEqual((document.status, document.status_reason), (I.RETURNED, "缺附件，请补齐后再报"))

    @override_settings(CELERY_TASK_ALWAYS_EAGER=True)
    def test_circulation_who_holds_it_who_has_not_read_it_urge_once_a_day_then_close_and_archive(self):
        document = services.incoming_register(actor=self.clerk, incoming=self.receive())
        services.incoming_distribute(actor=self.clerk, incoming=document, readers=[self.director, self.leader])
        self.assertEqual(document.status, I.READING)
        services.incoming_read(actor=self.director, incoming=document, reason="已阅，请各科室落实")
        rows = {c.reader.username: c for c in Circulation.objects.filter(incoming=document).select_related("reader")}
        self.assertIsNotNone(rows["director"].read_at)
        self.assertIsNone(rows["leader"].read_at)
        with self.assertRaises(PermissionDenied):  # already read
            services.incoming_read(actor=self.director, incoming=document)
        with self.captureOnCommitCallbacks(execute=True):
            services.incoming_urge(actor=self.clerk, incoming=document)
        with self.assertRaisesMessage(ValidationError, "今天已催办"):
            services.incoming_urge(actor=self.clerk, incoming=document)
        services.incoming_close(actor=self.clerk, incoming=document, reason="已转各科室落实")
        services.incoming_archive(actor=self.clerk, incoming=document)
        document.refresh_from_db()
        self.assertEqual(document.status, I.ARCHIVED)
        names = list(document.steps.values_list("name", flat=True))
        self.assertEqual(names, ["received", "registered", "reading", "closed"])
        self.assertTrue(all(s.ended_at for s in document.steps.all()))
        page = self.api(self.clerk, "get", document.get_absolute_url())
        self.assertContains(page, "已用")

    def test_a_leaders_instruction_creates_tasks_with_the_receipt_number_linked_both_ways(self):
        document = services.incoming_register(actor=self.clerk, incoming=self.receive(urgency="加急"))
        with self.assertRaisesMessage(ValidationError, "批示领导"):
            services.incoming_propose(
                actor=self.clerk, incoming=document, proposal="拟请陈书记阅示", leader=self.clerk_a
            )
        services.incoming_propose(actor=self.clerk, incoming=document, proposal="拟请陈书记阅示", leader=self.leader)
        self.assertEqual(document.status, I.PROPOSED)
        with self.assertRaises(PermissionDenied):  # not the leader asked
            incoming_instruct(actor=self.deputy, incoming=document, text="同意")
        with self.assertRaisesMessage(ValidationError, "主办单位"):
            incoming_instruct(
                actor=self.leader,
                incoming=document,
                text="请住建、发改研究落实",
                handling_units=[self.unit_a, self.unit_b],
            )
        incoming_instruct(
            actor=self.leader,
            incoming=document,
            text="请县发改局牵头、住建局配合，月底前报结果。",
            handling_units=[self.unit_b],
            lead_unit=self.unit_a,
            tasks=[TaskAsk(title="冬季消防安全检查", lead_unit=self.unit_a, co_units=[self.unit_b])],
        )
        document.refresh_from_db()
        self.assertEqual((document.status, document.lead_unit), (I.HANDLING, self.unit_a))
        from shuniu.supervision.models import Task

        task = Task.objects.get(instruction=document.instruction)
        self.assertEqual(task.source, "instruction")
        self.assertIn(document.receipt_number, task.source_ref)
        self.assertEqual(document.instruction.doc_number, document.receipt_number)
        self.assertEqual(list(task.co_units.all()), [self.unit_b])
        detail = self.api(self.leader, "get", document.get_absolute_url())
        self.assertContains(detail, task.code)
        task_page = self.api(self.leader, "get", task.get_absolute_url())
        self.assertContains(task_page, document.get_absolute_url())

    def test_instruction_without_tasks_and_a_failing_task_writes_nothing(self):
        document = services.incoming_register(actor=self.clerk, incoming=self.receive())
        services.incoming_propose(actor=self.clerk, incoming=document, proposal="拟请阅示", leader=self.leader)
        with self.assertRaises(ValidationError):
            incoming_instruct(
                actor=self.leader, incoming=document, text="同意", tasks=[TaskAsk(title="", lead_unit=self.unit_a)]
            )
        document.refresh_from_db()
        self.assertEqual(document.status, I.PROPOSED)
        incoming_instruct(actor=self.leader, incoming=document, text="阅。")
        document.refresh_from_db()
        self.assertEqual((document.status, document.instruction), (I.HANDLING, None))

    def test_delivery_inside_shuniu_is_signed_for_by_the_receiving_unit(self):
        outgoing = self.signed(recipients=[self.unit_a])
        out_services.outgoing_number(actor=self.clerk, outgoing=outgoing)
        out_services.outgoing_seal(actor=self.clerk, outgoing=outgoing)
        out_services.outgoing_distribute(actor=self.clerk, outgoing=outgoing)
        delivered = Incoming.objects.get(source_outgoing=outgoing)
        with self.assertRaises(PermissionDenied):
            services.incoming_sign(actor=self.clerk_b, incoming=delivered)
        services.incoming_sign(actor=self.head_a, incoming=delivered)
        services.incoming_register(actor=self.head_a, incoming=delivered)
        delivered.refresh_from_db()
        self.assertEqual((delivered.status, delivered.receipt_number), (I.REGISTERED, "收〔2026〕1号"))
        page = self.api(self.clerk, "get", outgoing.get_absolute_url())
        self.assertContains(page, "签收于")


class IncomingAccessTests(DocumentsTestCase):
    def test_outsider_404_read_only_403_list_search_export_and_query_counts(self):
        document = services.incoming_receive(actor=self.head_a, title="关于报送年度总结的通知", source_org="市发改委")
        self.assertEqual(document.unit, self.unit_a)
        self.assertEqual(self.api(self.clerk_b, "get", document.get_absolute_url()).status_code, 404)
        self.assertEqual(
            self.api(self.clerk_b, "post", f"/api/v1/incoming/{document.code}/register", {}).status_code, 404
        )
        self.assertEqual(
            self.api(self.clerk_a, "post", f"/api/v1/incoming/{document.code}/register", {}).status_code, 404
        )
        self.assertEqual(
            self.api(self.leader, "post", f"/api/v1/incoming/{document.code}/register", {}).status_code, 403
        )
        self.assertEqual(self.api(self.auditor, "get", "/documents/incoming/").status_code, 403)
        for i in range(5):
            services.incoming_receive(actor=self.clerk, title=f"关于第{i}项工作的通知", source_org="市委办公室")
        self.client.force_login(self.clerk)
        self.client.get("/documents/incoming/")  # permissions cached from here on
        with self.assertNumQueries(8):  # session, user, versions, whole words?, count, filter units, badge, rows
            response = self.client.get("/documents/incoming/?q=通知&from=2026-01-01&to=2026-12-31")
        self.assertContains(response, "关于第4项工作的通知")
        export = self.client.get("/documents/incoming/?q=市委&export=xlsx")
        self.assertEqual(export["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        bad = self.client.get("/documents/incoming/?from=not-a-date")
        self.assertContains(bad, "YYYY-MM-DD")
        listed = self.api(self.clerk, "get", "/api/v1/incoming?q=第4项").json()
        self.assertEqual(listed["count"], 1)


class TodoTests(DocumentsTestCase):
    def test_each_role_sees_its_next_step_on_the_home_page(self):
        document = services.incoming_register(
            actor=self.clerk,
            incoming=services.incoming_receive(actor=self.clerk, title="关于X的通知", source_org="市委"),
        )
        services.incoming_propose(actor=self.clerk, incoming=document, proposal="拟请阅示", leader=self.leader)
        signed = self.signed(title="关于Y的通知")
        self.assertContains(self.api(self.leader, "get", "/"), "待批示：关于X的通知")
        self.assertContains(self.api(self.clerk, "get", "/"), "待编号：关于Y的通知")
        other = services.incoming_register(
            actor=self.clerk,
            incoming=services.incoming_receive(actor=self.clerk, title="关于Z的通知", source_org="市委"),
        )
        services.incoming_distribute(actor=self.clerk, incoming=other, readers=[self.head_a])
        self.assertContains(self.api(self.head_a, "get", "/"), "待阅：关于Z的通知")
        self.assertNotContains(self.api(self.clerk_b, "get", "/"), "关于Z的通知")
        self.assertTrue(signed.pk)


class OrganTests(DocumentsTestCase):
    def test_the_organ_receives_and_only_its_own_staff_handle_its_documents(self):
        mine = services.incoming_receive(actor=self.clerk, title="关于X的通知", source_org="市委")
        self.assertEqual(mine.unit, self.office)  # 文秘科's 文书 receives for 县委办公室
        theirs = services.incoming_receive(actor=self.head_a, title="关于Y的通知", source_org="市发改委")
        with self.assertRaises(PermissionDenied):  # the office's 文书 sees it, but it is 发改局's to register
            services.incoming_register(actor=self.clerk, incoming=theirs)
        services.incoming_register(actor=self.head_a, incoming=theirs)
        services.incoming_register(actor=self.clerk, incoming=mine)
