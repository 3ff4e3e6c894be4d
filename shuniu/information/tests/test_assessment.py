"""The 2024 rule (issue 11, point 5): adoption and 批示 points stay out of the supervision assessment unless the
switch is turned off; the rule's text is shown where the scores are."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from shuniu.information import services
from shuniu.information.tests.base import TZ, InformationTestCase
from shuniu.supervision.models import Bulletin, UnitScore


class AssessmentSwitchTests(InformationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        month = dt.date(2026, 3, 1)
        bulletin = Bulletin.objects.create(month=month, issue_year=2026, issue_number=1, as_of=month, snapshot={})
        for unit, score in ((cls.unit_a, "96.0"), (cls.unit_b, "98.0")):
            UnitScore.objects.create(bulletin=bulletin, unit=unit, month=month, score=Decimal(score))

    def setUp(self):
        item = services.item_create(
            actor=self.officer_a,
            title="县发改局推行并联审批",
            body="今年以来，县发改局推行并联审批。",
            category="experience",
        )
        services.item_submit(actor=self.officer_a, item=item)
        services.item_adopt(actor=self.editor, item=item, level="central", periodical="中办《每日汇报》")  # 50 points
        item.adoptions.update(adopted_at=dt.datetime(2026, 3, 20, 9, tzinfo=TZ))  # a fixed date, not today

    def sheet(self):
        self.client.force_login(self.director)
        r = self.client.get("/supervision/scores/", {"year": "2026", "export": "xlsx"})
        return [list(row) for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)]

    def test_on_by_default_points_are_kept_out_and_the_rule_is_shown(self):
        self.client.force_login(self.director)
        page = self.client.get("/supervision/scores/", {"year": "2026"}).content.decode()
        self.assertIn("信息积分加分不计入考核", page)
        self.assertIn("不得以领导批示、信息采用数量作为考核评价的依据", page)
        rows = self.sheet()
        self.assertEqual(rows[0], ["单位", "2026-03", "年度平均"])
        self.assertEqual([r[0] for r in rows[1:]], [self.unit_b.name, self.unit_a.name])  # 98 before 96

    def test_turned_off_the_points_count_at_the_rate_up_to_the_cap(self):
        services.config_update(actor=self.editor, keep_points_out_of_assessment=False)
        rows = self.sheet()
        self.assertEqual(rows[0], ["单位", "2026-03", "年度平均", "信息积分加分", "合计"])
        by_unit = {r[0]: r[1:] for r in rows[1:]}
        self.assertEqual(by_unit[self.unit_a.name][-2:], [2.5, 98.5])  # 50 points × 0.05
        self.assertEqual(rows[1][0], self.unit_a.name)  # now first
        services.config_update(actor=self.editor, assessment_rate=Decimal("0.5"))
        self.assertEqual({r[0]: r[-2] for r in self.sheet()[1:]}[self.unit_a.name], 5.0)  # capped at 5
