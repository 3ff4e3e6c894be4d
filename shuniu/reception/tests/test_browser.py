"""公务接待 as the 接待办 does it (issue 15 point 8, the reception part): the 公函 and 审批单 refused for too many
diners, sent again, approved by the director, the 接待清单 filled, its breach and its difference from the 公函 shown,
completed, the reimbursement pack downloaded."""

import datetime as dt

from shuniu.core.browser import BrowserTestCase
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import BrowserPeople
from shuniu.reception.models import Reception

PASSWORD = BrowserPeople.PASSWORD


class ReceptionBrowserTests(BrowserPeople, BrowserTestCase):
    def test_a_reception_from_its_letter_to_the_pack(self):
        ensure_roles()
        county = self.unit("示范县", Unit.Kind.LEADERSHIP)
        office = self.unit("县委办公室", Unit.Kind.OFFICE, county)
        jdb = self.unit("接待办", Unit.Kind.SECTION, office)
        self.user("jiedai", jdb, "reception_officer", "钱慧敏")
        self.user("director", office, "office_director", "刘明哲")
        url = self.live_server_url
        page = self.new_page()
        day = dt.date(2026, 11, 18)

        self.login(page, "jiedai", PASSWORD)
        page.goto(f"{url}/reception/new/")
        page.fill("#id_sending_unit", "临沂市委办公室")
        page.fill("#id_doc_number", "临委办函〔2026〕15号")
        page.fill("#id_guests", "张明 副主任\n李华 科长\n王强 科员")
        page.fill("#id_guest_count", "3")
        page.fill("#id_start_date", day.isoformat())
        page.fill("#id_end_date", (day + dt.timedelta(days=1)).isoformat())
        page.fill("#id_activities", "考察调研基层治理“百姓夜话”工作")
        page.select_option("#id_host_unit", label="县委办公室")
        page.fill("#id_purpose", "接待临沂市委办公室考察组")
        page.fill("#id_planned_guests", "3")
        page.fill("#id_planned_accompanying", "4")
        page.click("#btn-apply")
        page.wait_for_selector("text=陪餐人数不得超过3人")
        self.shot(page, "reception-refused-plan", full_page=True)
        self.assertFalse(Reception.objects.exists())
        page.fill("#id_planned_accompanying", "2")
        page.click("#btn-apply")
        page.wait_for_selector("#status >> text=待审批")
        reception = Reception.objects.get()

        self.as_user(page, "director")
        page.goto(f"{url}{reception.get_absolute_url()}")
        page.click("#btn-approve")
        page.wait_for_selector("#status >> text=已批准")

        self.as_user(page, "jiedai")
        page.goto(f"{url}{reception.get_absolute_url()}")
        for name, position in (("张明", "副主任"), ("周新", "司机")):
            page.fill("#id_g-name", name)
            page.fill("#id_g-unit", "临沂市委办公室")
            page.fill("#id_g-position", position)
            page.click("#btn-guest")
            page.wait_for_selector(f"#guests >> text={name}")
        page.select_option("#id_i-kind", "meal")
        page.fill("#id_i-date", day.isoformat())
        page.fill("#id_i-place", "县委机关食堂")
        page.fill("#id_i-content", "工作餐")
        page.fill("#id_i-guests", "3")
        page.fill("#id_i-accompanying", "4")
        page.fill("#id_i-cost", "480")
        page.click("#btn-item")
        page.wait_for_selector("#findings >> text=陪餐上限3人，安排4人")
        self.assertIn("公函未列明的人员：周新", page.inner_text("#findings"))
        self.shot(page, "reception-findings", full_page=True)
        page.click("#btn-complete")
        page.wait_for_selector("#status >> text=已接待")
        with page.expect_download() as download:
            page.click("#btn-pack")
        self.assertTrue(download.value.suggested_filename.endswith("报销材料.zip"))
        page.goto(f"{url}/reception/stats/?year=2026")
        page.wait_for_selector("#by-unit >> text=县委办公室")
        self.shot(page, "reception-stats", full_page=True)
        self.assertEqual(self.console_errors, [])
