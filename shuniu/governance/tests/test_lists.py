"""Lists people trust (issue 10, point 5): search and filters, sortable columns and an .xlsx export of exactly what
the user may see, on every list; a print stylesheet."""

import io

from openpyxl import load_workbook

from shuniu.governance.models import Category, CitizenRequest
from shuniu.governance.requests import services
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.org.testing import make_user
from shuniu.supervision.tests.base import D


def sheet(response):
    workbook = load_workbook(io.BytesIO(response.content))
    ws = workbook.active
    return ws, list(ws.iter_rows(values_only=True))


class RequestListTests(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.category = Category.objects.create(name="物业管理", keywords="电梯")

    def setUp(self):
        self.a = self.receive(title="电梯坏了", phone="13812341234", citizen_name="王女士", category=self.category)
        self.b = self.receive(title="路灯不亮", phone="13900005678", citizen_name="李先生", channel="web")
        services.request_dispatch(actor=self.operator, req=self.a, unit=self.unit_a, today=D(2026, 11, 2))
        services.request_dispatch(actor=self.operator, req=self.b, unit=self.unit_b, today=D(2026, 11, 2))
        self.client.force_login(self.operator)

    def codes(self, **params):
        r = self.client.get("/governance/requests/", params)
        self.assertEqual(r.status_code, 200)
        return [req.code for req in r.context["page"]]

    def test_it_finds_by_code_phone_caller_unit_channel_category_and_dates(self):
        self.assertEqual(self.codes(q=self.a.code), [self.a.code])
        self.assertEqual(self.codes(phone="13812341234"), [self.a.code])  # the blind index: no clear number stored
        self.assertEqual(self.codes(phone="5678"), [self.b.code])  # the last four digits
        self.assertEqual(self.codes(caller="李"), [self.b.code])
        self.assertEqual(self.codes(unit=self.unit_a.pk), [self.a.code])
        self.assertEqual(self.codes(channel="web"), [self.b.code])
        self.assertEqual(self.codes(category=self.category.pk), [self.a.code])
        CitizenRequest.objects.filter(pk=self.b.pk).update(created_at=self.a.created_at.replace(year=2025))
        self.assertEqual(self.codes(received_from="2026-01-01"), [self.a.code])
        self.assertEqual(self.codes(received_to="2025-12-31"), [self.b.code])

    def test_bad_filters_are_ignored_not_a_crash(self):
        for params in ({"received_from": "2026-13-45"}, {"unit": "abc"}, {"sort": "password"}, {"q": "<script>x"}):
            with self.subTest(params):
                r = self.client.get("/governance/requests/", params)
                self.assertEqual(r.status_code, 200)
                self.assertNotIn(b"<script>x", r.content)

    def test_columns_sort_both_ways_with_a_stable_tiebreak(self):
        self.assertEqual(self.codes(sort="code"), sorted([self.a.code, self.b.code]))
        self.assertEqual(self.codes(sort="-code"), sorted([self.a.code, self.b.code], reverse=True))
        page = self.client.get("/governance/requests/", {"sort": "code"}).content.decode()
        self.assertIn("sort=-code", page)  # the active column's link sorts the other way

    def test_the_export_is_what_the_user_may_see(self):
        ws, rows = sheet(self.client.get("/governance/requests/", {"export": "xlsx", "channel": "web"}))
        self.assertEqual(rows[0][0], "编号")
        self.assertEqual([r[0] for r in rows[1:]], [self.b.code])
        self.assertEqual(ws.freeze_panes, "A2")
        self.assertNotIn("13900005678", str(rows))  # phones are masked in files
        self.assertIn("139****5678", str(rows))
        self.client.force_login(self.clerk_a)  # a unit exports its own inbox only
        _ws, rows = sheet(self.client.get("/governance/requests/", {"export": "xlsx"}))
        self.assertEqual([r[0] for r in rows[1:]], [self.a.code])


class OtherListsTests(GovernanceTestCase):
    def test_every_list_exports_searches_and_sorts(self):
        from shuniu.demo.governance_demo import load_community
        from shuniu.org.models import Unit
        from shuniu.org.testing import make_unit

        for town, village in (("锦秋街道", "锦秋社区"), ("湖滨镇", "湖滨村")):
            make_unit(village, Unit.Kind.VILLAGE, make_unit(town, Unit.Kind.TOWN, self.county))
        load_community(D(2026, 11, 20))
        office = make_user("office", self.office, "office_director")
        admin = make_user("vol_admin", self.unit_a, "volunteer_admin")
        cases = [
            (office, "/governance/events/", "主题", "大家谈"),
            (office, "/governance/mediation/", "案号", "王某"),
            (office, "/governance/legal/", "村/社区", "许正平"),
            (admin, "/governance/volunteers/", "姓名", ""),
            (admin, "/governance/volunteers/?list=activities", "活动名称", "理发"),
            (self.supervisor, "/supervision/instructions/", "批示日期", ""),
        ]
        for user, url, header, word in cases:
            with self.subTest(url):
                self.client.force_login(user)
                sep = "&" if "?" in url else "?"
                page = self.client.get(url)
                self.assertEqual(page.status_code, 200)
                self.assertContains(page, "export=xlsx")
                self.assertContains(page, "sort-link")
                ws, rows = sheet(self.client.get(f"{url}{sep}export=xlsx"))
                self.assertIn(header, rows[0])
                self.assertEqual(ws.freeze_panes, "A2")
                if word:
                    _ws, found = sheet(self.client.get(f"{url}{sep}export=xlsx&q={word}"))
                    self.assertGreaterEqual(len(found), 2, found)
                    _ws, none = sheet(self.client.get(f"{url}{sep}export=xlsx&q=不存在的词语"))
                    self.assertEqual(len(none), 1)
        self.client.force_login(self.clerk_b)  # an outsider to the mediation cases
        self.assertEqual(self.client.get("/governance/mediation/?export=xlsx").status_code, 403)

    def test_pages_print_without_the_menu_bar(self):
        from pathlib import Path

        from django.contrib.staticfiles import finders

        css = Path(finders.find("shuniu/app.css")).read_text(encoding="utf-8")
        self.assertIn("@media print", css)
        self.assertIn("nav.navbar", css.split("@media print")[1])
