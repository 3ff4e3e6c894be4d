import unittest

from django.db import connection
from django.test import TestCase

from shuniu.core.models import Sequence
from shuniu.core.sequences import next_number, next_value


class SequenceTests(TestCase):
    def test_gap_free_numbers_start_at_one_per_key(self):
        self.assertEqual([next_value("DB-2026") for _ in range(3)], [1, 2, 3])
        self.assertEqual(next_value("DB-2027"), 1)

    def test_unlocked_numbers_are_unique_increasing_and_continue_after_the_counter(self):
        Sequence.objects.create(key="SQ-2031", last_value=41)  # numbers handed out before
        numbers = [next_number("SQ-2031") for _ in range(5)]
        self.assertEqual(numbers, sorted(set(numbers)))
        self.assertGreater(numbers[0], 41)

    @unittest.skipUnless(connection.vendor == "postgresql", "database sequences are PostgreSQL's")
    def test_a_number_is_taken_without_locking_the_counter_row(self):
        Sequence.objects.create(key="SQ-2032", last_value=7)
        self.assertEqual(next_number("SQ-2032"), 8)
        self.assertEqual(Sequence.objects.get(key="SQ-2032").last_value, 7)  # the row was not touched

    @unittest.skipUnless(connection.vendor == "postgresql", "database sequences are PostgreSQL's")
    def test_it_falls_back_to_the_counter_when_no_sequence_can_be_created(self):
        from unittest import mock

        from django.db.utils import ProgrammingError

        real_execute = connection.cursor().__class__.execute

        def refuse_create(cursor, sql, params=None):
            if sql.startswith("CREATE SEQUENCE"):
                raise ProgrammingError("permission denied for schema public")
            return real_execute(cursor, sql, params)

        Sequence.objects.create(key="SQ-2033", last_value=3)
        with (
            mock.patch.object(connection.cursor().__class__, "execute", refuse_create),
            self.assertLogs("shuniu.core.sequences", "WARNING"),
        ):
            self.assertEqual(next_number("SQ-2033"), 4)
        self.assertEqual(Sequence.objects.get(key="SQ-2033").last_value, 4)
