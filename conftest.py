from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from shuniu.core.workdays import invalidate_overrides
from shuniu.leave.rules import forget as forget_leave_tables


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """The working-day override table and the leave tables are cached; every test starts from the database."""
    cache.clear()
    invalidate_overrides()
    forget_leave_tables()
    # The test client leaves the last request's language active; every test starts in Chinese.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    invalidate_overrides()
    forget_leave_tables()
