"""What every list page shares: sortable columns with a stable tiebreak, and an .xlsx export of exactly the rows the
page would show (the same visible queryset and filters), capped so that one click cannot pull a whole database."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

from shuniu.core.excel import xlsx_bytes, xlsx_response

MAX_EXPORT_ROWS = 50_000


@dataclass(frozen=True)
class Column:
    """One exported column: its header and how to read a row (an attribute path like `lead_unit.name`, or a
    function); `fmt` is an Excel number format for numbers and percentages ("0.0%")."""

    label: str | Promise
    value: str | Callable[[Any], Any]
    fmt: str = ""

    def read(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        out: Any = row
        for part in self.value.split("."):
            out = getattr(out, part, None) if not isinstance(out, dict) else out.get(part)
            if out is None:
                return ""
        display = getattr(row, f"get_{self.value}_display", None) if "." not in self.value else None
        return display() if callable(display) else out


def sorted_by(
    qs: QuerySet[Any], request: HttpRequest, allowed: Mapping[str, str | Sequence[str]], default: str
) -> tuple[QuerySet[Any], str]:
    """Order `qs` by `?sort=key` or `?sort=-key` (keys in `allowed`, each naming one or more fields), always ending
    with the primary key so that paging is stable; an unknown key falls back to `default`. Returns the queryset and
    the sort actually applied."""
    raw = request.GET.get("sort", "") or default
    key = raw.lstrip("-")
    if key not in allowed:
        raw, key = default, default.lstrip("-")
    fields = allowed[key]
    names = [fields] if isinstance(fields, str) else list(fields)
    sign = "-" if raw.startswith("-") else ""
    return qs.order_by(*[f"{sign}{f}" for f in names], f"{sign}pk"), raw


def export_xlsx(rows: Iterable[Any], columns: Sequence[Column], filename: str, title: str = "") -> HttpResponse:
    """The rows as an .xlsx download (header frozen, widths to content, numbers as numbers)."""
    data = [[c.read(row) for c in columns] for _i, row in zip(range(MAX_EXPORT_ROWS), rows, strict=False)]
    formats = {i: c.fmt for i, c in enumerate(columns) if c.fmt}
    content = xlsx_bytes([str(c.label) for c in columns], data, title=title or filename, formats=formats)
    return xlsx_response(content, f"{filename}.xlsx")


def wants_export(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string without `names` (for sort links and pagination)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def searched(qs: QuerySet[Any], request: HttpRequest, fields: Sequence[str]) -> QuerySet[Any]:
    """`?q=` words (up to five), each found in any of `fields`."""
    for word in request.GET.get("q", "").split()[:5]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word[:50]})
        qs = qs.filter(condition)
    return qs


@dataclass(frozen=True)
class ListSpec:
    """A list page's search fields, sortable columns (key → fields), default sort and export columns."""

    search: Sequence[str]
    sorts: Mapping[str, str | Sequence[str]]
    default: str
    columns: Sequence[Column]
    filename: str

    def apply(self, request: HttpRequest, qs: QuerySet[Any]) -> tuple[QuerySet[Any], str, HttpResponse | None]:
        """Search and sort `qs` (already visible to the user); with `?export=xlsx`, also the file to send."""
        qs, sort = sorted_by(searched(qs, request, self.search), request, self.sorts, self.default)
        if wants_export(request):
            return qs, sort, export_xlsx(qs, self.columns, self.filename)
        return qs, sort, None
