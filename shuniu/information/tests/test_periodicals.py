"""Periodicals, rankings, the fabrication guard, commissions (issue 11, points 2, 6, 7, 8)."""

import datetime as dt
import io
from unittest import mock

import docx
import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shuniu.core.workdays import add_workdays
from shuniu.information import commissions, periodicals, selectors, services
from shuniu.information.models import Periodical, PeriodicalIssue, SimilarFlag
from shuniu.information.tests.base import InformationTestCase
from shuniu.notifications.models import Notification
from shuniu.org.testing import make_unit, make_user


class Adopting(InformationTestCase):
    def adopted(self, n, user=None):
        out = []
        for i in range(n):
            item = services.item_create(
                actor=user or self.officer_a,
                title=f"第{i}条：某镇推行“网格+”治理",
                body=f"正文第{i}段。\n第二段，编号{i * 31}。",
            )
            services.item_submit(actor=item.author, item=item)
            services.item_adopt(actor=self.editor, item=item, level="county", periodical="信息快报")
            out.append(item)
        return out


class PeriodicalTests(Adopting):
    def test_issues_are_numbered_gap_free_at_issue_frozen_and_corrected_with_a_number(self):
        quick = Periodical.objects.get(name="信息快报")
        items = self.adopted(3)
        first = periodicals.issue_compile(actor=self.editor, periodical=quick, codes=[items[2].code, items[0].code])
        second = periodicals.issue_compile(actor=self.editor, periodical=quick, codes=[items[1].code])
        self.assertIsNone(first.number)  # numbers are given at issue, never earlier
        periodicals.issue_publish(actor=self.editor, issue=second)
        periodicals.issue_publish(actor=self.editor, issue=first)
        second.refresh_from_db(), first.refresh_from_db()
        year = timezone.localdate().year
        self.assertEqual((second.number, first.number), (1, 2))
        self.assertEqual(first.label, f"{year}年第2期")
        self.assertEqual([e["code"] for e in first.frozen], [items[2].code, items[0].code])  # the editor's order
        services.item_instruct(actor=self.editor, item=items[2], level="county", leader="县长", text="好")
        items[2].title = "改过的标题"
        items[2].save()
        first.refresh_from_db()
        self.assertNotEqual(first.frozen[0]["title"], "改过的标题")  # an issued issue never changes
        fixed = periodicals.issue_reissue(actor=self.editor, issue=first, reason="第一条单位名称有误")
        self.assertEqual((fixed.number, fixed.correction, fixed.corrects_id), (2, 1, first.pk))
        self.assertEqual(fixed.label, f"{year}年第2期（更正1）")
        self.assertEqual(fixed.frozen[0]["title"], "改过的标题")
        self.assertEqual([str(s) for s in selectors.printed_in(items[2])], [str(first), str(fixed)])
        other = periodicals.issue_compile(
            actor=self.editor, periodical=Periodical.objects.get(name="每日要情"), codes=[items[0].code]
        )
        self.assertEqual(periodicals.issue_publish(actor=self.editor, issue=other).number, 1)  # per periodical

    def test_the_docx_has_a_red_masthead_and_reopens(self):
        items = self.adopted(2)
        issue = periodicals.issue_compile(
            actor=self.editor, periodical=Periodical.objects.get(name="信息快报"), codes=[i.code for i in items]
        )
        periodicals.issue_publish(actor=self.editor, issue=issue)
        self.client.force_login(self.officer_a)
        r = self.client.get(f"/information/issues/{issue.pk}/docx/")
        self.assertEqual(r.status_code, 200)
        document = docx.Document(io.BytesIO(b"".join(r.streaming_content)))
        texts = [p.text for p in document.paragraphs]
        self.assertEqual(texts[0], "信息快报")
        self.assertEqual(str(document.paragraphs[0].runs[0].font.color.rgb), "E60012")  # the house red of the masthead
        self.assertIn("第1期", texts[1])
        self.assertIn("第0条：某镇推行“网格+”治理", "\n".join(texts))

    def test_only_adopted_items_are_compiled_and_units_cannot_compile(self):
        item = services.item_create(actor=self.officer_a, title="草稿", body="正文")
        quick = Periodical.objects.get(name="信息快报")
        with self.assertRaisesMessage(ValidationError, "只有已采用的信息才能编入刊物"):
            periodicals.issue_compile(actor=self.editor, periodical=quick, codes=[item.code])
        with self.assertRaises(PermissionDenied):
            periodicals.issue_compile(actor=self.officer_a, periodical=quick, codes=[item.code])
        self.assertFalse(PeriodicalIssue.objects.exists())

    def test_issuing_forty_items_with_the_docx_takes_under_a_second(self):
        import time

        items = self.adopted(40)
        issue = periodicals.issue_compile(
            actor=self.editor, periodical=Periodical.objects.get(name="信息快报"), codes=[i.code for i in items]
        )
        started = time.perf_counter()
        periodicals.issue_publish(actor=self.editor, issue=issue)
        self.assertLess(time.perf_counter() - started, 1.0)


class RankingTests(Adopting):
    def test_points_counts_and_rates_by_unit_and_officer_and_the_xlsx(self):
        self.adopted(2)
        other = services.item_create(actor=self.officer_b, title="住建局的一条", body="这是住建局报送的内容")
        services.item_submit(actor=self.officer_b, item=other)
        today = timezone.localdate()
        rows = selectors.ranking(selectors.window("year", today.year))
        by_name = {r["name"]: r for r in rows}
        self.assertEqual(by_name["县发展和改革局"]["points"], 10)
        self.assertEqual((by_name["县发展和改革局"]["submitted"], by_name["县发展和改革局"]["adopted"]), (2, 2))
        self.assertEqual((by_name["县住房和城乡建设局"]["rate"], rows[0]["name"]), (0.0, "县发展和改革局"))
        officers = {
            r["name"]: r for r in selectors.ranking(selectors.window("month", today.year, today.month), "author")
        }
        self.assertEqual(officers["信息员甲"]["points"], 10)
        self.client.force_login(self.editor)
        r = self.client.get("/information/rankings/", {"period": "year", "year": today.year, "export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
        self.assertEqual([c.value for c in sheet[1]], ["名次", "单位", "积分", "报送", "采用", "采用率"])
        self.assertEqual(sheet["F2"].value, 1.0)  # a number, formatted as a percentage
        self.assertEqual(sheet["F2"].number_format, "0.0%")
        self.client.force_login(self.officer_a)
        self.assertEqual(self.client.get("/information/rankings/").status_code, 403)  # a report for the office


class GuardTests(Adopting):
    BODY = "近日，我镇组织开展秋冬季森林防火专项检查，排查隐患点12处，已全部整改到位，群众防火意识明显增强。"

    def test_a_near_copy_from_another_unit_is_flagged_with_the_similar_item(self):
        first = services.item_create(actor=self.officer_a, title="开展森林防火专项检查", body=self.BODY)
        services.item_submit(actor=self.officer_a, item=first)
        copy = services.item_create(
            actor=self.officer_b, title="我局开展森林防火专项检查", body=self.BODY.replace("我镇", "我局")
        )
        services.item_submit(actor=self.officer_b, item=copy)
        flag = SimilarFlag.objects.get(item=copy)
        self.assertEqual((flag.other, flag.kind), (first, "cross_unit"))
        self.client.force_login(self.editor)
        page = self.client.get(copy.get_absolute_url()).content.decode()
        self.assertIn("雷同提示", page)
        self.assertIn(first.code, page)
        self.client.force_login(self.officer_b)
        self.assertNotIn("雷同提示", self.client.get(copy.get_absolute_url()).content.decode())
        different = services.item_create(
            actor=self.officer_b, title="住房公积金提取政策调整", body="自12月起，县住房公积金中心调整提取政策。"
        )
        services.item_submit(actor=self.officer_b, item=different)
        self.assertFalse(SimilarFlag.objects.filter(item=different).exists())

    def test_a_near_copy_of_a_published_item_is_flagged_even_from_the_same_unit_long_after(self):
        [printed] = self.adopted(1)
        issue = periodicals.issue_compile(
            actor=self.editor, periodical=Periodical.objects.get(name="信息快报"), codes=[printed.code]
        )
        periodicals.issue_publish(actor=self.editor, issue=issue)
        later = timezone.now() + dt.timedelta(days=90)
        with mock.patch("django.utils.timezone.now", return_value=later):
            again = services.item_create(actor=self.officer_a, title=printed.title, body=printed.body)
            services.item_submit(actor=self.officer_a, item=again)
        self.assertEqual(SimilarFlag.objects.get(item=again).kind, "published")


class CommissionTests(InformationTestCase):
    def test_commission_replies_reminders_and_overdue(self):
        monday = dt.date(2026, 9, 28)  # the week before National Day: 10-01..10-07 are holidays
        with mock.patch("django.utils.timezone.localdate", return_value=monday):
            due = add_workdays(monday, 3)
            c = commissions.commission_create(
                actor=self.editor, topic="三季度经济运行亮点", due_date=due, units=[self.unit_a, self.unit_b]
            )
        self.assertEqual(due, dt.date(2026, 10, 8))  # 9-29, 9-30, then past the National Day holiday to 10-08
        self.assertRegex(c.code, r"^YG-2026-\d{3}$")
        reply = services.item_create(actor=self.officer_a, title="我局三季度亮点", body="……", commission=c)
        services.item_submit(actor=self.officer_a, item=reply)
        self.assertEqual([u.name for u in selectors.missing_units(c)], ["县住房和城乡建设局"])
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(commissions.remind(dt.date(2026, 10, 5)), 0)  # a holiday: no reminders
            self.assertEqual(commissions.remind(dt.date(2026, 10, 8)), 1)
            self.assertEqual(commissions.remind(dt.date(2026, 10, 8)), 0)  # once a day
        self.assertTrue(
            Notification.objects.filter(recipient=self.officer_b, title__contains="三季度经济运行亮点").exists()
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(commissions.remind(dt.date(2026, 10, 10)), 1)  # a make-up Saturday is a working day
            self.assertEqual(commissions.remind(dt.date(2026, 10, 11)), 0)  # Sunday
        overdue = selectors.overdue_commissions(self.editor, dt.date(2026, 10, 12))
        self.assertEqual(
            [(x.code, [u.name for u in units]) for x, units in overdue], [(c.code, ["县住房和城乡建设局"])]
        )
        outsider = make_user("officer_w", make_unit("县水利局"), "info_officer")
        with self.assertRaisesMessage(ValidationError, "不在该约稿的约稿单位"):
            services.item_create(actor=outsider, title="x", body="y", commission=c)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(c.get_absolute_url()), "县住房和城乡建设局")
