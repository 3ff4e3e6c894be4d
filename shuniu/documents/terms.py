"""Words of a title for the registries' search (SPEC §6, issue 13 point 10): Chinese has no spaces, and a
two-character word ("防汛", "信访") is too short for a trigram index, so each document keeps its title's words cut
by jieba (search mode: "防汛抗旱" gives 防汛, 抗旱 and 防汛抗旱) as " 词 词 … " — a space on each side of every
word, so that `LIKE '% 防汛 %'` finds a whole word and the trigram index can serve it."""

from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)
_WORD = re.compile(r"\w")


def terms(*texts: str) -> str:
    words = {w.strip().upper() for text in texts for w in jieba.cut_for_search(text or "") if _WORD.search(w)}
    return f" {' '.join(sorted(words))} " if words else ""


def query_words(text: str) -> list[str]:
    """The words of what a user typed, cut the same way (each must be in the title)."""
    return [w.strip() for w in jieba.cut(text, HMM=False) if _WORD.search(w)]
