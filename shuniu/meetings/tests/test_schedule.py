"""Leaders' activities and room bookings (issue 12, point 3): every occurrence of every recurring item is checked,
409 names what holds the slot, booking is all or nothing, and the leader's occurrences are listed expanded."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuniu.audit.models import AuditRecord
from shuniu.meetings import bookings, schedule
from shuniu.meetings.models import Activity
from shuniu.meetings.tests.base import MeetingsTestCase, at


class ActivityApiTests(MeetingsTestCase):
    def post(self, user=None, **kw):
        payload = {
            "leader_code": str(kw.pop("leader", self.leader).code),
            "kind": "meeting",
            "title": "县委常委会",
            "start": "2026-12-15T09:00:00+08:00",
            "end": "2026-12-15T11:00:00+08:00",
            **kw,
        }
        return self.api(user or self.secretary, "post", "/api/v1/activities", payload)

    def test_a_weekly_series_conflicts_on_its_fifth_occurrence_not_only_the_first(self):
        r = self.post(recurrence="FREQ=WEEKLY;COUNT=6", venue_code="room-1")  # Tuesdays 15 Dec – 19 Jan
        self.assertEqual(r.status_code, 201, r.content)
        self.assertEqual(r.json()["recurrence"], "FREQ=WEEKLY;COUNT=6")
        # another leader, same room, a one-off on the fifth Tuesday: the room is held
        r = self.post(
            leader=self.deputy,
            title="专题调度会",
            start="2027-01-12T10:00:00+08:00",
            end="2027-01-12T12:00:00+08:00",
            venue_code="room-1",
        )
        self.assertEqual(r.status_code, 409)
        body = r.json()
        self.assertEqual(body["error"], "conflict")
        self.assertEqual(
            body["detail"],
            [
                {
                    "title": "县委常委会",
                    "start": "2027-01-12T09:00+08:00",
                    "end": "2027-01-12T11:00+08:00",
                    "leader": None,
                    "venue": "县委第一会议室",
                }
            ],
        )
        # a new series whose first occurrence is free but whose third is not
        r = self.post(
            title="周调度",
            start="2026-12-01T09:30:00+08:00",
            end="2026-12-01T10:00:00+08:00",
            recurrence="FREQ=WEEKLY;COUNT=4",
        )
        self.assertEqual(r.status_code, 409)
        self.assertEqual(
            [(d["start"], d["leader"]) for d in r.json()["detail"]], [("2026-12-15T09:00+08:00", "陈书记")]
        )
        self.assertEqual(Activity.objects.count(), 1)  # nothing written on conflict
        # the slot after the series ends is free
        self.assertEqual(
            self.post(
                leader=self.deputy,
                start="2027-01-26T09:00:00+08:00",
                end="2027-01-26T11:00:00+08:00",
                venue_code="room-1",
            ).status_code,
            201,
        )

    def test_touching_ends_do_not_conflict_and_other_leaders_are_free(self):
        self.assertEqual(self.post().status_code, 201)
        self.assertEqual(self.post(start="2026-12-15T11:00:00+08:00", end="2026-12-15T12:00:00+08:00").status_code, 201)
        self.assertEqual(self.post(leader=self.deputy).status_code, 201)

    def test_bad_input_is_a_clear_400_and_nothing_is_written(self):
        cases = [
            ({"end": "2026-12-15T08:00:00+08:00"}, "结束时间须晚于开始时间"),
            ({"leader": self.clerk_a}, "不是县领导账号"),
            ({"kind": "party"}, "类型应为"),
            ({"recurrence": "FREQ=WEEKLY"}, "COUNT"),
            ({"recurrence": "FREQ=MINUTELY;COUNT=5"}, "按天"),
            ({"recurrence": "FREQ=DAILY;COUNT=1000"}, "370"),
            ({"recurrence": "NOT A RULE"}, "无法识别"),
            ({"title": "机密★ 部署"}, "涉密"),
            ({"venue_code": "nowhere"}, "没有编码"),
        ]
        for change, message in cases:
            with self.subTest(message):
                r = self.post(**change)
                self.assertEqual(r.status_code, 400, r.content)
                self.assertIn(message, r.content.decode())
        self.assertFalse(Activity.objects.exists())

    def test_read_only_403_and_a_leader_lists_his_expanded_occurrences(self):
        self.assertEqual(self.post(user=self.clerk_a).status_code, 403)
        self.post(recurrence="FREQ=WEEKLY;COUNT=3")
        self.post(
            title="调研乡村振兴", kind="research", start="2026-12-16T14:00:00+08:00", end="2026-12-16T17:00:00+08:00"
        )
        path = f"/api/v1/leaders/{self.leader.code}/activities?from=2026-12-14&to=2026-12-31"
        self.client.force_login(self.leader)
        self.client.get(path)
        with CaptureQueriesContext(connection) as queries:
            rows = self.client.get(path).json()
        self.assertEqual(
            [(r["start"][:10], r["recurring"]) for r in rows],
            [("2026-12-15", True), ("2026-12-16", False), ("2026-12-22", True), ("2026-12-29", True)],
        )
        self.assertLessEqual(len(queries), 8)
        self.assertEqual(self.api(self.clerk_b, "get", path).status_code, 404)  # not his to read
        self.assertEqual(self.api(self.deputy, "get", path).status_code, 200)  # leaders read each other's schedule
        self.assertEqual(self.api(self.leader, "get", path.replace("2026-12-31", "2028-12-31")).status_code, 400)

    def test_each_booking_is_audited(self):
        self.post()
        self.assertTrue(AuditRecord.objects.filter(object_type="meetings.activity", action="book").exists())


class OccurrenceTests(MeetingsTestCase):
    def test_until_in_utc_and_local_rules_expand_in_local_wall_time(self):
        start, end = at("2026-12-14", "09:00"), at("2026-12-14", "10:00")
        rule = schedule.check_rule("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T160000Z", start)
        self.assertEqual(rule, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T160000Z")
        occ = schedule.all_occurrences(start, end, rule)
        self.assertEqual(
            [o[0].strftime("%m-%d %H:%M") for o in occ],
            ["12-14 09:00", "12-16 09:00", "12-21 09:00", "12-23 09:00", "12-28 09:00", "12-30 09:00"],
        )

    def test_one_booking_holds_the_room_and_two_leaders_or_nothing(self):
        bookings.activity_create(
            actor=self.secretary,
            leader=self.deputy,
            kind="trip",
            title="赴市汇报",
            start=at("2026-12-15", "08:00"),
            end=at("2026-12-15", "18:00"),
        )
        slots = [
            schedule.Slot("务虚会", at("2026-12-15", "09:00"), at("2026-12-15", "11:00"), venue=self.room),
            schedule.Slot("务虚会", at("2026-12-15", "09:00"), at("2026-12-15", "11:00"), leader=self.leader),
            schedule.Slot("务虚会", at("2026-12-15", "09:00"), at("2026-12-15", "11:00"), leader=self.deputy),
        ]
        with self.assertRaises(schedule.ScheduleConflictError) as raised:
            from django.db import transaction

            with transaction.atomic():
                bookings.book(self.secretary, slots, kind="meeting")
        self.assertEqual(raised.exception.detail[0]["leader"], "林副书记")
        self.assertEqual(Activity.objects.count(), 1)  # neither the room nor 陈书记 was booked
        self.assertIn("林副书记", raised.exception.message())


class MonthJsonTests(MeetingsTestCase):
    def test_postgresql_builds_the_same_json_as_the_python_path(self):
        import json
        import unittest

        from shuniu.meetings import month_sql

        if connection.vendor != "postgresql":
            raise unittest.SkipTest("json_agg: PostgreSQL only (SQLite uses the Python path)")
        bookings.activity_create(
            actor=self.secretary,
            leader=self.leader,
            kind="meeting",
            title="县委常委会",
            start=at("2026-12-14", "09:00"),
            end=at("2026-12-14", "11:00"),
            venue=self.room,
            recurrence="FREQ=WEEKLY;COUNT=3",
        )
        bookings.activity_create(
            actor=self.secretary,
            leader=self.leader,
            kind="research",
            title="调研“乡村振兴”\n示范村",
            start=at("2026-12-16", "23:30"),
            end=at("2026-12-17", "01:00"),
            location="城关镇",
        )
        lo, hi = at("2026-12-01", "00:00"), at("2027-01-01", "00:00")
        built = json.loads(month_sql.month_json(self.leader.pk, lo, hi))
        self.client.force_login(self.leader)
        with self.settings():
            python = [
                {k: o[k] for k in ("code", "title", "kind", "venue", "location", "meeting")}
                | {
                    "start": o["start"].astimezone(lo.tzinfo).isoformat(),
                    "end": o["end"].astimezone(lo.tzinfo).isoformat(),
                    "recurring": bool(o["recurrence"]),
                }
                for o in schedule.occurrences_of(lo, hi, leader=self.leader)
            ]
        self.assertEqual(built, python)
        self.assertEqual(
            [b["start"] for b in built],
            [
                "2026-12-14T09:00:00+08:00",
                "2026-12-16T23:30:00+08:00",
                "2026-12-21T09:00:00+08:00",
                "2026-12-28T09:00:00+08:00",
            ],
        )
