from django.test import TestCase

from shuniu.audit.models import AuditRecord
from shuniu.audit.services import record
from shuniu.core.pagination import CappedPaginator


class CappedPaginatorTests(TestCase):
    def test_it_counts_exactly_below_the_cap_and_stops_above_it(self):
        for i in range(12):
            record(actor=None, action="update", object_type="x", object_id=str(i))
        exact = CappedPaginator(AuditRecord.objects.filter(object_type="x"), 5)
        self.assertEqual((exact.count, exact.capped, exact.num_pages), (12, False, 3))

        class Small(CappedPaginator):
            cap = 10

        capped = Small(AuditRecord.objects.filter(object_type="x"), 5)
        self.assertEqual((capped.count, capped.capped), (11, True))
        self.assertEqual(len(capped.page(2).object_list), 5)
