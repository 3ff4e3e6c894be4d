"""创新案例评比 (issue 15 point 4): a quarterly call with a deadline, cases by units, independent weighted scores, a
judge never scoring his own unit's case (a section of it included), anonymised sheets, the trimmed mean from five
judges with a deterministic tie-break, a frozen published ranking and its notice; the 科室讲堂 rota."""

import datetime as dt
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from shuniu.innovation import services
from shuniu.innovation.models import Call, Lecture
from shuniu.org.testing import BaseTestCase, make_user

D = dt.date
AFTER = D(2026, 7, 1)


class ContestTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.director = make_user("director", cls.office, "office_director", real_name="刘主任")
        cls.liaison_b = make_user("liaison_b", cls.unit_b, "liaison", real_name="住建联络员")
        cls.j5 = make_user("j5", cls.office, "handler", real_name="评委五")
        cls.j6 = make_user("j6", cls.office, "handler", real_name="评委六")
        cls.judges = [cls.clerk_a, cls.supervisor, cls.clerk_b, cls.leader, cls.j5, cls.j6]

    def setUp(self):
        self.call = services.call_create(actor=self.director, year=2026, quarter=2, deadline=D(2026, 6, 30),
                                         judges=self.judges)  # fmt: skip
        submit = lambda who, title: services.case_submit(actor=who, call=self.call, title=title,  # noqa: E731
                                                         summary="背景、做法、成效", today=D(2026, 6, 20))  # fmt: skip
        self.a = submit(self.head_a, "项目审批“一窗受理”")
        self.b = submit(self.liaison_b, "老旧小区改造“居民议事会”")
        self.d = submit(self.liaison_b, "物业服务红黑榜")

    def score(self, judge, case, v):
        ids = [c.pk for c in services.criteria()]
        return services.score_submit(actor=judge, case=case, values=dict.fromkeys(ids, v), today=AFTER)

    def test_scores_exclusion_trimmed_mean_tie_break_and_publication(self):
        with self.assertRaisesMessage(ValidationError, "申报已截止"):
            services.case_submit(actor=self.head_a, call=self.call, title="迟交", summary="x", today=D(2026, 7, 1))
        with self.assertRaisesMessage(ValidationError, "截止（2026-06-30）后开始评分"):
            services.score_submit(actor=self.j5, case=self.a, values={}, today=D(2026, 6, 30))
        with self.assertRaisesMessage(ValidationError, "已自动回避"):
            self.score(self.clerk_a, self.a, 9)  # his own unit's case
        self.assertNotIn(self.a, services.cases_to_score(self.clerk_a, self.call))
        with self.assertRaises(PermissionDenied):
            self.score(self.head_a, self.a, 9)  # not a judge
        with self.assertRaisesMessage(ValidationError, "0 至 10 之间"):
            self.score(self.j5, self.a, 11)
        with self.assertRaisesMessage(ValidationError, "请为“创新性”打分"):
            services.score_submit(actor=self.j5, case=self.a, values={}, today=AFTER)
        for judge, v in zip(
            [self.supervisor, self.leader, self.clerk_b, self.j5, self.j6], [9, 9, 5, 7, 10], strict=True
        ):
            self.score(judge, self.a, Decimal(v))
        for case in (self.b, self.d):  # the same marks: the earlier submission ranks first
            for judge, v in zip(
                [self.supervisor, self.leader, self.j5, self.j6, self.clerk_a], [8, 9, 7, 10, 6], strict=True
            ):
                self.score(judge, case, Decimal(v))
        rows = services.ranking(self.call)
        self.assertEqual([r["code"] for r in rows], [self.a.code, self.b.code, self.d.code])
        self.assertEqual(
            (rows[0]["score"], rows[0]["untrimmed"], rows[0]["trimmed"]), (Decimal("83.33"), Decimal("80.00"), True)
        )
        self.assertEqual(rows[1]["score"], Decimal("80.00"))
        self.assertEqual([r["prize"] for r in rows], ["一等奖", "二等奖", "二等奖"])
        services.call_publish(actor=self.director, call=self.call)
        with self.assertRaisesMessage(ValidationError, "排名已公布"):
            self.score(self.j6, self.a, 1)
        self.call.refresh_from_db()
        self.assertEqual(self.call.ranking[0]["score"], "83.33")
        self.client.force_login(self.clerk_b)
        page = self.client.get(self.call.get_absolute_url())
        self.assertContains(page, "项目审批“一窗受理”")
        doc = Document(io.BytesIO(self.client.get(f"{self.call.get_absolute_url()}?export=docx").content))
        self.assertIn("结果的通报", doc.paragraphs[0].text)
        self.assertEqual(doc.tables[0].rows[1].cells[3].text, "县发展和改革局")

    def test_the_judges_sheet_is_anonymous_and_the_rota(self):
        self.client.force_login(self.j5)
        page = self.client.get(self.call.get_absolute_url())
        self.assertContains(page, self.a.code)
        self.assertNotContains(page, "县发展和改革局")  # the submitting unit is hidden from judges
        self.assertNotContains(page, 'id="live"')
        self.client.force_login(self.clerk_a)
        self.assertNotContains(self.client.get(self.call.get_absolute_url()), f'id="btn-score-{self.a.code}"')
        self.client.force_login(self.director)
        self.assertContains(self.client.get(self.call.get_absolute_url()), "县发展和改革局")
        with self.assertRaisesMessage(ValidationError, "已发布"):
            services.call_create(actor=self.director, year=2026, quarter=2, deadline=D(2026, 6, 30), judges=self.judges)
        with self.assertRaises(PermissionDenied):
            services.call_create(actor=self.head_a, year=2026, quarter=3, deadline=D(2026, 9, 30), judges=self.judges)
        services.lecture_add(actor=self.director, date=D(2026, 5, 13), speaker=self.supervisor, unit=self.dcs,
                             topic="如何写好督查通报")  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "当天已安排"):
            services.lecture_add(
                actor=self.director, date=D(2026, 5, 13), speaker=self.j5, unit=self.dcs, topic="另一讲"
            )
        with self.assertRaises(ValidationError):
            services.lecture_add(
                actor=self.director, date=D(2026, 5, 20), speaker=self.j5, unit=self.dcs, topic="机密★ 讲"
            )
        self.assertEqual(Lecture.objects.count(), 1)
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.post("/innovation/lectures/", {"topic": "x"}).status_code, 403)
        self.assertEqual(self.client.get("/innovation/c/CX-1999Q1/").status_code, 404)
        self.assertEqual(Call.objects.count(), 1)


class ListTests(BaseTestCase):
    def test_the_lists_search_and_export(self):
        director = make_user("director", self.office, "office_director", real_name="刘主任")
        services.call_create(actor=director, year=2026, quarter=1, deadline=D(2026, 3, 20), judges=[director])
        services.lecture_add(
            actor=director, date=D(2026, 5, 13), speaker=self.supervisor, unit=self.dcs, topic="督查通报怎么写"
        )
        self.client.force_login(self.clerk_b)
        self.assertContains(self.client.get("/innovation/?q=第一季度"), "第一季度")
        self.assertNotContains(self.client.get("/innovation/?q=第四季度"), "2026年第一季度")
        for url in ("/innovation/?export=xlsx", "/innovation/lectures/?q=督查&export=xlsx"):
            r = self.client.get(url)
            self.assertEqual(r["Content-Type"][:40], "application/vnd.openxmlformats-officedoc")
