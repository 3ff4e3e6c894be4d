"""The category picker's search: a typed word finds its category by name, by keyword, or by a near match
(a character off, the words in another order), so that "供暖" finds 供暖燃气 and "暖器" finds it too."""

from __future__ import annotations

from difflib import SequenceMatcher

from shuniu.governance.models import Category

NEAR = 0.5  # SequenceMatcher ratio from which two short Chinese terms count as one mistyped (燃汽 → 燃气)


def _score(query: str, term: str) -> float:
    if not term:
        return 0.0
    if query == term:
        return 2.0
    if query in term or term in query:
        return 1.5
    return SequenceMatcher(None, query, term).ratio()


def find_categories(query: str, *, limit: int = 5) -> list[Category]:
    """Active categories for `query`, best first: exact name, then a name or keyword containing it (or contained in
    it), then near matches."""
    query = query.strip()[:50]
    if not query:
        return []
    scored = []
    for category in Category.objects.filter(is_active=True).order_by("name"):
        terms = [category.name, *category.keywords.split()]
        best = max(_score(query, term) for term in terms)
        if best >= NEAR:
            scored.append((best + (0.1 if _score(query, category.name) >= NEAR else 0), category))
    scored.sort(key=lambda pair: -pair[0])
    return [category for _score_value, category in scored[:limit]]
