"""Notices, replies and sign-in; minutes whose decisions become supervision tasks; absences; the weekly schedule
and the iCalendar feed (issue 12, points 4–7)."""

import datetime as dt
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from icalendar import Calendar

from shuniu.meetings import bookings, minutes, services
from shuniu.meetings.models import AbsencePair, Outcome
from shuniu.meetings.tests.base import MeetingsTestCase, at


class MinutesTests(MeetingsTestCase):
    def setUp(self):
        self.meeting = services.meeting_apply(
            actor=self.director,
            organiser=self.office,
            name="县委常委会第12次会议",
            kind="county",
            necessity="研究年底重点工作。",
            start=at("2026-12-15", "09:00"),
            end=at("2026-12-15", "11:30"),
            attendee_scope="常委",
            attendee_count=15,
            venue=self.room,
            leaders=[self.leader, self.deputy],
            series="县委常委会",
        )
        services.meeting_approve(actor=self.director, meeting=self.meeting)
        services.meeting_approve(actor=self.leader, meeting=self.meeting)

    def test_notices_replies_counts_and_sign_in_on_the_day(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(
                minutes.invite(
                    actor=self.director, meeting=self.meeting, users=[self.head_a, self.clerk_b, self.leader]
                ),
                3,
            )
        self.assertEqual(self.head_a.notifications.filter(title__contains="会议通知").count(), 1)
        inv_a = self.meeting.invitations.get(user=self.head_a)
        with self.assertRaisesMessage(ValidationError, "委派他人参加须写明参会人姓名"):
            minutes.reply(actor=self.head_a, invitation=inv_a, answer="deputy")
        minutes.reply(actor=self.head_a, invitation=inv_a, answer="deputy", deputy_name="李副局长")
        minutes.reply(
            actor=self.clerk_b,
            invitation=self.meeting.invitations.get(user=self.clerk_b),
            answer="absent",
            reason="出差",
        )
        with self.assertRaises(PermissionDenied):
            minutes.reply(actor=self.clerk_b, invitation=inv_a, answer="attend")  # not his
        day = at("2026-12-15", "08:50")
        with self.assertRaisesMessage(ValidationError, "签到码不正确"):
            minutes.sign_in(actor=self.leader, meeting=self.meeting, code="x", now=day)
        minutes.sign_in(actor=self.leader, meeting=self.meeting, code=self.meeting.sign_code, now=day)
        minutes.sign_in(actor=self.director, meeting=self.meeting, user=self.head_a, now=day)  # the organiser's desk
        with self.assertRaisesMessage(ValidationError, "只能在会议当天签到"):
            minutes.sign_in(actor=self.director, meeting=self.meeting, user=self.clerk_b, now=at("2026-12-16", "09:00"))
        self.assertEqual(
            minutes.reply_counts(self.meeting),
            {"invited": 3, "attend": 0, "deputy": 1, "absent": 1, "pending": 1, "signed": 2},
        )
        self.client.force_login(self.director)
        self.assertContains(self.client.get(self.meeting.get_absolute_url()), "委派 1")

    def test_a_decision_becomes_a_task_with_its_light_and_the_next_meeting_lists_it(self):
        info = minutes.outcome_add(
            actor=self.director, meeting=self.meeting, kind="information", text="通报全县安全生产形势。"
        )
        decision = minutes.outcome_add(
            actor=self.director,
            meeting=self.meeting,
            kind="decision",
            text="县住建局牵头，年底前完成老旧小区改造验收。",
            lead_unit=self.unit_b,
            co_units=[self.unit_a],
            due_workdays=10,
        )
        with self.assertRaisesMessage(ValidationError, "通报事项不转督办"):
            minutes.outcome_to_task(actor=self.director, outcome=info)
        task = minutes.outcome_to_task(actor=self.director, outcome=decision, today=dt.date(2026, 12, 15))
        self.assertEqual((task.source, task.lead_unit, task.due_date), ("meeting", self.unit_b, dt.date(2026, 12, 29)))
        self.assertIn(self.meeting.code, task.source_ref)
        self.assertEqual(list(task.co_units.all()), [self.unit_a])
        with self.assertRaisesMessage(ValidationError, "已转为督办事项"):
            minutes.outcome_to_task(actor=self.director, outcome=Outcome.objects.get(pk=decision.pk))
        self.client.force_login(self.director)
        page = self.client.get(self.meeting.get_absolute_url()).content.decode()
        self.assertIn(task.code, page)
        self.assertIn(f'id="light-{decision.number}"><span class="light light-', page)
        following = services.meeting_apply(
            actor=self.director,
            organiser=self.office,
            name="县委常委会第13次会议",
            kind="county",
            necessity="例会。",
            start=at("2026-12-22", "09:00"),
            end=at("2026-12-22", "11:00"),
            attendee_scope="常委",
            attendee_count=15,
            series="县委常委会",
        )
        self.assertEqual([o.pk for o in minutes.open_decisions(following)], [decision.pk])
        self.assertEqual(minutes.open_decisions(self.meeting), [])  # only earlier meetings

    def test_only_the_organiser_records_minutes(self):
        with self.assertRaises(PermissionDenied):
            minutes.outcome_add(actor=self.clerk_b, meeting=self.meeting, kind="decision", text="x")


class AbsenceTests(MeetingsTestCase):
    def test_the_principal_and_the_deputy_are_not_away_together(self):
        AbsencePair.objects.create(principal=self.leader, deputy=self.deputy)
        now = at("2026-12-01", "09:00")
        first, clashes = bookings.absence_file(
            actor=self.secretary,
            leader=self.leader,
            start=dt.date(2026, 12, 14),
            end=dt.date(2026, 12, 16),
            destination="省委党校",
            reason="学习培训",
            stand_in=self.deputy,
            now=now,
        )
        self.assertEqual(clashes, [])
        _second, clashes = bookings.absence_file(
            actor=self.secretary,
            leader=self.deputy,
            start=dt.date(2026, 12, 16),
            end=dt.date(2026, 12, 17),
            destination="市里",
            reason="汇报",
            stand_in=self.director,
            now=now,
        )
        self.assertEqual(clashes, [first])
        self.client.force_login(self.secretary)
        self.assertContains(self.client.get("/meetings/absences/"), "同时外出")
        with self.assertRaisesMessage(ValidationError, "事先报备"):
            bookings.absence_file(
                actor=self.secretary,
                leader=self.leader,
                start=dt.date(2026, 11, 30),
                end=dt.date(2026, 12, 2),
                destination="x",
                reason="y",
                stand_in=self.deputy,
                now=now,
            )
        with self.assertRaisesMessage(ValidationError, "不能是本人"):
            bookings.absence_file(
                actor=self.secretary,
                leader=self.leader,
                start=dt.date(2026, 12, 20),
                end=dt.date(2026, 12, 21),
                destination="x",
                reason="y",
                stand_in=self.leader,
                now=now,
            )


class AbsenceListTests(MeetingsTestCase):
    def test_the_absence_list_reads_the_pair_clashes_in_constant_queries(self):
        AbsencePair.objects.create(principal=self.leader, deputy=self.deputy)
        now = at("2026-12-01", "09:00")

        def file(leader, day):
            bookings.absence_file(
                actor=self.secretary,
                leader=leader,
                start=day,
                end=day + dt.timedelta(days=1),
                destination="市里",
                reason="汇报",
                stand_in=self.director,
                now=now,
            )

        def queries():
            with CaptureQueriesContext(connection) as ctx:
                self.client.get("/meetings/absences/")
            return len(ctx.captured_queries)

        self.client.force_login(self.secretary)
        file(self.leader, dt.date(2026, 12, 14))
        file(self.deputy, dt.date(2026, 12, 15))
        self.client.get("/meetings/absences/")
        few = queries()
        for n in range(4):
            file(self.leader, dt.date(2026, 12, 20 + 3 * n))
            file(self.deputy, dt.date(2026, 12, 21 + 3 * n))
        self.assertEqual(queries(), few)
        self.assertContains(self.client.get("/meetings/absences/"), "与林副书记同时外出")
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get("/meetings/absences/").status_code, 403)


class WeekAndFeedTests(MeetingsTestCase):
    def setUp(self):
        bookings.activity_create(
            actor=self.secretary,
            leader=self.leader,
            kind="meeting",
            title="县委常委会",
            start=at("2026-12-14", "09:00"),
            end=at("2026-12-14", "11:00"),
            venue=self.room,
            recurrence="FREQ=WEEKLY;COUNT=4",
        )
        bookings.activity_create(
            actor=self.secretary,
            leader=self.deputy,
            kind="research",
            title="调研乡村振兴示范村",
            start=at("2026-12-16", "14:30"),
            end=at("2026-12-16", "17:30"),
            location="城关镇",
        )

    def test_the_weekly_schedule_page_print_and_docx(self):
        self.client.force_login(self.secretary)
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get("/meetings/week/", {"week": "2026-12-16"}).content.decode()
        self.assertIn("12月14日（星期一）", page)
        self.assertIn("调研乡村振兴示范村", page)
        self.assertLess(len(queries), 15)
        r = self.client.get("/meetings/week.docx", {"week": "2026-12-21"})
        text = "\n".join(c.text for t in Document(io.BytesIO(r.content)).tables for row in t.rows for c in row.cells)
        self.assertIn("县委常委会", text)  # the second occurrence of the series
        self.assertIn("12月21日 周一", text)
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get("/meetings/week/").status_code, 403)

    def test_a_personal_feed_parses_back_and_can_be_revoked(self):
        token = bookings.feed_create(actor=self.leader, leader=self.leader)
        r = self.client.get(f"/meetings/feeds/{token}.ics")
        self.assertEqual(r["Content-Type"], "text/calendar; charset=utf-8")
        cal = Calendar.from_ical(r.content)
        events = list(cal.walk("VEVENT"))
        self.assertEqual([str(e["summary"]) for e in events], ["县委常委会"])
        self.assertEqual(events[0]["rrule"]["COUNT"], [4])
        bookings.feed_revoke(actor=self.leader, leader=self.leader)
        self.assertEqual(self.client.get(f"/meetings/feeds/{token}.ics").status_code, 404)
        with self.assertRaises(PermissionDenied):
            bookings.feed_create(actor=self.deputy, leader=self.leader)  # another leader's feed
