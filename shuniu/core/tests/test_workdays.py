import datetime as dt
import json
from unittest import mock

from django.core.exceptions import ValidationError
from django.test import TestCase

from shuniu.core import holidays
from shuniu.core.models import HolidayOverride
from shuniu.core.workdays import add_workdays, day_info, explain, is_workday, uncovered_years, workdays_between
from shuniu.org.testing import make_user

D = dt.date

# The 2026 State Council arrangement (国办发明电〔2025〕7号): rest days on weekdays and make-up workdays.
HOLIDAYS_2026 = {
    "元旦": [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)],
    "春节": [D(2026, 2, d) for d in range(15, 24)],
    "清明节": [D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)],
    "劳动节": [D(2026, 5, d) for d in range(1, 6)],
    "端午节": [D(2026, 6, 19), D(2026, 6, 20), D(2026, 6, 21)],
    "中秋节": [D(2026, 9, 25), D(2026, 9, 26), D(2026, 9, 27)],
    "国庆节": [D(2026, 10, d) for d in range(1, 8)],
}
MAKEUP_2026 = [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]


class CheckValueTests(TestCase):
    """SPEC §2.3 check values."""

    def test_it_counts_national_day_and_the_makeup_saturday(self):
        self.assertEqual(add_workdays(D(2026, 9, 30), 5), D(2026, 10, 13))

    def test_it_counts_the_spring_festival_makeup_saturday(self):
        self.assertEqual(add_workdays(D(2026, 2, 13), 1), D(2026, 2, 14))

    def test_it_skips_the_whole_spring_festival(self):
        self.assertEqual(add_workdays(D(2026, 2, 14), 1), D(2026, 2, 24))

    def test_it_returns_start_for_zero(self):
        self.assertEqual(add_workdays(D(2026, 10, 3), 0), D(2026, 10, 3))


class Calendar2026Tests(TestCase):
    def test_it_knows_every_2026_holiday(self):
        for name, days in HOLIDAYS_2026.items():
            for day in days:
                info = day_info(day)
                with self.subTest(day=str(day)):
                    self.assertFalse(info.is_workday)
                    self.assertIn(name, info.reason)

    def test_it_knows_every_2026_makeup_day(self):
        for day in MAKEUP_2026:
            with self.subTest(day=str(day)):
                self.assertGreaterEqual(day.weekday(), 5)
                self.assertTrue(is_workday(day))
                self.assertIn("调休上班", day_info(day).reason)

    def test_it_treats_ordinary_days_normally(self):
        self.assertTrue(is_workday(D(2026, 11, 26)))  # Thursday
        self.assertFalse(is_workday(D(2026, 11, 28)))  # Saturday
        self.assertEqual(day_info(D(2026, 11, 28)).reason, "周末")

    def test_it_counts_2026_working_days(self):
        # 365 days − 104 weekend days − 19 weekday holidays + 6 make-up days = 248.
        self.assertEqual(workdays_between(D(2025, 12, 31), D(2026, 12, 31)), 248)


class WorkdaysBetweenTests(TestCase):
    def test_it_inverts_add_workdays(self):
        start = D(2026, 9, 18)
        for n in range(0, 30):
            with self.subTest(n=n):
                self.assertEqual(workdays_between(start, add_workdays(start, n)), n)

    def test_it_is_negative_backwards(self):
        self.assertEqual(workdays_between(D(2026, 10, 13), D(2026, 9, 30)), -5)


class ExplainTests(TestCase):
    def test_it_lists_skipped_and_makeup_days(self):
        result = explain(D(2026, 9, 30), 5)
        self.assertEqual(result.result, D(2026, 10, 13))
        self.assertEqual(len(result.skipped), 8)  # 10-01..10-07 and Sunday 10-11
        self.assertEqual([d.date for d in result.makeup_days], [D(2026, 10, 10)])
        self.assertIn("国庆节假期", result.text)
        self.assertIn("2026年10月10日（国庆节调休上班）", result.text)
        self.assertIn("截止2026年10月13日", result.text)

    def test_it_refuses_negative_counts(self):
        with self.assertRaises(ValueError):
            explain(D(2026, 1, 5), -1)

    def test_it_refuses_dates_out_of_range(self):
        with self.assertRaises(ValueError):
            add_workdays(D(1000, 1, 1), 1)


class OverrideTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("sys", None, "sysadmin")
        cls.clerk = make_user("clerk", None, "handler")

    def test_it_lets_an_override_win_over_chinesecalendar(self):
        holidays.override_set(actor=self.admin, date=D(2026, 11, 26), kind="rest", holiday_name="县庆")
        self.assertFalse(is_workday(D(2026, 11, 26)))
        self.assertEqual(day_info(D(2026, 11, 26)).source, "override")
        holidays.override_set(actor=self.admin, date=D(2026, 10, 5), kind="work", holiday_name="测试")
        self.assertTrue(is_workday(D(2026, 10, 5)))

    def test_it_falls_back_to_weekdays_in_an_uncovered_year_without_error(self):
        self.assertEqual(uncovered_years([2026, 2027]), [2027])
        self.assertEqual(day_info(D(2027, 1, 1)).source, "weekday-fallback")
        self.assertTrue(is_workday(D(2027, 1, 1)))  # a Friday: no data, so a working day
        self.assertEqual(add_workdays(D(2026, 12, 31), 3), D(2027, 1, 5))

    def test_it_never_leaks_notimplementederror(self):
        with mock.patch("chinese_calendar.get_holiday_detail", side_effect=NotImplementedError("no data")):
            self.assertTrue(is_workday(D(2026, 10, 1)))

    def test_it_imports_holiday_cn_json_all_or_nothing(self):
        data = {
            "year": 2027,
            "papers": ["国务院办公厅关于2027年部分节假日安排的通知"],
            "days": [
                {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
                {"name": "春节", "date": "2027-02-06", "isOffDay": True},
                {"name": "春节", "date": "2027-02-20", "isOffDay": False},
            ],
        }
        self.assertEqual(holidays.overrides_import_holiday_cn(actor=self.admin, raw=json.dumps(data).encode()).rows, 3)
        self.assertEqual(uncovered_years([2027]), [])
        self.assertFalse(is_workday(D(2027, 1, 1)))
        self.assertTrue(is_workday(D(2027, 2, 20)))  # a Saturday make-up day
        self.assertIn("春节", day_info(D(2027, 2, 20)).reason)

    def test_it_rejects_a_malformed_json_and_writes_nothing(self):
        bad = b'{"days": [{"name": "x", "date": "2027-01-01", "isOffDay": true}, {"date": "not-a-date"}]}'
        with self.assertRaises(ValidationError):
            holidays.overrides_import_holiday_cn(actor=self.admin, raw=bad)
        self.assertFalse(HolidayOverride.objects.exists())

    def test_it_refuses_non_administrators(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            holidays.override_set(actor=self.clerk, date=D(2027, 1, 1), kind="rest")


class HolidayPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("sys", None, "sysadmin")
        cls.clerk = make_user("clerk", None, "handler")

    def test_it_saves_an_override_from_the_page(self):
        self.client.force_login(self.admin)
        r = self.client.post("/holidays/", {"date": "2027-10-01", "kind": "rest", "holiday_name": "国庆节"})
        self.assertEqual(r.status_code, 302)
        self.assertTrue(HolidayOverride.objects.filter(date=D(2027, 10, 1)).exists())

    def test_it_explains_a_deadline(self):
        self.client.force_login(self.admin)
        r = self.client.get("/holidays/", {"start": "2026-09-30", "n": "5"})
        self.assertContains(r, "截止2026年10月13日")

    def test_it_is_forbidden_to_a_clerk(self):
        self.client.force_login(self.clerk)
        self.assertEqual(self.client.get("/holidays/").status_code, 403)

    def test_it_warns_administrators_about_an_uncovered_year(self):
        self.client.force_login(self.admin)
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 11, 26)):
            r = self.client.get("/")
        self.assertContains(r, "2027年的节假日安排尚未录入")
        self.client.force_login(self.clerk)
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 11, 26)):
            r = self.client.get("/")
        self.assertNotContains(r, "尚未录入")
