"""保密检查 and 创新评比 in a browser (issue 15 point 8): a plan made, a visit's checklist with a failed item, the
finding raised to a supervision task, the unit's 申请办结, the inspector's re-check closing both; a contest opened,
cases filed, scored by judges on their anonymised sheets, the ranking published."""

import datetime as dt

from django.utils import timezone

from shuniu.core.browser import BrowserTestCase
from shuniu.innovation import services as contest
from shuniu.innovation.models import Call
from shuniu.inspections.models import Finding, Visit
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import BrowserPeople
from shuniu.supervision import services as supervision
from shuniu.supervision.models import Task

PASSWORD = BrowserPeople.PASSWORD


class InspectionAndContestBrowserTests(BrowserPeople, BrowserTestCase):
    def test_a_finding_to_closure_and_a_contest_to_its_ranking(self):
        ensure_roles()
        county = self.unit("示范县", Unit.Kind.LEADERSHIP)
        office = self.unit("县委办公室", Unit.Kind.OFFICE, county)
        bmb = self.unit("保密办", Unit.Kind.SECTION, office)
        fgj = self.unit("县发展和改革局", Unit.Kind.DEPARTMENT, county)
        zjj = self.unit("县住房和城乡建设局", Unit.Kind.DEPARTMENT, county)
        self.user("baomi", bmb, "secrecy_inspector", "严守信")
        liaison = self.user("fgj", fgj, "liaison", "何立新")
        zj = self.user("zjj", zjj, "liaison", "冯雪梅")
        director = self.user("director", office, "office_director", "刘明哲")
        judges = [
            self.user(f"judge{i}", office if i < 3 else zjj, "handler", n)
            for i, n in enumerate(["甲评委", "乙评委", "丙评委", "丁评委"])
        ]
        url = self.live_server_url
        page = self.new_page()
        year = timezone.localdate().year

        self.login(page, "baomi", PASSWORD)
        page.goto(f"{url}/inspections/?year={year}")
        page.click("#btn-plan")
        page.wait_for_selector("#unit-rate")
        visit = Visit.objects.get(unit=fgj)
        page.goto(f"{url}{visit.get_absolute_url()}")
        page.check("#checklist tr:nth-child(7) input[value=fail]")
        page.fill("#checklist tr:nth-child(7) input[name^=note]", "一台内网计算机曾连接手机热点")
        page.click("#btn-record")
        page.wait_for_selector("#status >> text=已检查")
        page.fill("#finding-form textarea[name=description]", "内网计算机曾连接手机热点上网")
        page.fill("#finding-form input[name=deadline]", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
        page.click("#btn-finding")
        page.wait_for_selector(".finding .task-link")
        finding = Finding.objects.get()
        task = Task.objects.get(code=finding.task_code)
        supervision.task_accept(actor=liaison, task=task)
        supervision.task_request_close(actor=liaison, task=task, done="已断网并更换硬盘，硬盘交保密办销毁")
        page.reload()
        page.fill(f"#{finding.code} input[name=note]", "现场复查合格")
        self.shot(page, "inspection-recheck", full_page=True)
        page.click(f"#btn-recheck-{finding.code}")
        page.wait_for_selector(f"#{finding.code} >> text=复查合格")
        task.refresh_from_db()
        self.assertEqual(task.status, "closed")
        page.goto(f"{url}/inspections/?year={year}")
        self.shot(page, "inspection-plan", full_page=True)

        call = contest.call_create(actor=director, year=2026, quarter=3, deadline=dt.date(2026, 9, 30), judges=judges)
        for who, title in ((liaison, "项目审批“一窗受理”"), (zj, "老旧小区改造“居民议事会”")):
            contest.case_submit(
                actor=who, call=call, title=title, summary="背景、做法、成效", today=dt.date(2026, 9, 1)
            )
        call.deadline = dt.date(2026, 9, 1)  # the deadline has passed: scoring opens (the page reads today)
        call.save(update_fields=["deadline"])
        for i, judge in enumerate(judges):
            self.as_user(page, judge.username)
            page.goto(f"{url}{call.get_absolute_url()}")
            sheets = page.query_selector_all(".case-sheet")
            self.assertEqual(len(sheets), 1 if i == 3 else 2)  # 丁评委 works at the 住建局: its case is not his
            self.assertNotIn("县发展和改革局", page.inner_text("#sheet"))
            if i == 0:
                self.shot(page, "contest-judge-sheet", full_page=True)
            for n in range(len(sheets)):
                sheet = page.locator(".case-sheet").nth(n)
                for box in sheet.locator("input[name^=c-]").all():
                    box.fill(str(9 - i % 2))
                sheet.locator("button").click()
                page.wait_for_selector("text=已保存")
        self.as_user(page, "director")
        page.goto(f"{url}{call.get_absolute_url()}")
        page.click("#btn-publish")
        page.wait_for_selector("#ranking >> text=一等奖")
        self.shot(page, "contest-ranking", full_page=True)
        self.assertEqual(Call.objects.get().status, "published")
        self.assertEqual(self.console_errors, [])
