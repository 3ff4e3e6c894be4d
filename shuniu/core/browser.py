"""Browser tests: Debian's Chromium driven by Playwright against a live server (skipped, loudly, without Chromium)."""

from __future__ import annotations

import os
import unittest
from pathlib import Path
from typing import Any, ClassVar

from django.contrib.staticfiles.testing import StaticLiveServerTestCase

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@unittest.skipUnless(Path(CHROMIUM).exists(), "BROWSER TEST SKIPPED: /usr/bin/chromium is not installed")
class BrowserTestCase(StaticLiveServerTestCase):
    """A live server (torn down with the class, so no connection outlives it) and one Chromium per class."""

    browser: ClassVar[Any]
    _playwright: ClassVar[Any]
    _async_unsafe: ClassVar[str | None]

    @classmethod
    def setUpClass(cls) -> None:
        # Playwright's sync API runs an event loop in the test thread; Django's ORM calls there are still sync.
        cls._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        ARTIFACTS.mkdir(exist_ok=True)
        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.browser.close()
        cls._playwright.stop()
        super().tearDownClass()
        if cls._async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls._async_unsafe

    def new_page(self) -> Any:
        page = self.browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        self.console_errors: list[str] = []
        page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        return page

    def login(self, page: Any, username: str, password: str) -> None:
        page.goto(f"{self.live_server_url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form >> button.btn-danger")
        page.wait_for_url(f"{self.live_server_url}/")

    def shot(self, page: Any, name: str, *, full_page: bool = False) -> None:
        """Save a screenshot to test-artifacts/ (Chromium occasionally refuses one mid-render: retry once)."""
        from playwright.sync_api import Error

        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
        except Error:
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
