import datetime as dt
from decimal import Decimal

from shuniu.audit.models import AuditRecord
from shuniu.governance.models import GovernanceConfig, TimeLimit
from shuniu.governance.requests import services
from shuniu.governance.requests.deadlines import deadline
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase

D = dt.date


class RulesPageTests(GovernanceTestCase):
    def form_data(self, **changes):
        page = self.client.get("/governance/rules/")
        form = page.context["form"]
        data = {name: form[name].value() for name in form.fields}
        data.update(changes)
        return {k: "" if v is None else v for k, v in data.items()}

    def test_the_administrator_changes_time_limits_weights_and_escalation(self):
        self.client.force_login(self.sysadmin)
        self.assertEqual(deadline(D(2026, 9, 30), "complaint", "normal"), D(2026, 10, 13))  # SPEC default: 5
        data = self.form_data(
            limit__complaint__normal=7,
            weight_response="0.20",
            weight_resolution="0.40",
            weight_satisfaction="0.40",
            escalated_task_days=15,
        )
        r = self.client.post("/governance/rules/", data)
        self.assertRedirects(r, "/governance/rules/")
        config = GovernanceConfig.current()
        self.assertEqual((config.weight_response, config.escalated_task_days), (Decimal("0.20"), 15))
        self.assertEqual(TimeLimit.objects.get(request_type="complaint", urgency="normal").working_days, 7)
        # Around National Day 2026: dispatched 9-30, the working days run 10-08, 10-09, 10-10 (make-up Saturday),
        # 10-12, 10-13, 10-14, 10-15.
        self.assertEqual(deadline(D(2026, 9, 30), "complaint", "normal"), D(2026, 10, 15))
        record = AuditRecord.objects.filter(object_type="governance.governanceconfig").latest("seq")
        self.assertEqual(record.changes["time_limit:complaint:normal"], [5, 7])
        self.assertEqual(record.changes["escalated_task_days"], [10, 15])
        # An escalated request's task gets the configured time.
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_b, today=D(2026, 9, 30))
        task = services.request_escalate(actor=self.supervisor, req=req, reason="领导批示", today=D(2026, 11, 2))
        self.assertEqual(task.due_date, D(2026, 11, 23))  # 15 working days after Monday 11-02

    def test_bad_input_is_refused_with_a_message_and_nothing_is_written(self):
        self.client.force_login(self.sysadmin)
        before = AuditRecord.objects.count()
        for changes, message in (
            ({"weight_response": "0.30"}, "三项权重之和必须等于1"),
            ({"limit__consult__normal": -1}, "确保该值大于或等于0"),
            ({"escalate_overdue_days": "三天"}, "输入整数"),
        ):
            r = self.client.post("/governance/rules/", self.form_data(**changes))
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, message)
        self.assertEqual(GovernanceConfig.current().weight_response, Decimal("0.10"))
        self.assertFalse(TimeLimit.objects.exists())
        self.assertEqual(AuditRecord.objects.count(), before)

    def test_only_administrators_and_the_office_director_may_change_the_rules(self):
        for persona in (self.leader, self.operator, self.clerk_b, self.auditor):
            self.client.force_login(persona)
            self.assertEqual(self.client.get("/governance/rules/").status_code, 403)
            self.assertEqual(self.client.post("/governance/rules/", {"weight_response": "1"}).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/governance/rules/").status_code, 302)  # to the login page
        self.assertEqual(GovernanceConfig.current().weight_response, Decimal("0.10"))

    def test_the_page_reads_the_whole_time_limit_table_in_one_query(self):
        self.client.force_login(self.sysadmin)
        self.client.get("/governance/rules/")
        # session, user, org version (permissions cached), the time-limit table, config, unread badge.
        with self.assertNumQueries(6):
            self.client.get("/governance/rules/")
        TimeLimit.objects.create(request_type="consult", urgency="normal", working_days=2)
        TimeLimit.objects.create(request_type="help", urgency="normal", working_days=4)
        with self.assertNumQueries(6):
            self.assertContains(self.client.get("/governance/rules/"), 'value="4"')
