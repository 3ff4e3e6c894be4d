"""值班 and 请销假 as the office does it (issue 14 point 9): generate and publish November's roster, approve a leave
that hits a duty and accept the suggested replacement, log a call and raise it to urgent information, and preview an
annual leave over National Day 2026."""

import datetime as dt

from shuniu.core.browser import BrowserTestCase
from shuniu.duty.models import Duty, LogEntry, Roster
from shuniu.information.models import UrgentEvent
from shuniu.leave.models import LeaveRequest, Oversight, StaffProfile
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import BrowserPeople

PASSWORD = BrowserPeople.PASSWORD


class DutyBrowserTests(BrowserPeople, BrowserTestCase):
    def test_roster_leave_replacement_log_to_urgent_and_the_leave_preview(self):
        ensure_roles()
        county = self.unit("示范县", Unit.Kind.LEADERSHIP)
        office = self.unit("县委办公室", Unit.Kind.OFFICE, county)
        room = self.unit("值班室", Unit.Kind.SECTION, office)
        self.user("zhiban", room, "duty_officer", "韩值班")
        self.user("room_head", room, "section_head", "赵科长")
        deputy = self.user("fuzhuren", office, "deputy_director", "王副主任")
        leaders = [deputy, self.user("fuzhuren2", office, "deputy_director", "李副主任")]
        leaders.append(self.user("director", office, "office_director", "刘主任"))
        officers = [
            self.user(f"officer{i}", room, "handler", name) for i, name in enumerate(["孙文", "周越", "吴桐", "郑阳"])
        ]
        Oversight.objects.create(leader=deputy, unit=room)
        StaffProfile.objects.create(user=officers[3], service_start=dt.date(2012, 7, 1))
        url = self.live_server_url
        page = self.new_page()

        # 1. Generate and publish November's roster.
        self.login(page, "zhiban", PASSWORD)
        page.goto(f"{url}/duty/?month=2026-11")
        page.fill("#id_start", "2026-11-01")
        page.fill("#id_end", "2026-11-30")
        page.select_option("#id_leaders", [str(u.pk) for u in leaders])
        page.select_option("#id_officers", [str(u.pk) for u in officers])
        page.click("#btn-generate")
        page.wait_for_selector("text=已生成值班表")
        page.click("#btn-publish")
        page.wait_for_selector("#roster-status >> text=已发布")
        self.assertEqual(Roster.objects.get(year=2026, month=11).status, "published")
        self.assertEqual(Duty.objects.filter(date__month=11, role="leader").count(), 30)
        self.shot(page, "duty-roster-published", full_page=True)

        # 2. A leave approved after publication hits a duty: flagged, a replacement suggested and accepted.
        duty = Duty.objects.filter(person=officers[1], date__month=11).order_by("date").first()
        self.as_user(page, "officer1")
        page.goto(f"{url}/leave/")
        page.select_option("#id_kind", "personal")
        page.fill("#id_start_date", duty.date.isoformat())
        page.fill("#id_days", "1")
        page.fill("#id_reason", "家中老人就医")
        page.wait_for_selector("#pv-chain >> text=科室负责人")
        page.click("#btn-apply")
        page.wait_for_selector("#status >> text=审批中")
        leave = LeaveRequest.objects.get(person=officers[1])
        self.as_user(page, "room_head")
        page.goto(f"{url}{leave.get_absolute_url()}")
        page.click("#btn-approve")
        page.wait_for_selector("#status >> text=已批准")
        self.as_user(page, "zhiban")
        page.goto(f"{url}/duty/?month=2026-11")
        page.wait_for_selector(".flag >> text=建议由")
        self.shot(page, "duty-roster-flagged", full_page=True)
        page.click(f"#btn-accept-{duty.pk}")
        page.wait_for_selector("text=接替值班")
        duty.refresh_from_db()
        self.assertNotEqual(duty.person, officers[1])
        self.assertEqual(duty.flag, "")

        # 3. A call logged and raised to urgent information, linked both ways.
        page.goto(f"{url}/duty/log/")
        page.select_option("#id_kind", "call")
        page.fill("#id_unit", "湖滨镇")
        page.fill("#id_caller", "镇党政办")
        page.fill("#id_content", "湖滨镇临湖村一处民房起火，消防已到场，暂无人员伤亡。")
        page.click("#btn-log")
        page.wait_for_selector("text=已记入值班日志")
        entry = LogEntry.objects.get()
        page.click(f"#{entry.code} summary")
        form = f"form[action='/duty/log/{entry.code}/urgent/']"
        page.fill(f"{form} input[name=title]", "湖滨镇临湖村民房火灾")
        page.fill(f"{form} input[name=place]", "湖滨镇临湖村")
        self.shot(page, "duty-log-raise", full_page=True)
        page.click(f"#btn-urgent-{entry.code}")
        page.wait_for_selector(f".backlink >> text=值班日志 {entry.code}")
        event = UrgentEvent.objects.get()
        entry.refresh_from_db()
        self.assertEqual((entry.raised_kind, entry.raised_code), ("urgent", event.code))
        self.shot(page, "duty-urgent-event", full_page=True)

        # 4. Annual leave over National Day: the preview before sending.
        self.as_user(page, "officer3")
        page.goto(f"{url}/leave/")
        page.select_option("#id_kind", "annual")
        page.fill("#id_start_date", "2026-09-28")
        page.fill("#id_days", "5")
        page.wait_for_selector("#pv-end >> text=2026年10月9日")
        self.assertIn("2026年10月10日", page.inner_text("#pv-return"))
        self.assertEqual(page.inner_text("#pv-chain"), "科室负责人 → 分管领导 → 主要领导")
        self.assertIn("10", page.inner_text("#pv-left"))
        self.shot(page, "leave-preview-national-day", full_page=True)
        self.assertEqual(self.console_errors, [])
