from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """The working-day override table is cached; every test starts from the database."""
    cache.clear()
    # The test client leaves the last request's language active; every test starts in Chinese.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; skipped (and said loudly by scripts/test.sh) when absent."""
    if not Path(CHROMIUM).exists():
        pytest.skip("BROWSER TEST SKIPPED: /usr/bin/chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; the live server's database access is in its own.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
