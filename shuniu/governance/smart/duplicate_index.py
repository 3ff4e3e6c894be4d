"""The rolling trigram index behind the operator's duplicate check (PostgreSQL only).

The check looks for a similar title among the last 30 days' requests. A trigram index over all history would make
every search wade through years of look-alike titles, so the index covers only the requests received since the
first day of the month that was 45 days ago (45 to 76 days back). `refresh_duplicate_index` (a daily job) builds
the next month's index and drops the old one; the query names the same bound, so PostgreSQL picks the partial
index. Without it (job not run yet, a longer window configured, SQLite) the check is still correct, only slower.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

PREFIX = "request_title_trgm_"


def window_start(today: dt.date | None = None) -> dt.datetime:
    """The first moment that the index covers: midnight (county time) on the first day of the month 45 days ago."""
    today = today or timezone.localdate()
    first = (today - dt.timedelta(days=45)).replace(day=1)
    return dt.datetime.combine(first, dt.time(), timezone.get_current_timezone())


def index_name(start: dt.datetime) -> str:
    return f"{PREFIX}{start:%Y%m}"


def refresh(today: dt.date | None = None, *, concurrently: bool = True) -> list[str]:
    """Create this month's partial index if missing and drop the older ones; returns what was done."""
    if connection.vendor != "postgresql":
        return []
    start = window_start(today)
    name = index_name(start)
    done = []
    how = "CONCURRENTLY " if concurrently else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = 'governance_citizenrequest'::regclass"
        )
        found = {row[0]: row[1] for row in cursor.fetchall() if row[0].startswith(PREFIX)}
        existing = set(found)
        if name in found and not found[name]:  # a concurrent build that failed leaves an invalid index behind
            cursor.execute(f"DROP INDEX {how}IF EXISTS {name}")
            existing.discard(name)
            done.append(f"dropped invalid {name}")
        if name not in existing:
            # Names and the bound are made here from a date, never from input.
            sql = (
                f"CREATE INDEX {how}IF NOT EXISTS {name} ON governance_citizenrequest USING gin (title gin_trgm_ops) "
                f"WITH (fastupdate = off) WHERE created_at >= '{start.isoformat()}'"
            )
            cursor.execute(sql)
            done.append(f"created {name}")
        for old in sorted(existing - {name}):
            cursor.execute(f"DROP INDEX {how}IF EXISTS {old}")
            done.append(f"dropped {old}")
    return done
