"""A leader's occurrences as the API's JSON, built by PostgreSQL in one statement (json_agg): a month is a few
hundred rows, and parsing and formatting their times in Python cost more than the query (bench/RESULTS.md). The
times are written in the county's wall time with its UTC offset, as the Python path writes them; a zone whose
offset changes inside the window falls back to that path (Asia/Shanghai never does)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.utils import timezone

from shuniu.meetings.models import Activity, Meeting, Occurrence, Venue
from shuniu.meetings.schedule import MAX_LENGTH


def _offset(moment: dt.datetime) -> str:
    delta = moment.utcoffset() or dt.timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def month_json(leader_id: int, lo: dt.datetime, hi: dt.datetime) -> bytes | None:
    """The occurrences of the leader overlapping [lo, hi) as a JSON array (bytes), or None when the database is
    not PostgreSQL or the zone's offset changes between lo and hi."""
    tz = timezone.get_current_timezone()  # a named zone: PostgreSQL reads "UTC+08:00" the POSIX way, inverted
    lo, hi = lo.astimezone(tz), hi.astimezone(tz)
    if connection.vendor != "postgresql" or _offset(lo) != _offset(hi):
        return None
    zone = timezone.get_current_timezone_name()
    stamp = 'YYYY-MM-DD"T"HH24:MI:SS'
    local = "to_char({col} AT TIME ZONE %(zone)s, '" + stamp + "') || %(offset)s"
    start, end = local.format(col="o.start"), local.format(col='o."end"')
    tables = {
        "o": Occurrence._meta.db_table,
        "a": Activity._meta.db_table,
        "v": Venue._meta.db_table,
        "m": Meeting._meta.db_table,
    }
    sql = (
        "SELECT COALESCE(json_agg(json_build_object("  # noqa: S608 (table names from the models, values as parameters)
        "'code', a.code, 'title', a.title, 'kind', a.kind, "
        f"'start', {start}, 'end', {end}, "
        "'venue', v.name, 'location', a.location, 'recurring', a.recurrence <> '', 'meeting', m.code"
        ") ORDER BY o.start, o.activity_id), '[]'::json)::text "
        f'FROM "{tables["o"]}" o JOIN "{tables["a"]}" a ON a.id = o.activity_id '
        f'LEFT JOIN "{tables["v"]}" v ON v.id = a.venue_id LEFT JOIN "{tables["m"]}" m ON m.id = a.meeting_id '
        'WHERE o.leader_id = %(leader)s AND o.start < %(hi)s AND o.start > %(since)s AND o."end" > %(lo)s'
    )
    params: dict[str, Any] = {
        "zone": zone,
        "offset": _offset(lo),
        "leader": leader_id,
        "hi": hi,
        "lo": lo,
        "since": lo - MAX_LENGTH,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (text,) = cursor.fetchone()
    return str(text).encode()
