"""The supervision flow as people do it: import the Excel list, report, accept, issue the bulletin, download it."""

import io
from pathlib import Path

from django.core.management import call_command
from docx import Document

from shuniu.core.browser import ARTIFACTS, BrowserTestCase
from shuniu.demo.county import DEMO_PASSWORD
from shuniu.demo.excel_list import demo_task_list_xlsx
from shuniu.supervision.models import Task


class SupervisionBrowserTests(BrowserTestCase):
    def logout(self, page):
        page.click("nav >> text=退出")
        page.wait_for_url(f"{self.live_server_url}/login/")

    def test_it_runs_the_monthly_cycle(self):
        call_command("load_demo", verbosity=0)
        url = self.live_server_url
        page = self.new_page()
        self.login(page, "duchayuan", DEMO_PASSWORD)

        listing = ARTIFACTS / "督办事项清单.xlsx"
        listing.write_bytes(demo_task_list_xlsx())
        page.goto(f"{url}/supervision/tasks/import/")
        page.set_input_files("#id_file", str(listing))
        page.click("form >> button.btn-danger")
        page.wait_for_url(f"{url}/supervision/tasks/")
        self.assertIn("导入成功：新增3项督办事项", page.content())
        task = Task.objects.get(title="推进县城智慧停车系统建设")
        page.fill("#id_q", "智慧停车")
        page.click("text=查询")
        self.shot(page, "supervision-task-list")
        page.click(f"text={task.code}")
        page.click("#btn-assign")
        page.wait_for_selector(f"text=已交办 {task.code}")
        self.logout(page)

        self.login(page, "fgj_clerk", DEMO_PASSWORD)
        page.goto(f"{url}/supervision/tasks/{task.code}/")
        page.fill("#report-form #id_progress", "20")
        page.fill("#report-form #id_done", "完成主城区停车泊位普查，形成改造方案。")
        page.click("#report-form button")
        page.wait_for_selector(f"text=已报送进展 {task.code}")
        self.logout(page)

        self.login(page, "duchayuan", DEMO_PASSWORD)
        page.goto(f"{url}/supervision/tasks/{task.code}/")
        page.click("#reports >> text=采纳")
        page.wait_for_selector(f"text=已采纳 {task.code} 的进展报告")
        self.assertIn("已采纳", page.inner_text("#reports"))
        self.assertIn("序时进度", page.inner_text("#light-explanation"))
        self.shot(page, "supervision-task", full_page=True)

        page.goto(f"{url}/supervision/bulletins/")
        month = page.input_value("#id_month") or "2026-11"
        page.fill("#id_month", month)
        page.click("#btn-issue")
        page.wait_for_selector("#download-docx")
        with page.expect_download() as download_info:
            page.click("#download-docx")
        path = download_info.value.path()
        text = "\n".join(p.text for p in Document(io.BytesIO(Path(path).read_bytes())).paragraphs)
        self.assertIn("督查通报", text)
        self.assertIn("一、总体情况", text)
        self.shot(page, "supervision-bulletin", full_page=False)

        page.goto(f"{url}/supervision/dashboard/")
        page.wait_for_function("document.querySelector('#chart-units canvas') !== null")
        self.shot(page, "supervision-dashboard", full_page=True)
        self.assertEqual([e for e in self.console_errors if "Content Security Policy" in e], [])
