"""办会 as people do it (issue 12, point 11): an application with a breach and its justification, approval along the
chain, the notice, a 回执, sign-in with the room's code, minutes, a decision turned into a task, and the weekly
schedule .docx."""

import io

from django.utils import timezone
from docx import Document

from shuniu.core.browser import ARTIFACTS, BrowserTestCase
from shuniu.meetings.models import Meeting, Venue
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import BrowserPeople

PASSWORD = BrowserPeople.PASSWORD


class MeetingsBrowserTests(BrowserPeople, BrowserTestCase):
    def test_apply_justify_approve_notify_reply_sign_in_minutes_task_and_the_week(self):
        ensure_roles()
        county = self.unit("示范县", Unit.Kind.LEADERSHIP)
        office = self.unit("县委办公室", Unit.Kind.OFFICE, county)
        fgj = self.unit("县发展和改革局", Unit.Kind.DEPARTMENT, county)
        self.user("fgj_liaison", fgj, "liaison", "何立新")
        self.user("director", office, "office_director", "刘明哲")
        self.user("leader", county, "county_leader", "陈志远")
        self.user("fgj_clerk", fgj, "handler", "冯雪梅")
        Venue.objects.create(code="hall", name="县会议中心大礼堂", capacity=400)
        today = timezone.localdate()
        url = self.live_server_url
        page = self.new_page()

        self.login(page, "fgj_liaison", PASSWORD)
        page.goto(f"{url}/meetings/new/")
        page.fill("#id_name", "全县重点项目推进会")
        page.select_option("#id_kind", "department")
        page.fill("#id_start", f"{today:%Y-%m-%d}T09:00")
        page.fill("#id_end", f"{today:%Y-%m-%d}T11:00")
        page.select_option("#id_venue", label="县会议中心大礼堂")
        page.fill("#id_attendee_scope", "各乡镇、县直有关单位分管负责人")
        page.fill("#id_attendee_count", "95")  # over the department limit of 80
        page.check("text=陈志远")
        page.fill("#id_necessity", "部署年底前重点项目攻坚，须各乡镇和项目单位参加。")
        page.click("#btn-submit")
        page.wait_for_selector("#findings")
        self.assertIn("部门会议参会人数不超过80人", page.inner_text("#findings"))
        self.shot(page, "meetings-breach")
        for area in page.query_selector_all("#findings textarea"):
            area.fill("项目单位多，须各施工企业负责人参会，会后不再另行召开。")
        page.click("#btn-submit")
        page.wait_for_selector("#meeting-status")
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.status, "pending")
        self.assertIn("说明理由", page.inner_text("#breaches"))

        self.as_user(page, "director")
        page.goto(f"{url}{meeting.get_absolute_url()}")
        self.shot(page, "meetings-approver", full_page=True)
        page.click("#btn-approve")
        page.wait_for_selector("text=已同意")
        self.as_user(page, "leader")
        page.goto(f"{url}{meeting.get_absolute_url()}")
        page.click("#btn-approve")
        page.wait_for_selector("#meeting-status >> text=已批准")

        self.as_user(page, "director")
        page.goto(f"{url}{meeting.get_absolute_url()}")
        page.fill("#id_users", "fgj_clerk")
        page.click("#btn-invite")
        page.wait_for_selector("text=已发出会议通知")
        code = page.inner_text("#sign-code").strip()

        self.as_user(page, "fgj_clerk")
        page.goto(f"{url}{meeting.get_absolute_url()}")
        page.select_option("#my-reply select[name=answer]", "attend")
        page.click("#btn-reply")
        page.wait_for_selector("text=已回执")
        page.fill("#my-reply input[name=code]", code)
        page.click("#btn-sign-self")
        page.wait_for_selector("text=已签到")
        self.shot(page, "meetings-attendee")

        self.as_user(page, "director")
        page.goto(f"{url}{meeting.get_absolute_url()}")
        self.assertIn("已签到 1", page.inner_text("#reply-counts"))
        page.select_option("#minutes select[name=kind]", "decision")
        page.fill("#minutes textarea[name=text]", "县发改局牵头，10个工作日内拿出明年重点项目清单。")
        page.select_option("#minutes select[name=lead_unit]", label="县发展和改革局")
        page.fill("#minutes input[name=due_workdays]", "10")
        page.click("#btn-outcome")
        page.wait_for_selector("#btn-task-1")
        page.click("#btn-task-1")
        page.wait_for_selector("text=已转为督办事项")
        task_code = meeting.outcomes.get().task.code
        self.assertIn(task_code, page.inner_text("#minutes"))
        self.shot(page, "meetings-minutes", full_page=True)

        page.goto(f"{url}/meetings/week/?week={today:%Y-%m-%d}")
        self.assertIn("全县重点项目推进会", page.inner_text("#week"))
        self.shot(page, "meetings-week", full_page=True)
        with page.expect_download() as download:
            page.click("#btn-docx")
        path = ARTIFACTS / "meetings-week.docx"
        download.value.save_as(str(path))
        document = Document(io.BytesIO(path.read_bytes()))
        self.assertEqual(document.paragraphs[0].text, "县领导一周工作安排")
        self.assertIn("全县重点项目推进会", "\n".join(c.text for row in document.tables[0].rows for c in row.cells))
