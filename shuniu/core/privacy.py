"""Personal data removed from text that the public reads (published answers, Open311, event results)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from shuniu.core.crypto import mask_id_number, mask_phone

# An 18-digit ID number (the last may be X), a mobile number, a landline with its area code.
_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})-?\d{7,8}(?!\d)")


def redact(text: str, names: Iterable[str] = ()) -> str:
    """`text` with ID numbers (330102********1234), mobile numbers (138****1234), landlines (0571-********) and the
    given personal names (张三 → 张某) masked."""
    text = _ID.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group(0)), text)
    text = _LANDLINE.sub(lambda m: m.group(1) + "-********", text)
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, name[0] + "某")
    return text
