"""Meeting applications (issue 12, points 1, 2, 9): the 精简 rules with their texts, justifications, filing for a
meeting in the plan, the approval chain, and bad input."""

from decimal import Decimal

from django.utils import timezone

from shuniu.audit.models import AuditRecord
from shuniu.meetings import rules, services
from shuniu.meetings.models import Activity, Meeting, MeetingPlan, PlanItem
from shuniu.meetings.tests.base import MeetingsTestCase, at


def app(**kw):
    base = {
        "kind": "department",
        "organiser_id": 1,
        "start": at("2026-12-15", "09:00"),
        "end": at("2026-12-15", "11:30"),
        "attendee_count": 50,
        "speech_minutes": 40,
        "budget": Decimal(0),
        "cost_class": "3",
    }
    base.update(kw)
    return rules.Application(**base)


class Applying(MeetingsTestCase):
    def apply(self, user=None, **kw):
        values = {
            "actor": user or self.head_a,
            "name": "全县重点项目推进会",
            "kind": "department",
            "necessity": "部署年底前重点项目攻坚。",
            "start": at("2026-12-15", "09:00"),
            "end": at("2026-12-15", "11:30"),
            "attendee_scope": "各乡镇分管负责人",
            "attendee_count": 50,
            "venue": self.room,
            "leaders": [self.leader],
        }
        values.update(kw)
        return services.meeting_apply(**values)


class RuleTests(Applying):
    def rules_of(self, **kw):
        return [f.rule for f in rules.check(app(**kw))]

    def test_a_lean_meeting_breaks_nothing(self):
        self.assertEqual(self.rules_of(), [])

    def test_each_rule_with_the_defaults(self):
        self.assertEqual(self.rules_of(attendee_count=81), ["attendees"])
        self.assertEqual(self.rules_of(kind="county", attendee_count=150), [])
        self.assertEqual(self.rules_of(kind="county", attendee_count=151), ["attendees"])
        self.assertEqual(self.rules_of(end=at("2026-12-15", "14:30")), ["duration"])  # over half a day
        two_days = {"group_discussion": True, "end": at("2026-12-16", "12:00")}  # 1.5 days
        self.assertEqual(self.rules_of(**two_days), [])
        self.assertEqual(self.rules_of(group_discussion=True, end=at("2026-12-16", "17:00")), ["duration"])  # 2 days
        self.assertEqual(self.rules_of(speech_minutes=61), ["speech"])
        self.assertEqual(self.rules_of(budget=Decimal(50 * 550)), [])
        self.assertEqual(self.rules_of(budget=Decimal(50 * 550 + 1)), ["quota"])
        self.assertEqual(self.rules_of(cost_class="1", budget=Decimal(50 * 760)), [])

    def test_the_meeting_free_week_and_days_off(self):
        # December 2026: the first Monday is the 7th, so 7–13 December is the 无会周
        self.assertEqual(self.rules_of(start=at("2026-12-08", "09:00"), end=at("2026-12-08", "11:00")), ["free_week"])
        found = rules.check(app(start=at("2026-10-02", "09:00"), end=at("2026-10-02", "11:00")))  # National Day
        self.assertIn("holiday", [f.rule for f in found])
        self.assertIn("国庆节", found[-1].detail)
        self.assertIn(
            "holiday", self.rules_of(start=at("2026-12-19", "09:00"), end=at("2026-12-19", "11:00"))
        )  # a Saturday
        # a make-up workday (调休上班) is a working day: 2026-10-10 (Saturday) for National Day
        self.assertNotIn("holiday", self.rules_of(start=at("2026-10-10", "09:00"), end=at("2026-10-10", "11:00")))

    def test_one_comprehensive_meeting_a_year_per_organiser(self):
        first = self.apply(comprehensive=True, name="全县经济工作会议")
        self.assertEqual(first.breaches.count(), 0)
        again = rules.check(app(organiser_id=self.unit_a.pk, comprehensive=True))
        self.assertEqual([f.rule for f in again], ["comprehensive"])
        self.assertIn("不超过1次", again[0].text)


class ApplicationTests(Applying):
    def test_a_breach_needs_a_written_justification_the_approver_sees_the_rule(self):
        with self.assertRaises(services.JustificationMissingError) as raised:
            self.apply(speech_minutes=90)
        self.assertIn("主报告时长不超过60分钟", str(raised.exception))
        self.assertFalse(Meeting.objects.exists())
        meeting = self.apply(speech_minutes=90, justifications={"speech": "需传达省委全会精神，时长确需延长。"})
        self.assertEqual((meeting.status, meeting.approval_chain), ("pending", ["office_director", "county_leader"]))
        breach = meeting.breaches.get()
        self.assertEqual((breach.rule_text, breach.detail), ("主报告时长不超过60分钟", "主报告90分钟"))
        self.client.force_login(self.director)
        page = self.client.get(meeting.get_absolute_url()).content.decode()
        self.assertIn("主报告时长不超过60分钟", page)
        self.assertIn("需传达省委全会精神", page)

    def test_the_chain_office_director_then_county_leader_each_step_by_its_role(self):
        meeting = self.apply()
        self.assertEqual(meeting.next_role, "office_director")
        r = self.api(self.leader, "post", f"/api/v1/meetings/{meeting.code}/approve", {"reason": ""})
        self.assertEqual(r.status_code, 403)  # not his step yet
        self.assertEqual(
            self.api(self.director, "post", f"/api/v1/meetings/{meeting.code}/approve", {}).json()["next_role"],
            "county_leader",
        )
        r = self.api(self.leader, "post", f"/api/v1/meetings/{meeting.code}/approve", {"reason": "同意"})
        self.assertEqual(r.json()["status"], "approved")
        self.assertEqual(AuditRecord.objects.filter(object_type="meetings.meeting", action="approve").count(), 2)

    def test_return_and_refuse_need_reasons_a_refusal_frees_the_room_and_the_leaders(self):
        meeting = self.apply()
        self.assertEqual(Activity.objects.filter(meeting=meeting).count(), 2)  # the room and 陈书记
        r = self.api(self.director, "post", f"/api/v1/meetings/{meeting.code}/refuse", {"reason": ""})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(
            self.api(self.director, "post", f"/api/v1/meetings/{meeting.code}/return", {"reason": "请压缩规模"}).json()[
                "status"
            ],
            "returned",
        )
        self.api(self.head_a, "post", f"/api/v1/meetings/{meeting.code}/resubmit", {})
        r = self.api(
            self.director, "post", f"/api/v1/meetings/{meeting.code}/refuse", {"reason": "可与全县会议合并召开"}
        )
        self.assertEqual(r.json()["status"], "refused")
        self.assertFalse(Activity.objects.filter(meeting=meeting).exists())

    def test_in_the_plan_it_is_filed_not_approved(self):
        plan = MeetingPlan.objects.create(year=2026)
        PlanItem.objects.create(
            plan=plan,
            number=3,
            name="全县重点项目推进会",
            kind="department",
            organiser=self.unit_a,
            month=12,
            attendees=60,
            days=Decimal("0.5"),
        )
        payload = {
            "name": "全县重点项目推进会",
            "kind": "department",
            "necessity": "年度计划内会议。",
            "start": "2026-12-15T09:00:00+08:00",
            "end": "2026-12-15T11:00:00+08:00",
            "attendee_scope": "各乡镇",
            "attendee_count": 40,
            "in_plan": 3,
        }
        r = self.api(self.head_a, "post", "/api/v1/meetings", payload)
        self.assertEqual((r.status_code, r.json()["status"], r.json()["next_role"]), (201, "filed", ""))

    def test_booking_conflict_is_409_and_nothing_is_written(self):
        self.apply()
        payload = {
            "name": "另一个会",
            "kind": "department",
            "necessity": "x",
            "start": "2026-12-15T10:00:00+08:00",
            "end": "2026-12-15T11:00:00+08:00",
            "attendee_scope": "各单位",
            "attendee_count": 20,
            "venue_code": "room-1",
        }
        r = self.api(self.head_a, "post", "/api/v1/meetings", payload)
        self.assertEqual(r.status_code, 409)
        self.assertEqual(r.json()["detail"][0]["venue"], "县委第一会议室")
        self.assertEqual(Meeting.objects.count(), 1)

    def test_bad_input_outsiders_and_read_only(self):
        cases = [
            ({"end": at("2026-12-15", "08:00")}, "结束时间须晚于开始时间"),
            ({"attendee_count": 61}, "超出容量"),
            ({"leaders": [self.clerk_a]}, "不是县领导账号"),
            ({"name": "机密★ 会议"}, "涉密"),
            ({"kind": "party"}, "会议类型应为"),
        ]
        for change, message in cases:
            with self.subTest(message), self.assertRaisesMessage(Exception, message):
                self.apply(**change)
        self.assertFalse(Meeting.objects.exists())
        meeting = self.apply()
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(meeting.get_absolute_url()).status_code, 404)  # outsider
        self.assertEqual(self.api(self.clerk_b, "get", f"/api/v1/meetings/{meeting.code}").status_code, 404)
        self.assertEqual(
            self.api(
                self.clerk_a,
                "post",
                "/api/v1/meetings",
                {
                    "name": "x",
                    "kind": "department",
                    "necessity": "x",
                    "start": "2026-12-15T09:00:00+08:00",
                    "end": "2026-12-15T10:00:00+08:00",
                    "attendee_scope": "x",
                    "attendee_count": 5,
                },
            ).status_code,
            403,
        )  # a handler may not apply
        self.assertEqual(self.api(self.head_a, "post", f"/api/v1/meetings/{meeting.code}/approve", {}).status_code, 403)


class TodoTests(Applying):
    def test_the_approver_and_the_invitee_find_their_to_dos_on_the_home_page(self):
        from shuniu.meetings import minutes

        meeting = self.apply()
        self.client.force_login(self.director)
        self.assertContains(self.client.get("/"), f"审批会议：{meeting.code}")
        self.client.force_login(self.leader)
        self.assertNotContains(self.client.get("/"), f"审批会议：{meeting.code}")  # not his step yet
        services.meeting_approve(actor=self.director, meeting=meeting)
        self.assertContains(self.client.get("/"), f"审批会议：{meeting.code}")
        services.meeting_approve(actor=self.leader, meeting=meeting)
        minutes.invite(actor=self.director, meeting=meeting, users=[self.clerk_b])
        self.client.force_login(self.clerk_b)
        page = self.client.get("/").content.decode()
        if meeting.start > timezone.now():  # a notice waits for its reply until the meeting starts
            self.assertIn("会议回执：全县重点项目推进会", page)
