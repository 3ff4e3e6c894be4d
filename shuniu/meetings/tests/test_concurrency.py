"""Two simultaneous bookings of one slot on PostgreSQL: one success, one conflict (issue 12, point 3)."""

import threading
import unittest

from django.db import connection, connections
from django.test import TransactionTestCase

from shuniu.meetings import bookings, schedule
from shuniu.meetings.models import Activity, Venue
from shuniu.meetings.tests.base import at
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import make_unit, make_user


@unittest.skipUnless(
    connection.vendor == "postgresql", "row locks between threads: PostgreSQL only (SQLite serialises)"
)
class SimultaneousBookingTests(TransactionTestCase):
    def test_two_threads_book_the_same_room_one_wins_one_gets_the_conflict(self):
        ensure_roles()
        county = make_unit("示范县", Unit.Kind.LEADERSHIP)
        secretary = make_user("secretary", county, "secretary", real_name="秦秘书")
        leaders = [make_user(f"leader{i}", county, "county_leader", real_name=f"领导{i}") for i in range(2)]
        room = Venue.objects.create(code="room", name="第一会议室", capacity=50)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def book(leader):
            try:
                barrier.wait()
                bookings.activity_create(
                    actor=secretary,
                    leader=leader,
                    kind="meeting",
                    title=f"{leader.real_name}的会",
                    start=at("2026-12-15", "09:00"),
                    end=at("2026-12-15", "10:00"),
                    venue=room,
                )
                outcomes.append("ok")
            except schedule.ScheduleConflictError:
                outcomes.append("conflict")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=book, args=(leader,)) for leader in leaders]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(outcomes), ["conflict", "ok"])
        self.assertEqual(Activity.objects.filter(venue=room).count(), 1)
