"""A person's first look: log in as a demo user, open the home page and the unit list, take screenshots."""

from itertools import combinations

import pytest
from django.core.management import call_command

from conftest import ARTIFACTS
from shuniu.demo.county import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _boxes_overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


def test_it_logs_in_and_shows_home_and_units(live_server, browser):
    call_command("load_demo", verbosity=0)
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "duchayuan")
    page.fill("#id_password", DEMO_PASSWORD)
    page.screenshot(path=str(ARTIFACTS / "login.png"))
    page.click("form >> button.btn-danger")
    page.wait_for_url(f"{live_server.url}/")
    assert "我的待办" in page.content()
    assert "周晓峰" in page.inner_text("nav")
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    nav_links = page.locator("nav .nav-link")
    boxes = [nav_links.nth(i).bounding_box() for i in range(nav_links.count())]
    boxes = [b for b in boxes if b and b["width"] > 0]
    assert len(boxes) >= 4
    assert not any(_boxes_overlap(a, b) for a, b in combinations(boxes, 2)), "navigation items overlap"

    page.click("text=组织机构")
    page.wait_for_selector("#unit-table")
    rows = page.locator("#unit-table tbody tr")
    assert rows.count() >= 100
    assert "县发展和改革局" in page.inner_text("#unit-table")
    page.screenshot(path=str(ARTIFACTS / "units.png"), full_page=False)
    # Bootstrap loaded from static/vendor: the table is styled, not raw.
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    assert not [p for p in problems if "Content Security Policy" in p], problems
