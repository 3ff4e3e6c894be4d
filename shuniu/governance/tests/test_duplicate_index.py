import datetime as dt
import unittest

from django.db import connection
from django.test import TestCase

from shuniu.governance.smart import duplicate_index


class WindowTests(TestCase):
    def test_the_index_always_covers_the_duplicate_window(self):
        for day in (dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 10, 8), dt.date(2027, 1, 1)):
            start = duplicate_index.window_start(day)
            self.assertEqual(start.day, 1)
            self.assertGreaterEqual((day - start.date()).days, 45, day)
            self.assertLessEqual((day - start.date()).days, 76, day)
        self.assertEqual(
            duplicate_index.index_name(duplicate_index.window_start(dt.date(2026, 11, 26))), "request_title_trgm_202610"
        )


@unittest.skipUnless(connection.vendor == "postgresql", "the trigram index is PostgreSQL's")
class RefreshTests(TestCase):
    def names(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'request_title_trgm_%%'")
            return {row[0] for row in cursor.fetchall()}

    def test_it_rolls_the_index_forward_idempotently(self):
        duplicate_index.refresh(dt.date(2026, 11, 26), concurrently=False)
        self.assertEqual(self.names(), {"request_title_trgm_202610"})
        self.assertEqual(duplicate_index.refresh(dt.date(2026, 11, 27), concurrently=False), [])
        done = duplicate_index.refresh(dt.date(2026, 12, 20), concurrently=False)
        self.assertEqual(done, ["created request_title_trgm_202611", "dropped request_title_trgm_202610"])
        self.assertEqual(self.names(), {"request_title_trgm_202611"})

    def test_it_rebuilds_an_index_left_invalid_by_a_failed_concurrent_build(self):
        duplicate_index.refresh(dt.date(2026, 11, 26), concurrently=False)
        with connection.cursor() as cursor:  # what a failed CREATE INDEX CONCURRENTLY leaves behind
            cursor.execute(
                "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'request_title_trgm_202610'::regclass"
            )
        done = duplicate_index.refresh(dt.date(2026, 11, 27), concurrently=False)
        self.assertEqual(done, ["dropped invalid request_title_trgm_202610", "created request_title_trgm_202610"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'request_title_trgm_202610'::regclass")
            self.assertTrue(cursor.fetchone()[0])
