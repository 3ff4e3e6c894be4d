"""The words of citizen requests (jieba with the county's own words), and the keyword table of SPEC §10's typical
matters that gives dispatch suggestion its cold start (the model is in `dispatch_model`)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
STOPWORDS = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "这个",
        "那个",
        "什么",
        "怎么",
        "能不能",
        "可以",
        "没有",
        "就是",
        "还是",
        "一个",
        "现在",
        "已经",
        "希望",
        "请问",
        "问题",
        "情况",
        "反映",
        "相关",
        "部门",
        "处理",
        "解决",
        "一下",
        "时候",
        "时间",
        "今天",
        "昨天",
        "每天",
        "天天",
        "我家",
        "我们家",
        "里面",
        "这边",
        "那边",
        "不是",
        "因为",
        "所以",
        "但是",
        "而且",
        "如果",
        "还有",
        "怎么办",
        "是不是",
        "有没有",
        "这样",
        "那么",
        "一直",
        "到底",
    ]
)

# Cold start and the model's prior knowledge: SPEC §10's departments and, for each, the words of its duties
# (duties.txt, a maintained data file a county can edit; SPEC §10's typical matters come first on each line).
DUTIES_FILE = Path(__file__).with_name("duties.txt")


def _read_duties(path: Path) -> dict[str, str]:
    """`部门：词 词 词` lines (a full-width or ASCII colon; `#` starts a comment) → {unit name: words}."""
    table: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _colon, words = line.replace(":", "：", 1).partition("：")
        seen = dict.fromkeys([*table.get(name.strip(), "").split(), *words.split()])
        table[name.strip()] = " ".join(seen)
    return table


DEPARTMENT_KEYWORDS: dict[str, str] = _read_duties(DUTIES_FILE)


_county_words_loaded = False


def _load_county_words() -> None:
    """Teach jieba the county's own words (占道, 路灯, 物业费…) on first use, not at import (it loads a dictionary)."""
    global _county_words_loaded
    if _county_words_loaded:
        return
    for words in DEPARTMENT_KEYWORDS.values():
        for word in words.split():
            jieba.add_word(word, freq=2000)
    for word in ("路灯", "占道", "停水", "噪音", "扰民", "欠薪", "电梯", "违建", "物业"):
        jieba.add_word(word, freq=2000)
    _county_words_loaded = True


def tokens(text: str) -> list[str]:
    """Meaningful words of `text` (jieba), without stop words and single characters."""
    _load_county_words()
    return [w for w in jieba.lcut(text, HMM=False) if len(w) >= 2 and _WORD.search(w) and w not in STOPWORDS]


def keyword_scores(text: str, table: dict[str, str]) -> dict[str, float]:
    """Cold-start scores: the share of each label's keywords found in `text`."""
    found = {label: sum(1 for k in words.split() if k in text) for label, words in table.items()}
    total = sum(found.values())
    return {label: n / total for label, n in found.items() if n} if total else {}
