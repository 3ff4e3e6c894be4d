"""Urgent information: limits from the event time, 续报 slots, required elements, lateness stored when it happens
(issue 11, point 3). Fixed dates around the 2026 National Day holiday."""

import datetime as dt
from unittest import mock

from shuniu.information import urgent
from shuniu.information.models import UrgentDeadline, UrgentEvent, UrgentLimit
from shuniu.information.tests.base import TZ, InformationTestCase
from shuniu.notifications.models import Notification

OCCURRED = dt.datetime(2026, 10, 1, 14, 10, tzinfo=TZ)  # 国庆节 afternoon
FULL = "\n".join(f"{e}：已核实" for e in urgent.REQUIRED_ELEMENTS)


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


class UrgentTests(InformationTestCase):
    def event(self, level="major", **kw):
        with at(kw.pop("now", OCCURRED + dt.timedelta(minutes=5))):
            return urgent.event_create(
                actor=self.officer_a,
                title="湖滨镇一化工厂仓库起火",
                level=level,
                occurred_at=OCCURRED,
                place="湖滨镇工业园",
                summary="仓库起火，暂无人员伤亡报告",
            )

    def test_limits_by_level_counted_from_the_event_time(self):
        major = self.event("major")
        self.assertEqual(
            sorted((d.channel, d.due_at) for d in major.deadlines.filter(kind="initial")),
            [("phone", OCCURRED + dt.timedelta(minutes=30)), ("written", OCCURRED + dt.timedelta(minutes=60))],
        )
        general = self.event("general")
        self.assertEqual(
            list(general.deadlines.filter(kind="initial").values_list("channel", "due_at")),
            [("written", OCCURRED + dt.timedelta(hours=6))],
        )
        UrgentLimit.objects.filter(level="large").update(phone_minutes=20, written_minutes=45)  # a stricter county
        large = self.event("large")
        self.assertEqual(
            large.deadlines.get(kind="initial", channel="phone").due_at, OCCURRED + dt.timedelta(minutes=20)
        )

    def test_the_api_answers_with_due_times_in_county_time(self):
        with at(OCCURRED + dt.timedelta(minutes=3)):
            r = self.api(
                self.officer_a,
                "post",
                "/api/v1/urgent-events",
                {
                    "title": "G235国道石桥段多车相撞",
                    "level": "major",
                    "occurred_at": "2026-10-01T06:10:00Z",
                    "place": "石桥镇",
                    "summary": "三车追尾，2人受伤送医",
                },
            )
        self.assertEqual(r.status_code, 201, r.content)
        body = r.json()
        self.assertEqual(body["phone_due"], "2026-10-01T14:40:00+08:00")
        self.assertEqual(body["written_due"], "2026-10-01T15:10:00+08:00")
        r = self.api(
            self.officer_a,
            "post",
            "/api/v1/urgent-events",
            {
                "title": "x",
                "level": "catastrophic",
                "occurred_at": "2026-10-01T06:10:00Z",
                "place": "y",
                "summary": "z",
            },
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("特别重大", r.content.decode())

    def test_a_written_report_without_its_elements_is_refused_naming_the_missing_ones(self):
        event = self.event()
        with at(OCCURRED + dt.timedelta(minutes=40)):
            r = self.api(
                self.officer_a,
                "post",
                f"/api/v1/urgent-events/{event.code}/reports",
                {"kind": "initial", "channel": "written", "text": "时间：14:10\n地点：湖滨镇工业园\n基本过程：起火"},
            )
        self.assertEqual(r.status_code, 400)
        detail = r.content.decode()
        self.assertIn("信息来源", detail)
        self.assertIn("现场负责人及联系方式", detail)
        self.assertNotIn("、地点", detail)
        self.assertFalse(event.reports.exists())

    def test_on_time_reports_late_ones_stored_late_and_notified_once(self):
        event = self.event()
        with at(OCCURRED + dt.timedelta(minutes=20)):
            urgent.report_add(
                actor=self.officer_a,
                event=event,
                kind="initial",
                channel="phone",
                sent_at=None,
                text="电话报告：仓库起火",
            )
        with at(OCCURRED + dt.timedelta(minutes=75)), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(urgent.mark_late(), 1)  # the written 首报's 60 minutes have passed
            self.assertEqual(urgent.mark_late(), 0)  # idempotent
        written = event.deadlines.get(kind="initial", channel="written")
        self.assertTrue(written.late)
        self.assertEqual(written.late_marked_at, OCCURRED + dt.timedelta(minutes=75))
        self.assertFalse(event.deadlines.get(kind="initial", channel="phone").late)
        notes = Notification.objects.filter(title__contains=event.code)
        self.assertEqual(set(notes.values_list("recipient__username", flat=True)), {"director", "duty"})
        with at(OCCURRED + dt.timedelta(minutes=90)):
            urgent.report_add(
                actor=self.officer_a, event=event, kind="initial", channel="written", sent_at=None, text=FULL
            )
        written.refresh_from_db()
        self.assertTrue(written.late)  # stored, not recomputed from the later report
        self.assertIsNotNone(written.met_by)

    def test_follow_up_slots_at_eight_and_five_until_the_final_report(self):
        event = self.event()
        with at(OCCURRED + dt.timedelta(minutes=50)):
            urgent.report_add(
                actor=self.officer_a, event=event, kind="initial", channel="written", sent_at=None, text=FULL
            )
        with at(dt.datetime(2026, 10, 2, 9, 0, tzinfo=TZ)):
            r = self.api(self.director, "get", f"/api/v1/urgent-events/{event.code}")
        slots = [d for d in r.json()["deadlines"] if d["kind"] == "follow_up"]
        self.assertEqual(
            [(d["due_at"], d["late"]) for d in slots],
            [
                ("2026-10-01T17:00:00+08:00", True),
                ("2026-10-02T08:00:00+08:00", True),
                ("2026-10-02T17:00:00+08:00", False),
            ],
        )
        self.assertEqual(r.json()["next_due"], "2026-10-01T17:00:00+08:00")
        with at(dt.datetime(2026, 10, 2, 16, 30, tzinfo=TZ)):
            urgent.report_add(
                actor=self.officer_a, event=event, kind="follow_up", channel="written", sent_at=None, text=FULL
            )
            urgent.report_add(
                actor=self.officer_a, event=event, kind="final", channel="written", sent_at=None, text=FULL
            )
        event.refresh_from_db()
        self.assertIsNotNone(event.closed_at)
        with at(dt.datetime(2026, 10, 5, 9, 0, tzinfo=TZ)):
            urgent.mark_late()
        self.assertFalse(event.deadlines.filter(due_at__gt=event.closed_at).exists())  # no slots after the 终报
        with at(dt.datetime(2026, 10, 5, 9, 0, tzinfo=TZ)):
            r = self.api(
                self.officer_a,
                "post",
                f"/api/v1/urgent-events/{event.code}/reports",
                {"kind": "follow_up", "channel": "phone", "text": "x"},
            )
        self.assertEqual(r.status_code, 400)

    def test_outsiders_do_not_see_an_event_and_the_board_shows_clocks(self):
        event = self.event()
        self.assertEqual(self.api(self.officer_b, "get", f"/api/v1/urgent-events/{event.code}").status_code, 404)
        r = self.api(
            self.officer_b,
            "post",
            f"/api/v1/urgent-events/{event.code}/reports",
            {"kind": "initial", "channel": "phone", "text": "x"},
        )
        self.assertEqual(r.status_code, 404)
        self.client.force_login(self.director)
        page = self.client.get("/information/events/").content.decode()
        self.assertIn(event.code, page)
        self.assertIn("data-due=", page)
        self.assertEqual(self.client.get(event.get_absolute_url()).status_code, 200)
        self.assertEqual(UrgentEvent.objects.count(), 1)
        self.assertTrue(
            UrgentDeadline.objects.filter(event=event, late=True).exists()
        )  # the page stored it (now > limits)
