"""The monthly tallies behind the rankings (issue 11, point 11): every write recounts what it touches, a rebuild
gives the same figures, months are Asia/Shanghai months and a resubmitted item leaves its old month."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shuniu.information import selectors, services, tallies
from shuniu.information.models import InfoItem, InfoTally
from shuniu.information.tests.base import TZ, InformationTestCase


def snapshot():
    return sorted(
        InfoTally.objects.exclude(submitted=0, adopted=0, points=0).values_list(
            "month", "unit_id", "author_key", "submitted", "adopted", "points"
        )
    )


class TallyTests(InformationTestCase):
    def item(self, user, n=0):
        item = services.item_create(actor=user, title=f"第{n}条：镇里推行网格治理", body=f"正文{n}，编号{n * 7}。")
        services.item_submit(actor=user, item=item)
        return item

    def test_each_write_recounts_and_a_rebuild_gives_the_same_figures(self):
        a, b, c = self.item(self.officer_a, 1), self.item(self.officer_a, 2), self.item(self.officer_b, 3)
        services.item_adopt(actor=self.editor, item=a, level="city", periodical="市委办《每日要情》")
        services.item_instruct(actor=self.editor, item=a, level="county", leader="县委书记", text="请推广。")
        services.item_return(actor=self.editor, item=b, reason="要素不全")
        services.item_archive(actor=self.editor, item=c, reason="重复")
        incremental = snapshot()
        month = timezone.localdate().replace(day=1)  # the writes happen now
        self.assertIn((month, self.unit_a.pk, self.officer_a.pk, 2, 1, 20), incremental)
        tallies.rebuild()
        self.assertEqual(snapshot(), incremental)

    def test_months_are_local_and_a_resubmitted_item_leaves_its_old_month(self):
        item = self.item(self.officer_a)
        just_after_midnight = dt.datetime(2026, 10, 1, 0, 30, tzinfo=TZ)  # still 30 September in UTC
        InfoItem.objects.filter(pk=item.pk).update(submitted_at=just_after_midnight)
        tallies.rebuild()
        october = InfoTally.objects.get(month=dt.date(2026, 10, 1), unit=self.unit_a)
        self.assertEqual(october.submitted, 1)
        self.assertFalse(InfoTally.objects.filter(month=dt.date(2026, 9, 1), submitted__gt=0).exists())
        item.refresh_from_db()
        services.item_return(actor=self.editor, item=item, reason="请补充数据")
        services.item_submit(actor=self.officer_a, item=item)  # sent again now: October loses it
        october.refresh_from_db()
        self.assertEqual(october.submitted, 0)
        w = selectors.window("month", 2026, 10)
        self.assertEqual([r["submitted"] for r in selectors.ranking(w)], [0])

    def test_the_yearly_ranking_reads_two_queries_whatever_the_size(self):
        for n in range(6):
            self.item(self.officer_a if n % 2 else self.officer_b, n)
        year = timezone.localdate().year
        for by in ("unit", "author"):
            with CaptureQueriesContext(connection) as queries:
                rows = selectors.ranking(selectors.window("year", year), by)
            self.assertEqual(len(queries), 2)
            self.assertEqual(sum(r["submitted"] for r in rows), 6)
