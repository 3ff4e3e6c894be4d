"""Classification guard (涉密不上网): refuse text and files that carry a national-secret marking.

A marking is 绝密/机密/秘密 with a star (after it — 机密★10年 — or before it — ★绝密), or the level words
绝密级/机密级/秘密级. Text is normalised before matching, because people paste: NFKC, format characters dropped
(U+200B, U+00AD, U+2060, …), traditional and variant forms of the level words mapped (機密, 祕密, 級), star
look-alikes folded to ★ (☆ ⭐ ✦ ✪ ✱ ∗ ⁎ 🌟 …). Ordinary words (商业秘密, 保守国家秘密, 机密文件管理制度, a
★★★★★ rating) pass.

`find_marking_in_file(filename, data)` scans a file's name and content: .docx (body, headers, footers, text boxes,
content controls, nested tables, document properties), .xlsx (every cell and sheet name), .txt/.csv (UTF-8 or
GBK/GB18030), .pdf (the text layer) and .zip members (bounded).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from xml.etree import ElementTree

_SPACE = r"[\s\u3000]*"
_LEVEL = rf"(?P<level>绝{_SPACE}密|机{_SPACE}密|秘{_SPACE}密)"
# A lone ASCII '*' counts as a star; '**' is Markdown emphasis, not a marking.
_STAR = r"(?:★|\*(?!\*))"
_PERIOD = rf"(?P<period>{_SPACE}(?:\d{{1,3}}{_SPACE}年|长期|[一二三四五六七八九十]+{_SPACE}年))?"
_STAR_MARKING = re.compile(rf"(?<!商业){_LEVEL}{_SPACE}{_STAR}{_PERIOD}")
_STAR_BEFORE = re.compile(rf"(?<![★*])(?:★|\*(?!\*)){_SPACE}{_LEVEL}")
_LEVEL_WORD = re.compile(rf"(?<!非)(?P<level>绝{_SPACE}密|机{_SPACE}密|秘{_SPACE}密){_SPACE}级")

# Traditional and variant forms of the level words.
_VARIANTS = str.maketrans({"機": "机", "祕": "秘", "袐": "秘", "級": "级", "絕": "绝", "絶": "绝", "宻": "密"})
# Star look-alikes (after NFKC): all become ★. The ASCII '*' is kept apart (Markdown uses it).
_STARS = "☆⭐✦✧✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼⋆∗⁎⁑🌟🌠🟊🟋🟌🟍🟎🟏🟐🟑🟒🟓🟔★"
_STAR_MAP = str.maketrans(dict.fromkeys(_STARS, "★"))

MAX_ZIP_MEMBERS = 200
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300


def normalise(text: str) -> str:
    """The text as the guard reads it: NFKC, no format characters, simplified level words, one kind of star."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return folded.translate(_VARIANTS).translate(_STAR_MAP)


def _squash(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def find_marking(text: str | None) -> str | None:
    """The national-secret marking found in `text` (e.g. "机密★10年", "秘密级"), or None."""
    if not text:
        return None
    norm = normalise(text)
    match = _STAR_MARKING.search(norm)
    if match:
        period = _squash(match.group("period") or "")
        return f"{_squash(match.group('level'))}★{period}"
    match = _STAR_BEFORE.search(norm)
    if match:
        return f"★{_squash(match.group('level'))}"
    match = _LEVEL_WORD.search(norm)
    if match:
        return f"{_squash(match.group('level'))}级"
    return None


def _xml_paragraphs(data: bytes, tags: frozenset[str]) -> Iterator[str]:
    """The text of each paragraph-like element (its text nodes joined, so that runs split by formatting are read as
    one), then the names the part gives (sheet names, content-control titles)."""
    root = ElementTree.fromstring(data)  # noqa: S314 (expat's amplification limits guard against entity bombs)
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in tags:
            yield "".join(element.itertext())
    yield from (a for e in root.iter() for k, a in e.attrib.items() if k.rsplit("}", 1)[-1] in {"name", "alias"})


WORD_TAGS = frozenset({"p"})  # body, tables at any depth, text boxes, content controls, headers, footers, notes
SHEET_TAGS = frozenset({"si", "is", "v", "f"})  # shared and inline strings, cached values, formulas


def _office_texts(archive: zipfile.ZipFile, parts: tuple[str, ...], tags: frozenset[str]) -> Iterator[str]:
    for name in archive.namelist():
        if name.endswith(".xml") and name.startswith(parts):
            yield from _xml_paragraphs(archive.read(name), tags)
    for name in ("docProps/core.xml", "docProps/app.xml"):
        if name in archive.namelist():
            root = ElementTree.fromstring(archive.read(name))  # noqa: S314
            yield from (t for t in root.itertext() if t.strip())


def _zip_texts(data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()][:MAX_ZIP_MEMBERS]
        for member in members:
            if member.file_size <= MAX_MEMBER_BYTES:
                yield member.filename, archive.read(member)


def decode_text(data: bytes) -> str:
    """Text bytes as UTF-8 (with or without BOM), else GB18030 (which covers GBK), else Latin-1."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _pdf_texts(data: bytes) -> Iterator[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        info: dict[str, object] = dict(reader.metadata or {})
    except (PyPdfError, ValueError, TypeError, KeyError):
        return  # like a scanned page: no text layer to read (viewers open many files pypdf cannot)
    yield from texts
    yield from (str(v) for v in info.values())


def file_texts(filename: str, data: bytes, *, depth: int = 0) -> Iterator[str]:
    """Every piece of text in the file that a reader would see (raises ValueError for a broken file)."""
    yield filename
    suffix = PurePath(filename).suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                yield from _office_texts(archive, ("word/",), WORD_TAGS)
        elif suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                yield from _office_texts(archive, ("xl/",), SHEET_TAGS)
        elif suffix in {".txt", ".csv"}:
            yield decode_text(data)
        elif suffix == ".pdf":
            yield from _pdf_texts(data)
        elif suffix == ".zip" and depth < 2:
            for name, member in _zip_texts(data):
                yield from file_texts(name, member, depth=depth + 1)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as exc:
        raise ValueError(str(exc)) from exc


def find_marking_in_file(filename: str, data: bytes) -> str | None:
    """The national-secret marking in the file's name or content, or None (ValueError for a broken file)."""
    for text in file_texts(filename, data):
        marking = find_marking(text)
        if marking:
            return marking
    return None
