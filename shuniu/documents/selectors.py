"""Reads of 办文: the registries (收文, 发文) searchable by title, 文号, 收文号, unit and date range, from the policy's
visible rows with what the lists show; the circulation of one document; the ledger for a year."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.access import has_perm
from shuniu.core.listing import Column, ListSpec
from shuniu.core.pagination import CappedPaginator
from shuniu.core.workdays import check_date
from shuniu.documents.models import Circulation, Incoming, Outgoing
from shuniu.documents.numbers import parse
from shuniu.documents.policies import VIEW_ALL, incoming_policy, outgoing_policy
from shuniu.documents.terms import query_words
from shuniu.org.models import Unit

INCOMING_LIST = ListSpec(
    search=(),  # searched by `search_incoming` (a 文号 is looked up in the number columns only)
    sorts={"received": "received_at", "receipt": ("year", "receipt_seq"), "due": "due_date", "created": "created_at"},
    default="-created",
    columns=(
        Column(gettext_lazy("收文号"), "receipt_number"),
        Column(gettext_lazy("标题"), "title"),
        Column(gettext_lazy("来文单位"), "source_org"),
        Column(gettext_lazy("来文字号"), "source_doc_number"),
        Column(gettext_lazy("收文单位"), "unit.name"),
        Column(gettext_lazy("紧急程度"), "urgency"),
        Column(gettext_lazy("状态"), "status"),
        Column(
            gettext_lazy("签收时间"),
            lambda i: timezone.localtime(i.received_at).strftime("%Y-%m-%d %H:%M") if i.received_at else "",
        ),
        Column(gettext_lazy("办理时限"), "due_date"),
        Column(gettext_lazy("主办单位"), "lead_unit.name"),
    ),
    filename="收文登记簿",
)

OUTGOING_LIST = ListSpec(
    search=(),  # searched by `search_outgoing`
    sorts={"created": "created_at", "issued": "issued_on", "number": "doc_number"},
    default="-created",
    columns=(
        Column(gettext_lazy("发文字号"), "doc_number"),
        Column(gettext_lazy("标题"), "title"),
        Column(gettext_lazy("文种"), "doc_type"),
        Column(gettext_lazy("拟稿单位"), "drafting_unit.name"),
        Column(gettext_lazy("签发人"), "signer_name"),
        Column(gettext_lazy("成文日期"), "issued_on"),
        Column(gettext_lazy("紧急程度"), "urgency"),
        Column(gettext_lazy("状态"), "status"),
    ),
    filename="发文登记簿",
)


def _day(value: str, label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return check_date(dt.date.fromisoformat(value))
    except ValueError as exc:
        raise ValidationError(_("%(l)s应为 YYYY-MM-DD 格式的日期。") % {"l": label}) from exc


def filtered(qs: QuerySet[Any], params: Any, date_field: str) -> QuerySet[Any]:
    """?status= ?unit= (a unit code) ?from= ?to= (dates, inclusive) on the list's date."""
    status = params.get("status", "")
    if status:
        qs = qs.filter(status=status)
    unit = params.get("unit", "")
    if unit:
        field = "unit" if qs.model is Incoming else "drafting_unit"
        qs = qs.filter(**{f"{field}__code": unit[:40]})
    start, end = _day(params.get("from", ""), _("起始日期")), _day(params.get("to", ""), _("截止日期"))
    if start:
        qs = qs.filter(**{f"{date_field}__gte": timezone.make_aware(dt.datetime.combine(start, dt.time.min))})
    if end:
        qs = qs.filter(
            **{f"{date_field}__lt": timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))}
        )
    return qs


def incoming_of(user: Any) -> QuerySet[Incoming]:
    return incoming_policy.visible(user, Incoming.objects.select_related("unit", "lead_unit"))


def outgoing_of(user: Any) -> QuerySet[Outgoing]:
    return outgoing_policy.visible(user, Outgoing.objects.select_related("drafting_unit", "prefix").defer("body"))


RECEIPT = re.compile(r"^\S{1,8}〔\d{4}〕[1-9]\d*号$")
NUMBER_LIKE = re.compile(r"[〔〕\[\]]|号$|^[\d-]+$")


def search(qs: QuerySet[Any], q: str, words: tuple[str, ...], numbers: tuple[str, ...]) -> QuerySet[Any]:
    """`q`'s words (up to five), each found in the text columns — or, when it looks like a number (brackets, a
    trailing 号, only digits), in the number columns only: a whole 文号 by equality (a B-tree lookup), a part of
    one by trigram."""
    for word in (q or "").split()[:5]:
        word = word[:50]
        if parse(word) is not None or RECEIPT.match(word):
            condition = Q()
            for name in numbers:
                condition |= Q(**{name: word})
        elif NUMBER_LIKE.search(word):
            condition = Q()
            for name in numbers[:1] if "〔" in word or word.endswith("号") else numbers:  # a 文号's part: its column
                condition |= Q(**{f"{name}__icontains": word})
        else:
            qs = _words(qs, word, words)
            continue
        qs = qs.filter(condition)
    return qs


def _words(qs: QuerySet[Any], text: str, fields: tuple[str, ...]) -> QuerySet[Any]:
    """Each jieba word of `text` as a whole word of the title (PostgreSQL: its full-text index on the stored
    terms; elsewhere `terms LIKE '% 词 %'`). Text jieba cuts into lone characters is looked for as typed, anywhere
    in the text columns; so are the words when whole words find nothing (a word jieba cut differently in a title)."""
    words = query_words(text) or [text]
    if any(len(w) < 2 for w in words):  # jieba found no word here ("河长制"): the typed text, anywhere
        return qs.filter(_anywhere(text, fields))
    exact = qs
    for word in words:
        if connection.vendor == "postgresql":
            query = SearchQuery(word, config="simple", search_type="plain")
            exact = exact.annotate(_terms=SearchVector("terms", config="simple")).filter(_terms=query)
        else:
            exact = exact.filter(terms__icontains=f" {word.upper()} ")
    if exact.exists():
        return exact
    for word in words:
        qs = qs.filter(_anywhere(word, fields))
    return qs


def _anywhere(word: str, fields: tuple[str, ...]) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": word})
    return condition


def search_incoming(qs: QuerySet[Any], q: str) -> QuerySet[Any]:
    return search(qs, q, ("title", "source_org"), ("receipt_number", "source_doc_number"))


def search_outgoing(qs: QuerySet[Any], q: str) -> QuerySet[Any]:
    return search(qs, q, ("title",), ("doc_number", "code"))


def capped_count(qs: QuerySet[Any], cap: int = CappedPaginator.cap) -> int:
    """How many rows match, counted up to `cap` (the lists say "10000+" beyond it, as the pages do)."""
    return int(qs.order_by().values("pk")[: cap + 1].count())  # no joins, no sort: only the matching keys


def unit_choices(user: Any) -> list[Any]:
    """The units of the list filter, for those who see every unit's documents (one query)."""
    if not has_perm(user, VIEW_ALL):
        return []
    return list(Unit.objects.filter(is_active=True).order_by("path").only("code", "name"))


def circulation(incoming: Incoming) -> list[Circulation]:
    """Who holds it, who has read it and when, who has not and since when."""
    return list(incoming.circulations.select_related("reader", "reader__unit").order_by("read_at", "sent_at"))


def counts(user: Any) -> dict[str, int]:
    """The home card's numbers: incoming waiting by state, outgoing by state (one query each)."""
    incoming = dict(incoming_of(user).values_list("status").annotate(n=Count("id")).order_by())
    outgoing = dict(outgoing_of(user).values_list("status").annotate(n=Count("id")).order_by())
    return {**{f"in_{k}": v for k, v in incoming.items()}, **{f"out_{k}": v for k, v in outgoing.items()}}
