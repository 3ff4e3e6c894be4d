"""One page of the task list on PostgreSQL in one statement written out here, not composed by the ORM: the page's
ids come from the queryset the policy and the filters built (compiled once, as a subquery with its LIMIT and
OFFSET), the rows, their lead unit, leader, co-units and tags are read around it. Measured on the benchmark's
10,000 tasks the ORM spent four times the database's time composing this statement and turning its rows into
dicts; the API list is the office's busiest call (bench/RESULTS.md)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import QuerySet

from shuniu.org.models import Unit
from shuniu.supervision.models import AreaTag, Task

# (key in the row, SQL) — the keys are selectors.LIST_FIELDS with "pk", "co_units" and "area_tags"
_COLUMNS = (
    ("pk", "t.id"),
    ("code", "t.code"),
    ("title", "t.title"),
    ("source", "t.source"),
    ("status", "t.status"),
    ("lead_unit__name", "u.name"),
    ("lead_unit__code", "u.code"),
    ("responsible_leader", "t.responsible_leader"),
    ("leader__username", "l.username"),
    ("start_date", "t.start_date"),
    ("due_date", "t.due_date"),
    ("original_due_date", "t.original_due_date"),
    ("report_cycle", "t.report_cycle"),
    ("progress", "t.progress"),
    ("expected_progress", "t.expected_progress"),
    ("light", "t.light"),
    ("light_reason", "t.light_reason"),
)


def _order_sql(order_by: list[str]) -> str:
    """The queryset's ordering (model field names, "-" for descending) as SQL on the alias t."""
    parts = []
    for name in order_by:
        field = Task._meta.get_field(name.lstrip("-"))  # an unknown name raises: never raw text
        if not isinstance(field, models.Field):
            raise ValueError(name)
        column = field.column
        parts.append(f't."{column}" {"DESC" if name.startswith("-") else "ASC"}')
    return ", ".join(parts)


def _statement(ids_sql: str, order_by: list[str]) -> str:
    co, tags = Task.co_units.through._meta.db_table, Task.area_tags.through._meta.db_table
    users = get_user_model()._meta.db_table  # Task.leader's table
    select = ", ".join(sql for _key, sql in _COLUMNS)
    # every name is the models' own table or column (`_order_sql` checks the fields); the values are parameters of
    # the compiled ids subquery
    return (
        f"SELECT {select}, "  # noqa: S608
        f'ARRAY(SELECT cu.name FROM "{co}" c JOIN "{Unit._meta.db_table}" cu ON cu.id = c.unit_id '
        "WHERE c.task_id = t.id ORDER BY c.id), "
        f'ARRAY(SELECT a.name FROM "{tags}" x JOIN "{AreaTag._meta.db_table}" a ON a.id = x.areatag_id '
        "WHERE x.task_id = t.id ORDER BY x.id) "
        f'FROM "{Task._meta.db_table}" t JOIN "{Unit._meta.db_table}" u ON u.id = t.lead_unit_id '
        f'LEFT JOIN "{users}" l ON l.id = t.leader_id '
        f"WHERE t.id IN (SELECT page.id FROM ({ids_sql}) page) ORDER BY {_order_sql(order_by)}"
    )


def rows(ids: QuerySet[Any], order_by: list[str]) -> list[dict[str, Any]]:
    """The rows of the page whose ids (a column named id) `ids` selects, in `order_by`."""
    ids_sql, params = ids.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_statement(ids_sql, order_by), params)
        fetched = cursor.fetchall()
    keys = [key for key, _sql in _COLUMNS]
    out = []
    for values in fetched:
        row = dict(zip(keys, values[:-2], strict=True))
        row["co_units"], row["area_tags"] = values[-2], values[-1]
        out.append(row)
    return out
