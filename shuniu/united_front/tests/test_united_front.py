"""统战对象 (issue 15 point 5): the twelve categories as data, numbers encrypted at rest and masked on pages and
exports, the full numbers only through an audited view, contacts seen by the 统战 staff alone (the director
included: 404/403), 联谊交友 records, and a 建言献策 raised as a supervision task in one action (redacted)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.audit.models import AuditRecord
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user
from shuniu.supervision.models import Task
from shuniu.united_front import services
from shuniu.united_front.models import Category, Contact

D = dt.date


class UnitedFrontTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        tzb = make_unit("县委统战部", Unit.Kind.DEPARTMENT, cls.county)
        cls.officer = make_user("tongzhan", tzb, "united_front_officer", real_name="统战干事")
        cls.director = make_user("director", cls.office, "office_director", real_name="刘主任")

    def contact(self, **kw):
        values = {"name": "王教授", "category": Category.objects.get(name="党外知识分子"), "organisation": "县第一中学",
                  "position": "特级教师", "phone": "13905301234", "id_number": "37130219700101123X"}  # fmt: skip
        values.update(kw)
        return services.contact_create(actor=self.officer, **values)

    def test_categories_encryption_masking_and_the_audited_reveal(self):
        self.assertEqual(len(services.categories()), 12)
        c = self.contact()
        raw = Contact.objects.values("phone_encrypted", "id_number_encrypted").get(pk=c.pk)
        self.assertNotIn("13905301234", str(raw))
        self.assertEqual((c.phone_masked, c.id_number_masked), ("139****1234", "371302********123X"))
        self.client.force_login(self.officer)
        page = self.client.get("/united-front/?q=王")
        self.assertContains(page, "139****1234")
        self.assertNotContains(page, "13905301234")
        export = self.client.get("/united-front/?export=xlsx")
        self.assertEqual(export.status_code, 200)
        self.assertNotIn(b"13905301234", export.content)
        r = self.client.post(c.get_absolute_url(), {"what": "reveal"})
        self.assertContains(r, "13905301234")
        self.assertTrue(AuditRecord.objects.filter(action="view_personal_data", object_repr=c.code).exists())
        with self.assertRaisesMessage(ValidationError, "电话号码格式不正确"):
            self.contact(phone="12345")
        with self.assertRaises(ValidationError):
            self.contact(position="机密★ 职务")
        self.assertEqual(Contact.objects.count(), 1)

    def test_only_the_united_front_staff_and_a_suggestion_becomes_a_task(self):
        c = self.contact()
        for outsider in (self.director, self.leader, self.clerk_b):
            self.client.force_login(outsider)
            self.assertEqual(self.client.get("/united-front/").status_code, 403)
            self.assertEqual(self.client.get(c.get_absolute_url()).status_code, 404)
            with self.assertRaises(PermissionDenied):
                services.personal_data(viewer=outsider, contact=c)
        record = services.record_add(actor=self.officer, contact=c, date=D(2026, 9, 10), kind="greeting",
                                     content="教师节走访慰问")  # fmt: skip
        self.assertEqual(c.records.get(), record)
        with self.assertRaisesMessage(ValidationError, "日期不能晚于今天"):
            services.record_add(actor=self.officer, contact=c, date=D(2100, 1, 1), kind="visit", content="x")
        s = services.suggestion_add(actor=self.officer, contact=c, title="关于加强县城学校周边交通安全的建议",
                                    content="上下学高峰拥堵，建议设置潮汐车道。联系电话13905301234",
                                    received_on=D(2026, 9, 10))  # fmt: skip
        self.client.force_login(self.officer)
        r = self.client.post(c.get_absolute_url(), {"what": "raise", "code": s.code, "lead_unit": self.unit_b.pk,
                                                    "due_date": "2099-12-31"}, follow=True)  # fmt: skip
        self.assertContains(r, "已转督查督办")
        s.refresh_from_db()
        task = Task.objects.get(code=s.task_code)
        self.assertEqual((task.lead_unit, task.status, task.source), (self.unit_b, "assigned", "assigned"))
        self.assertNotIn("13905301234", task.requirements)
        self.assertNotIn("王教授", task.source_ref)
        self.assertIn("党外知识分子", task.source_ref)
        with self.assertRaisesMessage(ValidationError, "已转督办"):
            services.suggestion_to_task(actor=self.officer, suggestion=s, lead_unit=self.unit_b, due_date=D(2099, 1, 1))
        with self.assertNumQueries(9):  # constant: the page, the categories, the keepers
            self.client.get("/united-front/")
