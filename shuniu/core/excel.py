"""Reading import sheets with row-by-row errors, and writing .xlsx exports (SPEC §2.6)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

MAX_IMPORT_ROWS = 20000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    problem: str


@dataclass
class ImportReport:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number as Excel shows it
    values: dict[str, str]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


MAX_IMPORT_COLUMNS = 200
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:(?P<col>[A-Z]+)(?P<row>\d+)"')


def _limits() -> tuple[int, int]:
    """The import limits: bytes (SHUNIU_MAX_IMPORT_MB, default 10) and rows (SHUNIU_MAX_IMPORT_ROWS, default 20000)."""
    mb = int(getattr(settings, "SHUNIU_MAX_IMPORT_MB", 10))
    return mb * 1024 * 1024, int(getattr(settings, "SHUNIU_MAX_IMPORT_ROWS", MAX_IMPORT_ROWS))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def _declared_too_big(data: bytes, max_rows: int) -> bool:
    """Whether the first sheet declares more rows or columns than an import may have: refused before any parsing
    (a sheet that claims A1:XFD1048576 would otherwise keep a worker busy)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = sorted(n for n in archive.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
            if not sheets:
                return False
            with archive.open(sheets[0]) as sheet:
                head = sheet.read(4096)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False  # load_workbook reports the broken file
    match = _DIMENSION.search(head)
    if match is None:
        return False
    return int(match.group("row")) > max_rows + 1 or _column_number(match.group("col")) > MAX_IMPORT_COLUMNS


def _csv_rows(data: bytes) -> list[tuple[Any, ...]]:
    """A CSV import's rows: UTF-8 with or without BOM, or GBK/GB18030 as Excel on Chinese Windows writes it."""
    from shuniu.core.classification import decode_text

    return [tuple(row) for row in csv.reader(io.StringIO(decode_text(data)))]


def _raw_rows(fileobj: IO[bytes], name: str, max_rows: int) -> tuple[Iterable[tuple[Any, ...]], list[RowError]]:
    max_bytes, _max_rows = _limits()
    data = fileobj.read(max_bytes + 1)
    if len(data) > max_bytes:
        return [], [RowError(0, "", _("文件过大：导入文件不能超过%(mb)s MB，请拆分。") % {"mb": max_bytes // 1048576})]
    if name.lower().endswith(".csv"):
        return _csv_rows(data), []
    if _declared_too_big(data, max_rows):
        message = _("表格声明的范围过大（超过%(n)s行或%(c)s列），请只保留数据区域后重试。")
        return [], [RowError(0, "", message % {"n": max_rows, "c": MAX_IMPORT_COLUMNS})]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return [], [RowError(0, "", _("无法读取文件：请上传 Excel 2007 及以上版本的 .xlsx 文件或 CSV 文件。"))]
    return workbook.worksheets[0].iter_rows(values_only=True), []


def read_sheet(
    fileobj: IO[bytes], *, columns: Sequence[str], required: Iterable[str]
) -> tuple[list[SheetRow], list[RowError]]:
    """The data rows of the first sheet (.xlsx) or of a CSV file, keyed by header, or the problems that stop the
    import: too large a file (SHUNIU_MAX_IMPORT_MB), too many rows (SHUNIU_MAX_IMPORT_ROWS), a sheet whose declared
    size is absurd, an unreadable file."""
    _max_bytes, max_rows = _limits()
    raw, problems = _raw_rows(fileobj, getattr(fileobj, "name", "") or "", max_rows)
    if problems:
        return [], problems
    rows = iter(raw)
    header = [_cell_text(v) for v in next(rows, ())]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [RowError(1, c, _("缺少必填列")) for c in missing]
    index = {name: header.index(name) for name in columns if name in header}
    out: list[SheetRow] = []
    for number, row in enumerate(rows, start=2):
        values = {name: _cell_text(row[i]) if i < len(row) else "" for name, i in index.items()}
        if not any(values.values()):
            continue
        if len(out) >= max_rows:
            return [], [RowError(number, "", _("行数超过上限%(n)s行，请拆分文件。") % {"n": max_rows})]
        out.append(SheetRow(number, values))
    errors = [RowError(row.number, c, _("必填项为空")) for row in out for c in required if not row.values.get(c)]
    return out, errors


def _display_width(value: Any) -> int:
    """Columns as Excel measures them: a Chinese character is two wide."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def xlsx_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Sheet1",
    formats: dict[int, str] | None = None,
) -> bytes:
    """A one-sheet workbook as an office expects it: a bold, frozen header row with a filter, each column as wide as
    its content (within reason), numbers stored as numbers and `formats` (column index → number format, e.g.
    "0.0%") applied."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    if sheet is None:  # pragma: no cover - a new Workbook always has one sheet
        sheet = workbook.create_sheet()
    sheet.title = clean_cell_text(title)[:31] or "Sheet1"
    sheet.append([_export_value(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [_display_width(h) for h in headers]
    for row in rows:
        values = [_export_value(v) for v in row]
        sheet.append(values)
        for i, value in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], min(_display_width(value), 60))
    for cells in sheet.iter_rows():  # text that looks like a formula stays text: no live formula in any export
        _neutralise(cells)
    for index, fmt in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell.number_format = fmt
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(6, width + 2)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_cell_text(value: str) -> str:
    """The text without the control characters a spreadsheet cannot hold (a legacy title with U+000B must not make
    an export fail)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _export_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return clean_cell_text(value)
    return value


def _neutralise(cells: Iterable[Any]) -> None:
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV export as Excel on Chinese Windows opens it (UTF-8 with BOM, SPEC §2.6); a text that would start a
    formula gets a leading apostrophe, so that no cell is live."""

    def cell(value: Any) -> str:
        text = "" if value is None else str(_export_value(value))
        return f"'{text}" if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell(h) for h in headers])
    writer.writerows([cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def error_report_xlsx(errors: Iterable[RowError]) -> bytes:
    return xlsx_bytes([_("行"), _("列"), _("问题")], ((e.row, e.column, e.problem) for e in errors), title="errors")


def report_progress(progress: Any, done: int, total: int) -> None:
    """Tell an import's progress callback (if any) how far the checking has come, every 100 rows and at the end."""
    if progress is not None and (done % 100 == 0 or done == total):
        progress(done, total)
