"""信息报送 as people do it (issue 11, point 12): a town submits, the editor edits and adopts at 市委办 level, the
periodical is issued and its .docx downloads, an urgent event's clock runs and turns late."""

import datetime as dt
import io

from django.contrib.auth.models import Group
from django.utils import timezone
from docx import Document

from shuniu.core.browser import ARTIFACTS, BrowserTestCase
from shuniu.information import urgent
from shuniu.information.models import InfoItem, PeriodicalIssue
from shuniu.org.models import Unit, User
from shuniu.org.roles import ROLE_BY_SLUG, ensure_roles

PASSWORD = "Browser@2026x"


class InformationBrowserTests(BrowserTestCase):
    def user(self, username, unit, role):
        user = User.objects.create_user(username, password=PASSWORD, real_name=username, unit=unit)
        user.groups.set([Group.objects.get(name=ROLE_BY_SLUG[role].name)])
        return user

    def logout(self, page):
        page.click("nav >> text=退出")
        page.wait_for_url(f"{self.live_server_url}/login/")

    def test_submit_edit_adopt_issue_and_an_urgent_clock(self):
        ensure_roles()
        county = Unit.objects.create(name="示范县", kind=Unit.Kind.LEADERSHIP, path="/")
        county.compute_path(), county.save()
        town = Unit.objects.create(name="湖滨镇", kind=Unit.Kind.TOWN, parent=county)
        town.compute_path(), town.save()
        office = Unit.objects.create(name="信息科", kind=Unit.Kind.SECTION, parent=county)
        office.compute_path(), office.save()
        officer = self.user("hb_xinxi", town, "info_officer")
        self.user("editor", office, "info_editor")
        self.user("director", office, "office_director")
        url = self.live_server_url
        page = self.new_page()

        self.login(page, "hb_xinxi", PASSWORD)
        page.goto(f"{url}/information/new/")
        page.fill("#id_title", "湖滨镇“湖长+网格”守护一湖清水")
        page.fill(
            "#id_body", "今年以来，湖滨镇将环湖区域划分为12个网格，落实网格员巡湖制度，发现问题36处，已全部整改。"
        )
        page.select_option("#id_category", "experience")
        page.click("#save-item")
        page.wait_for_selector("#item-status")
        page.click("#btn-submit")
        page.wait_for_selector("text=已报送")
        item = InfoItem.objects.get(unit=town)
        self.assertEqual(item.status, "submitted")
        self.shot(page, "information-submitted")
        self.logout(page)

        self.login(page, "editor", PASSWORD)
        page.goto(f"{url}/information/inbox/")
        self.shot(page, "information-inbox")
        page.click(f"text={item.title}")
        page.click("#btn-edit")
        page.fill(
            "#id_body",
            "今年以来，湖滨镇将环湖区域划分为12个网格，实行“湖长+网格员”巡湖，发现问题36处，已全部整改到位。",
        )
        page.click("#save-item")
        page.wait_for_selector("#versions")
        page.select_option("form[action$='/do/adopt/'] select[name=level]", "city")
        page.fill("form[action$='/do/adopt/'] input[name=periodical]", "市委办《每日要情》")
        page.click("#btn-adopt")
        page.wait_for_selector("text=已采用 " + item.code)
        item.refresh_from_db()
        self.assertEqual((item.status, item.points), ("adopted", 10))
        self.assertEqual(item.versions.count(), 2)
        self.shot(page, "information-adopted", full_page=True)
        page.goto(f"{url}/information/issues/")
        page.select_option("#id_periodical", label="信息快报")
        page.fill("#id_codes", item.code)
        page.click("#compile")
        page.click("#publish")
        page.wait_for_selector("#download-docx")
        issue = PeriodicalIssue.objects.get()
        self.assertEqual(issue.number, 1)
        with page.expect_download() as download:
            page.click("#download-docx")
        path = ARTIFACTS / "information-issue.docx"
        download.value.save_as(str(path))
        document = Document(io.BytesIO(path.read_bytes()))
        self.assertEqual(document.paragraphs[0].text, "信息快报")
        self.shot(page, "information-issue")

        # an urgent event whose phone limit passes while the page is open: the clock turns to 已超时
        # 12 s before the limit: enough for a log-in and a page on a loaded machine (3 s were not, under CI load)
        occurred = timezone.now() - dt.timedelta(minutes=29, seconds=48)
        event = urgent.event_create(
            actor=officer,
            title="湖滨镇一渔船倾覆",
            level="major",
            occurred_at=occurred,
            place="湖滨镇北湖",
            summary="2人落水，已救起",
        )
        self.logout(page)
        self.login(page, "director", PASSWORD)
        page.goto(f"{url}/information/events/{event.code}/")
        page.wait_for_selector("#clock")
        self.assertIn("剩余", page.inner_text("#clock"))
        self.shot(page, "information-clock-running")
        for _tick in range(60):  # the page's own clock (no eval: the CSP forbids it)
            if "已超时" in page.inner_text("#clock"):
                break
            page.wait_for_timeout(500)
        self.assertIn("已超时", page.inner_text("#clock"))
        self.shot(page, "information-clock-late")
        page.reload()
        self.assertIn("超时", page.inner_text("#deadlines"))  # stored on the server when the page was read
        self.assertTrue(event.deadlines.get(kind="initial", channel="phone").late)
        self.assertEqual(self.console_errors, [])
