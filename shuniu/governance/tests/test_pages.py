import datetime as dt

from shuniu.audit.models import AuditRecord
from shuniu.governance.models import Category, CitizenRequest
from shuniu.governance.requests import services
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase

D = dt.date


class ConsoleTests(GovernanceTestCase):
    def test_it_receives_and_dispatches_a_phone_call(self):
        Category.objects.create(name="物业管理", keywords="电梯 物业费")
        self.client.force_login(self.operator)
        page = self.client.get("/governance/console/")
        self.assertContains(page, "data-submit-on-ctrl-enter")
        self.assertContains(page, 'value="物业管理"')
        self.assertContains(page, "&quot;keywords&quot;: &quot;电梯 物业费&quot;")  # searched by keyword too
        self.assertContains(page, 'data-picker="category"')
        r = self.client.post(
            "/governance/console/",
            {
                "phone": "13912345678",
                "citizen_name": "李先生",
                "request_type": "complaint",
                "urgency": "normal",
                "category": "物业管理",
                "title": "电梯停运",
                "content": "小区电梯停运三天",
                "dispatch_to": self.unit_b.pk,
            },
        )
        self.assertEqual(r.status_code, 302)
        req = CitizenRequest.objects.get()
        self.assertEqual((req.status, req.handling_unit, req.category.name), ("dispatched", self.unit_b, "物业管理"))

    def test_it_warns_about_duplicates_as_the_operator_types(self):
        self.receive(phone="13912345678", title="南关菜市场占道经营")
        self.client.force_login(self.operator)
        r = self.client.get("/governance/console/duplicates/", {"phone": "13912345678", "title": ""})
        self.assertContains(r, 'id="duplicate-warning"')
        r = self.client.get("/governance/console/duplicates/", {"phone": "", "title": "南关菜市场"})
        self.assertContains(r, "南关菜市场占道经营")
        r = self.client.get("/governance/console/duplicates/", {"phone": "13000000000", "title": "别的事"})
        self.assertContains(r, "未发现重复")

    def test_it_is_closed_to_units_and_leaders(self):
        for persona in (self.clerk_a, self.leader):
            self.client.force_login(persona)
            self.assertEqual(self.client.get("/governance/console/").status_code, 403)

    def test_it_rejects_bad_input_with_a_message(self):
        self.client.force_login(self.operator)
        r = self.client.post(
            "/governance/console/",
            {"phone": "123", "request_type": "complaint", "urgency": "normal", "title": "x", "content": "y"},
        )
        self.assertContains(r, "电话号码格式不正确")
        self.assertFalse(CitizenRequest.objects.exists())


class RequestPagesTests(GovernanceTestCase):
    def setUp(self):
        self.req = self.receive()
        services.request_dispatch(actor=self.operator, req=self.req, unit=self.unit_a, today=D(2026, 9, 30))

    def test_it_shows_a_unit_its_inbox_and_lets_it_answer(self):
        self.client.force_login(self.clerk_a)
        r = self.client.get("/governance/requests/")
        self.assertEqual([x.code for x in r.context["page"]], [self.req.code])
        self.assertContains(r, "138****1234")
        self.assertNotContains(r, "13812341234")
        self.client.post(f"/governance/requests/{self.req.code}/do/accept/")
        self.client.post(f"/governance/requests/{self.req.code}/do/reply/", {"reply": "已处理完毕"})
        self.req.refresh_from_db()
        self.assertEqual(self.req.status, "replied")

    def test_it_answers_404_to_an_outsider_and_403_to_a_read_only_leader(self):
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(f"/governance/requests/{self.req.code}/").status_code, 404)
        self.assertEqual(self.client.post(f"/governance/requests/{self.req.code}/do/accept/").status_code, 404)
        self.client.force_login(self.leader)
        self.assertEqual(self.client.get(f"/governance/requests/{self.req.code}/").status_code, 200)
        r = self.client.post(f"/governance/requests/{self.req.code}/do/accept/", follow=True)
        self.assertEqual(r.status_code, 403)
        self.assertEqual(self.client.post(f"/governance/requests/{self.req.code}/personal/").status_code, 403)

    def test_it_reveals_personal_data_to_the_operator_and_audits_it(self):
        self.client.force_login(self.operator)
        r = self.client.post(f"/governance/requests/{self.req.code}/personal/")
        self.assertContains(r, "13812341234")
        self.assertTrue(AuditRecord.objects.filter(action="view_personal_data").exists())

    def test_it_records_the_callback_and_shows_the_rates(self):
        services.request_accept(actor=self.clerk_a, req=self.req, today=D(2026, 10, 8))
        services.request_reply(actor=self.clerk_a, req=self.req, reply="已处理")
        self.client.force_login(self.operator)
        self.client.post(
            f"/governance/requests/{self.req.code}/do/callback/",
            {"satisfaction": "satisfied", "resolution": "resolved"},
        )
        self.req.refresh_from_db()
        self.assertEqual(self.req.satisfaction, "satisfied")
        r = self.client.get("/governance/rates/", {"month": "2026-09"})
        self.assertContains(r, 'id="definitions"')
        self.assertEqual(r.context["rows"][0]["unit"], "县发展和改革局")
        self.assertEqual(self.client.get("/governance/rates/", {"month": "2026-09", "export": "xlsx"}).status_code, 200)

    def test_it_runs_a_constant_number_of_queries_on_the_list(self):
        self.client.force_login(self.operator)
        self.client.get("/governance/requests/")
        # Warm: the permissions come from the cache after one read of the org version; units and categories fill
        # the filter drop-downs.
        with self.assertNumQueries(8):
            self.client.get("/governance/requests/")
        for _ in range(10):
            req = self.receive()
            services.request_dispatch(actor=self.operator, req=req, unit=self.unit_b, today=D(2026, 9, 30))
        with self.assertNumQueries(8):
            self.client.get("/governance/requests/")


class TodoTests(GovernanceTestCase):
    def test_it_puts_requests_on_the_home_page(self):
        req = self.receive()
        self.client.force_login(self.operator)
        home = self.client.get("/")
        self.assertContains(home, f"派单：{req.code}")  # the operator's queue, oldest first
        self.assertContains(home, 'id="home-operator"')
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        self.client.force_login(self.clerk_a)
        home = self.client.get("/").content.decode()
        # The unit's inbox by deadline: 签收 within 1 working day of 30 September is 8 October (国庆节), now past.
        self.assertIn(f"签收：{req.code}", home)
        self.assertIn("已超期 2026-10-08", home)
        self.assertIn('id="todo-count">1<', home)


class MoreActionsTests(GovernanceTestCase):
    def test_it_links_a_duplicate_which_is_then_not_dispatched(self):
        first, second = self.receive(), self.receive()
        self.client.force_login(self.operator)
        self.client.post(f"/governance/requests/{second.code}/do/duplicate/", {"original": first.code})
        second.refresh_from_db()
        self.assertEqual(second.duplicate_of, first)
        r = self.client.post(f"/governance/requests/{second.code}/do/dispatch/", {"unit": self.unit_a.pk}, follow=True)
        self.assertContains(r, "不再重复派单")

    def test_it_replies_with_an_attachment(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        services.request_accept(actor=self.clerk_a, req=req)
        self.client.force_login(self.clerk_a)
        self.client.post(
            f"/governance/requests/{req.code}/do/reply/",
            {"reply": "已处理", "attachment": SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4")},
        )
        req.refresh_from_db()
        self.assertEqual((req.status, req.attachments.get().name), ("replied", "现场照片.pdf"))

    def test_it_escalates_overdue_requests_daily_and_only_once(self):
        import io

        from django.core.management import call_command

        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        for _ in range(2):
            call_command("escalate_requests", "--date", "2026-10-20", stdout=io.StringIO())
        req.refresh_from_db()
        self.assertIsNotNone(req.escalated_task)
        self.assertEqual(req.escalated_task.lead_unit, self.unit_a)
        from shuniu.supervision.models import Task

        self.assertEqual(Task.objects.count(), 1)
