"""Classification guard (涉密不上网): refuse text that carries a national-secret marking.

A marking is 绝密/机密/秘密 followed by a star (★, ☆, *, ＊, with or without spaces, optionally with a
period such as ★10年 or ★长期), or the level words 绝密级/机密级/秘密级. Ordinary words such as 商业秘密,
保密工作 or 秘密投票 pass.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = r"[\s\u3000]*"
_LEVEL = rf"(?P<level>绝{_SPACE}密|机{_SPACE}密|秘{_SPACE}密)"
# A lone ASCII '*' counts as a star; '**' is Markdown emphasis, not a marking.
_STAR = r"(?:[★☆✩✭✮⋆]|\*(?!\*))"
_PERIOD = rf"(?P<period>{_SPACE}(?:\d{{1,3}}{_SPACE}年|长期|[一二三四五六七八九十]+{_SPACE}年))?"
_STAR_MARKING = re.compile(rf"(?<!商业){_LEVEL}{_SPACE}{_STAR}{_PERIOD}")
_LEVEL_WORD = re.compile(rf"(?<!非)(?P<level>绝{_SPACE}密|机{_SPACE}密|秘{_SPACE}密){_SPACE}级")


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, letters and '＊' to their ASCII forms.
    return unicodedata.normalize("NFKC", text)


def _squash(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def find_marking(text: str | None) -> str | None:
    """The national-secret marking found in `text` (e.g. "机密★10年", "秘密级"), or None."""
    if not text:
        return None
    norm = _normalise(text)
    match = _STAR_MARKING.search(norm)
    if match:
        period = _squash(match.group("period") or "")
        return f"{_squash(match.group('level'))}★{period}"
    match = _LEVEL_WORD.search(norm)
    if match:
        return f"{_squash(match.group('level'))}级"
    return None
