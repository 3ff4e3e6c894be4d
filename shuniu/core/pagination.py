"""Pagination for the tables that grow to millions of rows (citizen requests, the audit log)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts at most `cap` rows (COUNT over a LIMITed subquery): on a million-row table the exact count costs more
    than the page itself. Beyond the cap the list says "10000+" and its pages stop there; filters narrow it."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list  # a QuerySet: the slice becomes SELECT COUNT(*) FROM (… LIMIT cap + 1)
        return int(rows.order_by()[: self.cap + 1].count())  # any cap + 1 rows will do: no sort

    @property
    def capped(self) -> bool:
        return self.count > self.cap
