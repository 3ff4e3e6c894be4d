"""值班表 files (issue 14 point 1): the Excel import (row errors, all-or-nothing, the export read back), a GBK CSV,
and the .docx 值班表."""

import io

from docx import Document
from openpyxl import Workbook

from shuniu.core.docx_render import DOCX_MIME
from shuniu.duty import roster_files
from shuniu.duty.models import Duty, Roster
from shuniu.duty.tests.test_roster import D, RosterTestCase
from shuniu.org.testing import make_user


def sheet(rows, header=("日期", "带班领导", "值班员")):
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "值班表.xlsx"
    return out


class RosterFileTests(RosterTestCase):
    def duties(self):
        return sorted(Duty.objects.values_list("date", "role", "person__username", "shift__name"), key=str)

    def test_the_exported_month_reads_back_the_same(self):
        self.generate(D(2026, 10, 1), D(2026, 10, 31))
        before = self.duties()
        self.client.force_login(self.manager)
        exported = self.client.get("/duty/?month=2026-10&export=xlsx").content
        Duty.objects.all().delete()
        upload = io.BytesIO(exported)
        upload.name = "2026年10月值班表.xlsx"
        r = self.client.post("/duty/?month=2026-10", {"file": upload}, follow=True)
        self.assertContains(r, "已导入值班表")
        self.assertEqual(self.duties(), before)
        self.assertEqual(Duty.objects.filter(date=D(2026, 10, 1)).count(), 3)  # National Day: leader, 白班, 夜班
        self.assertEqual(Duty.objects.filter(date=D(2026, 10, 10)).count(), 2)  # make-up workday: leader, 夜班

    def test_bad_rows_are_listed_and_nothing_is_written(self):
        make_user("dup1", self.duty_room, "handler", real_name="重名")
        make_user("dup2", self.duty_room, "handler", real_name="重名")
        self.approved_leave(self.officers[0], D(2026, 11, 9), 1)
        kept = Duty.objects.count()
        report = roster_files.roster_import(
            actor=self.manager,
            fileobj=sheet(
                [
                    ("2026-11-02", "带班0", "值班员1（夜班）"),
                    ("2026-11-03", "无此人", "值班员1"),
                    ("2026-11-04", "带班0、带班1", "值班员2"),
                    ("2026-11-05", "带班1", "重名"),
                    ("2026-11-02", "带班1", "值班员2"),
                    ("2026-11-31", "带班1", "值班员2"),
                    ("2026-11-09", "带班2", "值班员0（夜班）"),
                    ("2026-11-10", "带班2", "值班员3（早班）"),
                    ("2026-11-11", "带班2", "带班2"),
                ]
            ),
        )
        problems = {(e.row, e.column): e.problem for e in report.errors}
        self.assertIn("没有这个人：无此人", problems[(3, "带班领导")])
        self.assertIn("一名带班领导", problems[(4, "带班领导")])
        self.assertIn("重名，请填写用户名", problems[(5, "值班员")])
        self.assertIn("与第2行日期重复", problems[(6, "日期")])
        self.assertIn("2026-12-01", problems[(7, "日期")])
        self.assertIn("在假", problems[(8, "值班员")])
        self.assertIn("没有这个班次：早班", problems[(9, "值班员")])
        self.assertIn("同一天重复安排", problems[(10, "值班员")])
        self.assertEqual(Duty.objects.count(), kept)

    def test_a_published_month_is_refused_and_a_gbk_csv_is_read(self):
        self.generate(D(2026, 11, 1), D(2026, 11, 30))
        Roster.objects.filter(year=2026, month=11).update(status=Roster.Status.PUBLISHED)
        csv = io.BytesIO(
            "日期,带班领导,值班员\n2026-11-03,带班1,值班员2（夜班）\n2026-12-03,带班1,值班员2\n".encode("gbk")
        )
        csv.name = "值班表.csv"
        report = roster_files.roster_import(actor=self.manager, fileobj=csv)
        self.assertEqual([e.row for e in report.errors], [2])
        self.assertIn("已发布", report.errors[0].problem)
        csv = io.BytesIO("日期,带班领导,值班员\n2026-12-03,带班1,值班员2\n".encode("gbk"))
        csv.name = "值班表.csv"
        self.assertEqual(roster_files.roster_import(actor=self.manager, fileobj=csv).created, 2)
        self.assertEqual(Duty.objects.get(date=D(2026, 12, 3), role="officer").shift.name, "夜班")  # Thursday

    def test_outsiders_and_read_only_users_may_not_import(self):
        for user in (self.clerk_b, self.officers[0]):
            self.client.force_login(user)
            r = self.client.post("/duty/", {"file": sheet([("2026-11-02", "带班0", "值班员1")])})
            self.assertEqual(r.status_code, 403)
        self.assertFalse(Duty.objects.exists())

    def test_the_word_roster(self):
        self.generate(D(2026, 10, 1), D(2026, 10, 31))
        self.client.force_login(self.officers[1])  # everyone in a unit reads the roster
        r = self.client.get("/duty/?month=2026-10&export=docx")
        self.assertEqual(r["Content-Type"], DOCX_MIME)
        doc = Document(io.BytesIO(r.content))
        self.assertIn("2026年10月值班表", doc.paragraphs[0].text)
        table = doc.tables[0]
        self.assertEqual(len(table.rows), 32)
        self.assertEqual(table.rows[1].cells[0].text, "10月1日")
        self.assertIn("国庆节", table.rows[1].cells[4].text)
        self.assertTrue(any("值班电话" in p.text for p in doc.paragraphs))

    def test_the_home_page_lists_what_the_roster_keeper_did(self):
        from shuniu.duty import log, report, roster

        self.generate(D(2026, 10, 1), D(2026, 10, 31))
        roster.roster_publish(actor=self.manager, roster=Roster.objects.get(year=2026, month=10))
        duty = Duty.objects.filter(date=D(2026, 10, 3), role="officer").first()
        free = next(p for p in self.officers if not Duty.objects.filter(person=p, date=duty.date).exists())
        roster.duty_replace(actor=self.manager, duty=duty, person=free, reason="调整")
        at = D(2026, 10, 3)
        import datetime as dt

        from django.utils import timezone

        when = timezone.make_aware(dt.datetime(at.year, at.month, at.day, 9))
        log.entry_create(actor=self.manager, kind="call", at=when, content="来电", now=when)
        report.report_compile(actor=self.manager, day=at)
        self.client.force_login(self.manager)
        page = self.client.get("/")
        self.assertEqual(page.status_code, 200)
        page = self.client.get("/?tab=done")
        self.assertContains(page, "/duty/?month=2026-10")
        self.assertContains(page, "/duty/report/?date=2026-10-03")

    def test_a_month_in_an_uncovered_year_says_it_is_an_estimate(self):
        self.generate(D(2030, 1, 1), D(2030, 1, 31))
        self.client.force_login(self.manager)
        page = self.client.get("/duty/?month=2030-01")
        self.assertContains(page, "2030年节假日安排尚未录入，按周一至周五估算")
        self.assertNotContains(self.client.get("/duty/?month=2026-10"), 'id="estimate"')
