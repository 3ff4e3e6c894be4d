"""A person's first look: log in as a demo user, open the home page and the unit list, take screenshots."""

from itertools import combinations

from django.core.management import call_command

from shuniu.core.browser import BrowserTestCase
from shuniu.demo.county import DEMO_PASSWORD


def _overlap(a, b):
    horizontal = a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
    return horizontal and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


class ShellBrowserTests(BrowserTestCase):
    def test_it_logs_in_and_shows_home_and_units(self):
        call_command("load_demo", verbosity=0)
        page = self.new_page()
        page.goto(f"{self.live_server_url}/login/")
        self.shot(page, "login")
        self.login(page, "duchayuan", DEMO_PASSWORD)
        self.assertIn("待阅", page.inner_text("#home-tabs"))
        self.assertIn("周晓峰", page.inner_text("nav"))
        self.shot(page, "home", full_page=True)

        links = page.locator("nav .nav-link")
        boxes = [b for b in (links.nth(i).bounding_box() for i in range(links.count())) if b and b["width"] > 0]
        self.assertGreaterEqual(len(boxes), 4)
        self.assertFalse(any(_overlap(a, b) for a, b in combinations(boxes, 2)), "navigation items overlap")

        page.click("text=组织机构")
        page.wait_for_selector("#unit-table")
        self.assertGreaterEqual(page.locator("#unit-table tbody tr").count(), 100)
        self.assertIn("县发展和改革局", page.inner_text("#unit-table"))
        self.shot(page, "units")
        # Bootstrap came from static/vendor, and the CSP blocked nothing of ours.
        self.assertEqual(page.evaluate("getComputedStyle(document.querySelector('.navbar')).display"), "flex")
        self.assertEqual([e for e in self.console_errors if "Content Security Policy" in e], [])
