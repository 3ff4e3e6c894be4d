"""A request's whole journey in a browser: the citizen's phone, the operator, the unit, the callback, the rates."""

from django.core.management import call_command

from shuniu.core.browser import BrowserTestCase
from shuniu.demo.county import DEMO_PASSWORD
from shuniu.governance.models import CitizenRequest
from shuniu.org.models import User


class GovernanceBrowserTests(BrowserTestCase):
    def logout(self, page):
        page.click("nav >> text=退出")
        page.wait_for_url(f"{self.live_server_url}/login/")

    def test_it_follows_a_request_from_the_portal_to_the_rates(self):
        call_command("load_demo", verbosity=0)
        url = self.live_server_url
        phone = self.browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
        phone.goto(f"{url}/portal/")
        self.shot(phone, "portal-phone-home")
        phone.click("#btn-submit")
        phone.fill("#id_title", "锦秋路路灯不亮")
        phone.fill("#id_content", "锦秋路东段三盏路灯坏了一个多月，晚上接孩子很不安全。")
        phone.fill("#id_phone", "13912345678")
        phone.click("form >> button.btn-danger")
        code = phone.inner_text("#tracking-code")
        phone.goto(f"{url}/portal/track/?code={code}&last4=5678")
        self.assertIn("已受理", phone.inner_text("#track-result"))
        self.shot(phone, "portal-phone-track")
        req = CitizenRequest.objects.get(tracking_code=code)

        page = self.new_page()
        self.login(page, "huawu", DEMO_PASSWORD)
        page.goto(f"{url}/governance/rates/")
        self.assertNotIn("县综合行政执法局", page.inner_text("#rates"))
        page.goto(f"{url}/governance/requests/{req.code}/")
        page.select_option("#id_unit", label="县综合行政执法局")
        page.click("#btn-dispatch")
        page.wait_for_selector(f"text=已派单 {req.code}")
        self.logout(page)

        zfj = User.objects.filter(unit__name="县综合行政执法局", groups__role__slug="liaison").first()
        self.login(page, zfj.username, DEMO_PASSWORD)
        page.goto(f"{url}/governance/requests/")
        self.assertIn("锦秋路路灯不亮", page.inner_text("#request-table"))
        page.goto(f"{url}/governance/requests/{req.code}/")
        page.click("#btn-accept")
        page.fill("#reply-form #id_reply", "已安排路灯维护队更换灯具，当晚恢复照明。")
        page.click("#reply-form button")
        page.wait_for_selector(f"text=已答复 {req.code}")
        self.logout(page)

        self.login(page, "huawu", DEMO_PASSWORD)
        page.goto(f"{url}/governance/requests/{req.code}/")
        page.check("#callback-form input[value=satisfied]")
        page.check("#callback-form input[value=resolved]")
        page.click("#callback-form button")
        page.wait_for_selector(f"text=已回访 {req.code}")
        self.shot(page, "governance-request", full_page=True)
        page.click("#personal >> button")  # the operator may see the full number; the view is audited
        page.wait_for_selector("#personal >> text=13912345678")
        page.goto(f"{url}/governance/rates/")
        self.assertIn("县综合行政执法局", page.inner_text("#rates"))
        self.shot(page, "governance-rates")
        page.goto(f"{url}/governance/console/")
        # Typing warns about the citizen's earlier request and suggests units (Chinese arrives as input events from
        # the IME, without keyups: the panels listen to "input").
        page.click("#id_phone")
        page.keyboard.type("13912345678")
        page.wait_for_selector("#duplicate-warning")
        self.assertIn("锦秋路路灯不亮", page.inner_text("#duplicates"))
        page.click("#id_title")
        page.keyboard.type("小区路灯不亮")
        page.wait_for_selector("#suggestions >> text=县综合行政执法局")
        self.shot(page, "governance-console")
        self.assertEqual([e for e in self.console_errors if "Content Security Policy" in e], [])
