import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.audit.models import AuditRecord
from shuniu.governance.models import CitizenRequest, TimeLimit
from shuniu.governance.requests import services
from shuniu.governance.requests.deadlines import deadline, deadline_text
from shuniu.org.testing import BaseTestCase

D = dt.date


class GovernanceTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from shuniu.org.testing import make_user

        cls.operator = make_user("operator", cls.office, "operator", real_name="杨话务")

    def receive(self, **kw):
        data = {
            "channel": "hotline",
            "request_type": "complaint",
            "title": "小区电梯坏了一周没人修",
            "content": "凤鸣新村9栋电梯停运一周，物业不处理。",
            "phone": "13812341234",
            "citizen_name": "王女士",
        }
        data.update(kw)
        return services.request_receive(actor=self.operator, **data)


class DeadlineTests(GovernanceTestCase):
    def test_it_counts_working_days_from_the_day_after_dispatch(self):
        self.assertEqual(deadline(D(2026, 9, 30), "consult", "normal"), D(2026, 10, 8))
        self.assertEqual(deadline(D(2026, 9, 30), "complaint", "normal"), D(2026, 10, 13))
        self.assertEqual(deadline(D(2026, 9, 30), "complaint", "urgent"), D(2026, 9, 30))  # same day
        self.assertIn("跳过", deadline_text(D(2026, 9, 30), "complaint", "normal"))

    def test_it_uses_the_configured_table(self):
        TimeLimit.objects.create(request_type="complaint", urgency="normal", working_days=2)
        self.assertEqual(deadline(D(2026, 9, 30), "complaint", "normal"), D(2026, 10, 9))


class LifecycleTests(GovernanceTestCase):
    def test_it_runs_the_whole_life_cycle(self):
        req = self.receive()
        self.assertTrue(req.code.startswith("SQ-"))
        self.assertEqual((req.phone_masked, req.phone_last4), ("138****1234", "1234"))
        self.assertNotIn("13812341234", req.phone_encrypted)
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        self.assertEqual(req.due_date, D(2026, 10, 13))
        services.request_accept(actor=self.clerk_a, req=req, today=D(2026, 10, 8))
        self.assertTrue(req.accepted_in_time)
        services.request_reply(actor=self.clerk_a, req=req, reply="已督促物业更换配件，电梯已恢复运行。")
        services.request_callback(actor=self.operator, req=req, satisfaction="satisfied", resolution="resolved")
        services.request_close(actor=self.operator, req=req)
        services.request_archive(actor=self.operator, req=req)
        self.assertEqual(req.status, "archived")
        actions = list(
            AuditRecord.objects.filter(object_type="governance.citizenrequest").values_list("action", flat=True)
        )
        for action in ("receive", "dispatch", "accept", "reply", "callback", "close", "archive"):
            self.assertIn(action, actions)

    def test_it_handles_a_return_then_a_reassignment_or_a_refusal(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        with self.assertRaises(ValidationError):
            services.request_return(actor=self.clerk_a, req=req, reason=" ")
        services.request_return(actor=self.clerk_a, req=req, reason="属于住建局职责")
        self.assertEqual(req.status, "returned")
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_b, today=D(2026, 10, 8))
        self.assertEqual((req.handling_unit, req.status), (self.unit_b, "dispatched"))
        services.request_return(actor=self.clerk_b, req=req, reason="不是我们的")
        services.request_refuse_return(
            actor=self.operator, req=req, reason="电梯安全属住建局监管", today=D(2026, 10, 9)
        )
        self.assertEqual((req.handling_unit, req.status), (self.unit_b, "dispatched"))
        self.assertEqual(req.dispatches.count(), 3)

    def test_it_rejects_with_reason_and_advice(self):
        req = self.receive(title="离婚财产分割", content="想咨询离婚后房产怎么分")
        with self.assertRaises(ValidationError):
            services.request_reject(actor=self.operator, req=req, reason="属于司法诉讼事项", advice="")
        services.request_reject(
            actor=self.operator,
            req=req,
            reason="属于司法诉讼事项",
            advice="请向县人民法院起诉，或到县司法局公共法律服务中心申请法律援助。",
        )
        self.assertEqual(req.status, "rejected")

    def test_it_reopens_and_escalates_after_two_unsatisfied_callbacks(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        for round_ in range(2):
            services.request_accept(actor=self.clerk_a, req=req, today=D(2026, 10, 8))
            services.request_reply(actor=self.clerk_a, req=req, reply="已处理")
            services.request_callback(actor=self.operator, req=req, satisfaction="unsatisfied", resolution="not")
            if round_ == 0:
                services.request_reopen(actor=self.operator, req=req, reason="群众不满意", today=D(2026, 10, 9))
        self.assertEqual((req.reopen_count, req.unsatisfied_count), (1, 2))
        reason = services.escalation_reason(req, D(2026, 10, 20))
        self.assertIn("2次不满意", reason)
        task = services.request_escalate(actor=self.supervisor, req=req, reason=reason, today=D(2026, 10, 20))
        self.assertEqual((task.source, task.lead_unit), ("citizen", self.unit_a))
        self.assertEqual(list(task.citizen_requests.all()), [req])

    def test_it_escalates_overdue_requests(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))  # due 10-13
        self.assertEqual(services.escalation_reason(req, D(2026, 10, 16)), "")
        self.assertIn("超期", services.escalation_reason(req, D(2026, 10, 19)))

    def test_it_extends_only_before_the_deadline(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        with self.assertRaises(ValidationError):
            services.extension_request(
                actor=self.clerk_a, req=req, requested_due_date=D(2026, 10, 30), reason="x", today=D(2026, 10, 14)
            )
        ext = services.extension_request(
            actor=self.clerk_a,
            req=req,
            requested_due_date=D(2026, 10, 30),
            reason="需协调多个部门",
            today=D(2026, 10, 12),
        )
        services.extension_decide(actor=self.operator, ext=ext, approve=True)
        req.refresh_from_db()
        self.assertEqual(req.due_date, D(2026, 10, 30))

    def test_it_keeps_units_to_their_own_requests(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        with self.assertRaises(PermissionDenied):
            services.request_accept(actor=self.clerk_b, req=req)
        with self.assertRaises(PermissionDenied):
            services.request_dispatch(actor=self.clerk_a, req=req, unit=self.unit_b)

    def test_it_refuses_bad_input_and_marked_text(self):
        with self.assertRaises(ValidationError):
            self.receive(phone="12345")
        with self.assertRaises(ValidationError):
            self.receive(phone="", anonymous=False)
        with self.assertRaises(ValidationError):
            self.receive(content="附件为机密★文件")
        anonymous = self.receive(phone="", anonymous=True, citizen_name="不该保存")
        self.assertEqual(anonymous.citizen_name, "")
        self.assertEqual(CitizenRequest.objects.count(), 1)

    def test_it_shows_personal_data_only_to_operators_and_audits_it(self):
        req = self.receive(id_number="110105199001011234")
        with self.assertRaises(PermissionDenied):
            services.personal_data(viewer=self.clerk_a, req=req)
        data = services.personal_data(viewer=self.operator, req=req)
        self.assertEqual(data, {"phone": "13812341234", "id_number": "110105199001011234"})
        self.assertTrue(AuditRecord.objects.filter(action="view_personal_data", actor_id=self.operator.pk).exists())
