"""One page of the task list on PostgreSQL in one statement written out here, not composed by the ORM: the page's
ids come from the queryset the policy and the filters built (compiled once, as a subquery with its LIMIT and
OFFSET), the rows, their lead unit, leader, co-units and tags are read around it. Measured on the benchmark's
10,000 tasks the ORM spent four times the database's time composing this statement and turning its rows into
dicts; the API list is the office's busiest call (bench/RESULTS.md)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import QuerySet

from shuniu.org.models import Unit
from shuniu.supervision.models import AreaTag, Task

# the list's related columns (the joins below); every other field is the task's own column
_RELATED = {"lead_unit__name": "u.name", "lead_unit__code": "u.code", "leader__username": "l.username"}


def _column(name: str) -> str:
    if name in _RELATED:
        return _RELATED[name]
    field = Task._meta.get_field(name)  # an unknown name raises: never raw text
    if not isinstance(field, models.Field):
        raise ValueError(name)
    return f't."{field.column}"'


def _order_sql(order_by: list[str]) -> str:
    """The queryset's ordering (model field names, "-" for descending) as SQL on the alias t."""
    return ", ".join(f"{_column(n.lstrip('-'))} {'DESC' if n.startswith('-') else 'ASC'}" for n in order_by)


def _statement(ids_sql: str, order_by: list[str], fields: tuple[str, ...]) -> str:
    co, tags = Task.co_units.through._meta.db_table, Task.area_tags.through._meta.db_table
    users = get_user_model()._meta.db_table  # Task.leader's table
    select = ", ".join(["t.id", *(_column(f) for f in fields)])
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


def rows(ids: QuerySet[Any], order_by: list[str], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows (`fields`, by their ORM names, with "pk", "co_units" and "area_tags") of the page whose ids (a column
    named id) `ids` selects, in `order_by`."""
    try:
        ids_sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # the policy or a filter selects nothing (qs.none(), an empty id list)
        return []
    with connection.cursor() as cursor:
        cursor.execute(_statement(ids_sql, order_by, fields), params)
        fetched = cursor.fetchall()
    keys = ["pk", *fields]
    out = []
    for values in fetched:
        row = dict(zip(keys, values[:-2], strict=True))
        row["co_units"], row["area_tags"] = values[-2], values[-1]
        out.append(row)
    return out
