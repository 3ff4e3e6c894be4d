"""Personal data removed from free text: what the public reads (published answers, Open311, event results), and what
staff without `view_personal_data` read of citizens' own words.

Numbers are found however they were typed: with spaces or hyphens (138 1234 5679, 138-1234-5670), with the country
code (+8613812345672), in full-width digits (１３８…) or Chinese numerals (一三八…, 幺 for 1, 〇/零 for 0).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from shuniu.core.crypto import mask_id_number, mask_phone

_CHINESE_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4"}
_CHINESE_DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_SEP = r"[ \-.·]?"
# Matched on a digit-normalised copy of the text (one character for one), so spans map back to the original.
_ID = re.compile(rf"(?<![\dXx])\d(?:{_SEP}\d){{16}}{_SEP}[\dXx](?![\dXx])")
_MOBILE = re.compile(rf"(?<!\d)(?:(?:\+|00)?86{_SEP})?1{_SEP}[3-9](?:{_SEP}\d){{9}}(?!\d)")
_LANDLINE = re.compile(rf"(?<!\d)(0\d{{2,3}}){_SEP}\d(?:{_SEP}\d){{6,7}}(?!\d)")


def _digit_view(text: str) -> str:
    """The text with every digit-like character as an ASCII digit (and +, -, space folded), one for one."""
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) == 1 and (folded.isascii() and (folded.isdigit() or folded in "+-. ")):
            out.append(folded)
        else:
            out.append(_CHINESE_DIGITS.get(char, "·" if char in "－—–" else char))
    return "".join(out)


def _digits(s: str) -> str:
    return re.sub(r"[^\dXx]", "", s)


def _mask_spans(text: str, view: str, pattern: re.Pattern[str], mask: object) -> tuple[str, str]:
    pieces, views, last = [], [], 0
    for match in pattern.finditer(view):
        masked = mask(match)  # type: ignore[operator]
        pieces += [text[last : match.start()], masked]
        views += [view[last : match.start()], "#" * len(masked)]
        last = match.end()
    pieces.append(text[last:])
    views.append(view[last:])
    return "".join(pieces), "".join(views)


def redact(text: str, names: Iterable[str] = ()) -> str:
    """`text` with ID numbers (330102********1234), mobile numbers (138****1234), landlines (0571-********) and the
    given personal names (张三 → 张某) masked, however the numbers were typed."""
    if not text:
        return text or ""
    view = _digit_view(text)
    text, view = _mask_spans(text, view, _ID, lambda m: mask_id_number(_digits(m.group(0)).upper()))
    text, view = _mask_spans(text, view, _MOBILE, lambda m: mask_phone(_digits(m.group(0))[-11:]))
    text, view = _mask_spans(text, view, _LANDLINE, lambda m: m.group(1) + "-********")
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, name[0] + "某")
    return text


def for_viewer(text: str, *, may_see: bool, names: Iterable[str] = ()) -> str:
    """The text as a viewer reads it: whole for roles with `view_personal_data`, redacted for everyone else."""
    return text if may_see else redact(text, names)
