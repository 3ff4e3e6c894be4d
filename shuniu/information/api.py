"""/api/v1/info-items and /api/v1/urgent-events (SPEC §4)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from shuniu.core.access import get_for_user, has_perm
from shuniu.core.api import actor, page_window
from shuniu.core.choices import check_choice
from shuniu.information import selectors, services, urgent
from shuniu.information.models import InfoItem, UrgentEvent, UrgentReport
from shuniu.information.policies import EDIT, VIEW_ALL, event_policy, item_policy
from shuniu.information.schemas import (
    AdoptionIn,
    DeadlineOut,
    InboxPage,
    InboxRow,
    InfoItemIn,
    InfoItemOut,
    InstructionIn,
    Ranking,
    RankingRow,
    ReportOut,
    UrgentEventIn,
    UrgentEventOut,
    UrgentReportIn,
    local,
)

router = Router(tags=["information"])
ITEMS = InfoItem.objects.select_related("unit", "must_report_type").prefetch_related("adoptions", "instructions")


def item_out(item: InfoItem) -> InfoItemOut:
    return InfoItemOut(
        code=item.code,
        title=item.title,
        body=item.body,
        unit=item.unit.name,
        category=item.category,
        category_label=item.get_category_display(),
        must_report_type=item.must_report_type.name if item.must_report_type else None,
        event_time=local(item.event_time),
        status=item.status,
        status_label=item.get_status_display(),
        status_reason=item.status_reason,
        points=item.points,
        breakdown=services.points_breakdown(item),  # type: ignore[arg-type]
        printed_in=[str(issue) for issue in selectors.printed_in(item)],
    )


def _item(request: HttpRequest, code: str, action: str = "view") -> InfoItem:
    return get_for_user(item_policy, actor(request), action, queryset=ITEMS, code=code)


def _fresh(item: InfoItem) -> InfoItem:
    return ITEMS.get(pk=item.pk)


@router.get("/info-items/inbox", response=InboxPage)
def inbox(request: HttpRequest, category: str = "", limit: int = 50, offset: int = 0) -> InboxPage:
    """The 信息科's inbox (submitted and being edited; urgent and 舆情 first, then oldest first)."""
    user = actor(request)
    if not has_perm(user, EDIT):
        raise PermissionDenied
    if category:
        check_choice(category, InfoItem.Category, _("类别"))
    limit, offset = page_window(limit, offset)
    rows = [
        InboxRow(
            code=i.code,
            title=i.title,
            unit=i.unit.name,
            category=i.category,
            status=i.status,
            submitted_at=local(i.submitted_at),
            similar_flags=getattr(i, "flags", 0),
        )
        for i in selectors.inbox(user, category)[offset : offset + limit]
    ]
    return InboxPage(count=selectors.waiting(user, category).count(), items=rows)


@router.get("/info-rankings", response=Ranking)
def ranking(request: HttpRequest, period: str = "year", year: int = 0, n: int = 1, by: str = "unit") -> Ranking:
    """Points, submitted and adopted counts and the adoption rate per unit (`by=unit`) or information officer
    (`by=author`) in a month (`n` 1–12), quarter (`n` 1–4) or year."""
    if not has_perm(actor(request), VIEW_ALL):
        raise PermissionDenied
    if by not in ("unit", "author"):
        raise ValidationError(_("by 应为 unit（按单位）或 author（按信息员）。"))
    window = selectors.window(period, year or timezone.localdate().year, n)
    rows = [
        RankingRow(
            name=r["name"], points=r["points"], submitted=r["submitted"], adopted=r["adopted"], rate=round(r["rate"], 4)
        )
        for r in selectors.ranking(window, by)
    ]
    return Ranking(period=window.label, by=by, rows=rows)


@router.post("/info-items", response={201: InfoItemOut})
def create_item(request: HttpRequest, payload: InfoItemIn) -> Status[InfoItemOut]:
    """A draft (草稿) of the caller's unit. `category`: news 动态 / experience 经验做法 / problem 问题建议 /
    urgent 紧急信息 / opinion 舆情; `must_report_type` one of the configured 必报 types (by name)."""
    user = actor(request)
    item = services.item_create(
        actor=user,
        title=payload.title,
        body=payload.body,
        category=payload.category,
        must_report_type=services.must_report_type_named(payload.must_report_type),
        event_time=payload.event_time,
    )
    return Status(201, item_out(_fresh(item)))


@router.get("/info-items/{code}", response=InfoItemOut)
def get_item(request: HttpRequest, code: str) -> InfoItemOut:
    """One item with its points and their breakdown (every point explained: which rule, which adoption or 批示)."""
    return item_out(_item(request, code))


@router.post("/info-items/{code}/submit", response=InfoItemOut)
def submit_item(request: HttpRequest, code: str) -> InfoItemOut:
    item = services.item_submit(actor=actor(request), item=_item(request, code))
    return item_out(_fresh(item))


@router.post("/info-items/{code}/adoptions", response={201: InfoItemOut})
def adopt_item(request: HttpRequest, code: str, payload: AdoptionIn) -> Status[InfoItemOut]:
    """采用 at `level` county 县委办刊物 / city 市委办 / province 省委办 / central 中办, in the named periodical."""
    item = _item(request, code)
    services.item_adopt(actor=actor(request), item=item, level=payload.level, periodical=payload.periodical)
    return Status(201, item_out(_fresh(item)))


@router.post("/info-items/{code}/instructions", response={201: InfoItemOut})
def instruct_item(request: HttpRequest, code: str, payload: InstructionIn) -> Status[InfoItemOut]:
    """A leader's 批示 (`level` as for adoptions), which adds the points of its level."""
    item = _item(request, code)
    services.item_instruct(
        actor=actor(request), item=item, level=payload.level, leader=payload.leader, text=payload.text
    )
    return Status(201, item_out(_fresh(item)))


def event_out(event: UrgentEvent) -> UrgentEventOut:
    deadlines = list(event.deadlines.select_related("met_by").order_by("due_at", "id"))
    late_reports = {d.met_by_id for d in deadlines if d.met_by_id and d.late}
    first = {(d.kind, d.channel): d for d in deadlines if d.kind == UrgentReport.Kind.INITIAL}
    phone = first.get((UrgentReport.Kind.INITIAL, UrgentReport.Channel.PHONE))
    written = first[(UrgentReport.Kind.INITIAL, UrgentReport.Channel.WRITTEN)]
    pending = [d for d in deadlines if d.met_by_id is None]
    return UrgentEventOut(
        code=event.code,
        title=event.title,
        level=event.level,
        level_label=event.get_level_display(),
        occurred_at=local(event.occurred_at),
        place=event.place,
        summary=event.summary,
        phone_due=local(phone.due_at) if phone else None,
        written_due=local(written.due_at),
        closed_at=local(event.closed_at),
        reports=[
            ReportOut(kind=r.kind, channel=r.channel, sent_at=local(r.sent_at), text=r.text, late=r.pk in late_reports)
            for r in event.reports.all()
        ],
        deadlines=[
            DeadlineOut(
                kind=d.kind,
                channel=d.channel,
                due_at=local(d.due_at),
                met_at=local(d.met_by.sent_at) if d.met_by else None,
                late=d.late,
            )
            for d in deadlines
        ],
        next_due=local(pending[0].due_at) if pending and event.closed_at is None else None,
    )


def _event(request: HttpRequest, code: str, action: str = "view") -> UrgentEvent:
    return get_for_user(event_policy, actor(request), action, code=code)


@router.post("/urgent-events", response={201: UrgentEventOut})
def create_event(request: HttpRequest, payload: UrgentEventIn) -> Status[UrgentEventOut]:
    """Register an urgent event. `level`: especially_major 特别重大 / major 重大 / large 较大 / general 一般; the
    answer carries `phone_due` and `written_due` (county time, +08:00), counted from `occurred_at`."""
    event = urgent.event_create(
        actor=actor(request),
        title=payload.title,
        level=payload.level,
        occurred_at=payload.occurred_at,
        place=payload.place,
        summary=payload.summary,
    )
    return Status(201, event_out(event))


@router.get("/urgent-events/{code}", response=UrgentEventOut)
def get_event(request: HttpRequest, code: str) -> UrgentEventOut:
    """Every report and every deadline, each with `late` (stored the moment its limit passed)."""
    event = _event(request, code)
    urgent.mark_late(now=timezone.now(), events=[event])
    return event_out(event)


@router.post("/urgent-events/{code}/reports", response={201: UrgentEventOut})
def add_report(request: HttpRequest, code: str, payload: UrgentReportIn) -> Status[UrgentEventOut]:
    """A report: `kind` initial 首报 / follow_up 续报 / final 终报, `channel` phone / written. A written report must
    carry every required element as "要素：内容" (the missing ones are named in the 400)."""
    event = _event(request, code)
    urgent.report_add(
        actor=actor(request),
        event=event,
        kind=payload.kind,
        channel=payload.channel,
        sent_at=payload.sent_at,
        text=payload.text,
    )
    event.refresh_from_db()
    return Status(201, event_out(event))
