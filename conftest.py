from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """The working-day override table is cached; every test starts from the database."""
    cache.clear()
    yield
    cache.clear()
