#!/usr/bin/env python
"""Walk every demo role's menu in Chromium, as a new user would: log in, screenshot the home page, open every menu
entry and every link those pages show (one level, same site), and report any 4xx/5xx answer, any JavaScript error
and any English word on the Chinese pages. Screenshots go to test-artifacts/walk/.

    .venv/bin/python scripts/browser_walk.py http://127.0.0.1:8000   # a running `make run` (demo loaded)

Exit status 1 when something was found. Logging out and language switches are not followed (they end the walk).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuniu.core.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from shuniu.demo.county import DEMO_PASSWORD, USERS  # noqa: E402

OUT = ROOT / "test-artifacts" / "walk"
SKIP = ("/logout", "/i18n/", "export=", ".docx", ".xlsx", ".pdf", "/api/", "/static/", "/media/", "/admin/", "#")
# English that belongs on a Chinese page: codes, formats and product names.
ALLOWED = {
    "Excel", "JSON", "CSV", "PDF", "API", "Open311", "OpenAPI", "English", "Ctrl", "Enter", "Tab", "holiday", "cn",
    "RFC", "FREQ", "WEEKLY", "DAILY", "COUNT", "UNTIL", "BYDAY", "MO", "WE", "iCalendar", "Word",
    "chinesecalendar", "xlsx", "docx", "Shuniu", "GB", "UTF", "GBK", "ID", "IP", "HMAC", "Token", "Bearer", "URL",
}  # fmt: skip
# Data, not interface: the demo's user names, a browser's user-agent string on the account page, the product "Word".
ALLOWED |= {username for username, *_rest in USERS} | {"Word", "Mozilla", "AppleWebKit", "KHTML", "like", "Gecko"}
ALLOWED |= {"HeadlessChrome", "Chrome", "Safari", "Linux", "Windows", "Macintosh"}
WORD = re.compile(r"\b[A-Za-z]{3,}\b")
PER_ROLE = 80


def english_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w not in ALLOWED and not re.match(r"^(DB|SQ|TJ|DEMO)$", w)}


def main(base: str) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    visited_total = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for username, real_name, _unit, position, _roles in USERS:
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.goto(f"{base}/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("form >> button.btn-danger")
            page.wait_for_load_state("networkidle")
            if "/login/" in page.url:
                problems.append(f"{username}: cannot log in")
                continue
            page.screenshot(path=str(OUT / f"home-{username}.png"), full_page=True)
            hrefs = "els => els.map(e => e.getAttribute('href'))"
            menu = [urljoin(base, h) for h in page.eval_on_selector_all("nav a.nav-link", hrefs)]
            queue = list(dict.fromkeys([f"{base}/", *menu]))
            seen: set[str] = set()
            while queue and len(seen) < PER_ROLE:
                url = queue.pop(0)
                if url in seen or any(s in url for s in SKIP) or urlparse(url).netloc != urlparse(base).netloc:
                    continue
                seen.add(url)
                response = page.goto(url)
                status = response.status if response else 0
                if status >= 400:
                    problems.append(f"{username} ({position}): {status} {url}")
                    continue
                words = english_words(page.inner_text("main"))
                if words:
                    problems.append(f"{username}: English on {url}: {sorted(words)[:8]}")
                if url in menu or url == f"{base}/":
                    links = page.eval_on_selector_all("main a[href]", hrefs)
                    queue += [urljoin(url, h) for h in links if h and not h.startswith(("mailto:", "javascript:"))]
            problems += [f"{username}: JavaScript error {e}" for e in errors]
            visited_total += len(seen)
            print(f"{username:12} {real_name}（{position}）: {len(seen)} pages")  # noqa: T201 (a command's report)
            context.close()
        browser.close()
    print(f"{visited_total} pages visited; {len(problems)} problems")  # noqa: T201
    for line in problems:
        print("  " + line)  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
