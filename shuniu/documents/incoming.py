"""Writes of 收文 (条例 第二十四条): receive or 签收, 登记 (收文号 per unit and year, the time limit by urgency), 初审
退回, 阅知分发 (传阅), 拟办送批, 阅毕, 催办 (at most once a day per document), 办结, 归档; each step's clock kept in
`Step`. The leader's 批示 is in instructions.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.choices import check_choice
from shuniu.core.guard import refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.core.todos import todo_key
from shuniu.core.workdays import add_workdays, check_date, workdays_between
from shuniu.documents.models import Circulation, DocType, DocumentConfig, Incoming, Outgoing, Step
from shuniu.documents.outgoing import urgency_code
from shuniu.documents.policies import incoming_policy, organ_id
from shuniu.documents.terms import terms
from shuniu.documents.transitions import INCOMING_FLOW
from shuniu.notifications.services import notify
from shuniu.org.selectors import is_leader

WHERE = "documents.incoming"
I = Incoming.Status  # noqa: E741


def _code() -> str:
    year = timezone.localdate().year
    return f"SW-{year}-{next_value(f'incoming:{year}'):06d}"


def _open_step(incoming: Incoming, actor: Any, at: dt.datetime | None = None) -> None:
    """Close the running step and start the one of the document's present state."""
    at = at or timezone.now()
    Step.objects.filter(incoming=incoming, ended_at__isnull=True).update(ended_at=at)
    if incoming.status not in (I.ARCHIVED,):
        Step.objects.create(incoming=incoming, name=incoming.status, started_at=at, actor=person(actor))
    Incoming.objects.filter(pk=incoming.pk).update(step_started_at=at)
    incoming.step_started_at = at


def incoming_receive(
    *,
    actor: Any,
    title: str,
    source_org: str,
    source_doc_number: str = "",
    doc_type: str = "",
    urgency: str = "",
    copies: int = 1,
    received_at: dt.datetime | None = None,
    unit: Any = None,
    now: dt.datetime | None = None,
) -> Incoming:
    """签收 of a paper or e-mailed document from outside Shuniu: the count and the time, for the actor's unit."""
    authorize(incoming_policy, actor, "create")
    title, source_org = (title or "").strip(), (source_org or "").strip()
    if not title or not source_org:
        raise ValidationError(_("请填写标题和来文单位。"), code="required")
    if len(title) > 200 or len(source_org) > 100 or len(source_doc_number or "") > 60:
        raise ValidationError(_("标题不超过200字，来文单位不超过100字，来文字号不超过60字。"), code="length")
    if doc_type:
        check_choice(doc_type, DocType, _("文种"))
    urgency = urgency_code(urgency)
    if not 1 <= int(copies) <= 9999:
        raise ValidationError(_("份数应在 1 至 9999 之间。"), code="copies")
    current = now or timezone.now()  # a demo loaded "on" another day passes its own now
    when = received_at or current
    check_date(timezone.localtime(when).date())
    if when > current + dt.timedelta(minutes=5):
        raise ValidationError(_("签收时间不能晚于现在。"), code="received_at")
    refuse_marked(
        [(_("标题"), title), (_("来文单位"), source_org), (_("来文字号"), source_doc_number)], user=actor, where=WHERE
    )
    if unit is None:
        from shuniu.org.models import Unit

        organ = organ_id(actor)
        if organ is None:
            raise ValidationError(_("账号未归属单位，不能签收来文。"), code="unit")
        unit = Unit.objects.get(pk=organ)  # the organ receives, not the section
    with transaction.atomic():
        incoming = Incoming.objects.create(
            code=_code(),
            unit=unit,
            title=title,
            source_org=source_org,
            source_doc_number=(source_doc_number or "").strip(),
            doc_type=doc_type,
            urgency=urgency,
            copies=copies,
            status=I.RECEIVED,
            received_at=when,
            received_by=person(actor),
            terms=terms(title, source_org),
        )
        _open_step(incoming, actor, when)
        audit.record(
            actor=actor,
            action="receive",
            obj=incoming,
            object_repr=incoming.code,
            changes={"title": [None, title], "source_org": [None, source_org], "copies": [None, copies]},
        )
    return incoming


def deliver(*, actor: Any, outgoing: Outgoing) -> list[Any]:
    """分发 inside Shuniu: one incoming record per recipient unit, waiting for its 签收 (called by 分发)."""
    units = list(outgoing.recipients.all())
    issuer = outgoing.prefix.issuer
    for unit in units:
        incoming = Incoming.objects.create(
            code=_code(),
            unit=unit,
            title=outgoing.title,
            source_org=issuer,
            source_doc_number=outgoing.doc_number,
            source_outgoing=outgoing,
            doc_type=outgoing.doc_type,
            urgency=outgoing.urgency,
            copies=1,
            status=I.PENDING,
            terms=terms(outgoing.title, issuer),
        )
        _open_step(incoming, actor)
    handlers = (
        get_user_model()
        .objects.filter(unit__in=units, is_active=True, groups__permissions__codename="handle_incoming")
        .distinct()
    )
    notify(
        recipients=list(handlers),
        title=_("请签收：%(t)s") % {"t": outgoing.title[:60]},
        body=_("%(o)s 发来 %(n)s，请签收。") % {"o": issuer, "n": outgoing.doc_number},
        url="/documents/incoming/?status=pending",
        level="warning" if outgoing.urgency else "info",
    )
    return units


def _run(name: str, *, actor: Any, incoming: Incoming, reason: str = "", **kwargs: Any) -> Incoming:
    """A transition that moves the document on also moves its step clock."""
    after = kwargs.pop("after", None)

    def moved(o: Incoming) -> None:
        if after is not None:
            after(o)
        if INCOMING_FLOW.get(name).target is not None:
            _open_step(o, actor)

    return INCOMING_FLOW.run(name, actor=actor, obj=incoming, reason=reason, after=moved, **kwargs)


def incoming_sign(*, actor: Any, incoming: Incoming, copies: int | None = None, reason: str = "") -> Incoming:
    """签收 of a document another unit distributed inside Shuniu: the count and the time."""

    def apply(o: Incoming) -> list[str]:
        o.received_at, o.received_by = timezone.now(), person(actor)
        if copies:
            o.copies = copies
        return ["received_at", "received_by", "copies"]

    return _run("sign", actor=actor, incoming=incoming, apply=apply)


def incoming_register(*, actor: Any, incoming: Incoming, reason: str = "") -> Incoming:
    """登记: the next 收文号 of the unit and year, and the time limit in working days by urgency."""

    def apply(o: Incoming) -> list[str]:
        config = DocumentConfig.current()
        received = timezone.localtime(o.received_at or timezone.now()).date()
        o.year = received.year
        o.receipt_seq = next_value(f"receipt:{o.unit_id}:{o.year}")
        o.receipt_number = f"{config.receipt_prefix}〔{o.year}〕{o.receipt_seq}号"
        o.registered_at = timezone.now()
        o.due_date = add_workdays(received, config.limit_for(o.urgency))
        return ["year", "receipt_seq", "receipt_number", "registered_at", "due_date"]

    return _run("register", actor=actor, incoming=incoming, apply=apply)


def incoming_return(*, actor: Any, incoming: Incoming, reason: str) -> Incoming:
    """初审退回: a document that does not comply goes back with the reasons (to the sending unit when it is inside)."""

    def apply(o: Incoming) -> list[str]:
        o.status_reason = reason[:500]
        return ["status_reason"]

    def tell(o: Incoming) -> None:
        source = o.source_outgoing
        if source is not None:
            notify(
                recipients=[source.drafter],
                title=_("来文被退回：%(t)s") % {"t": o.title[:60]},
                body=_("%(u)s 初审退回：%(r)s") % {"u": o.unit.name, "r": reason[:200]},
                url=source.get_absolute_url(),
                level="warning",
            )

    return _run("return", actor=actor, incoming=incoming, reason=reason, apply=apply, after=tell)


def _readers(actor: Any, incoming: Incoming, readers: Iterable[Any]) -> list[Any]:
    people = [r for r in readers if r is not None]
    if not people:
        raise ValidationError(_("请选择传阅人。"), code="readers")
    inactive = [r for r in people if not r.is_active]
    if inactive:
        raise ValidationError(_("账号已停用：%(n)s") % {"n": "、".join(r.real_name for r in inactive)}, code="readers")
    return people


def _circulate(actor: Any, incoming: Incoming, readers: list[Any]) -> list[str]:
    now = timezone.now()
    have = set(Circulation.objects.filter(incoming=incoming).values_list("reader_id", flat=True))
    new = [r for r in readers if r.pk not in have]
    Circulation.objects.bulk_create([Circulation(incoming=incoming, reader=r, sent_by=actor, sent_at=now) for r in new])
    notify(
        recipients=new,
        title=_("请阅：%(t)s") % {"t": incoming.title[:60]},
        body=_("%(n)s 送您阅知。") % {"n": incoming.receipt_number},
        url=incoming.get_absolute_url(),
        todo_key=todo_key(incoming, "unread"),
    )
    return [r.real_name or r.username for r in new]


def incoming_distribute(*, actor: Any, incoming: Incoming, readers: Iterable[Any], reason: str = "") -> Incoming:
    """阅知: the document goes round the readers (传阅), each marks it read."""
    people = _readers(actor, incoming, readers)

    def apply(o: Incoming) -> list[str]:
        o.mode = Incoming.Mode.READ
        return ["mode"]

    return _run(
        "distribute",
        actor=actor,
        incoming=incoming,
        reason=reason,
        apply=apply,
        related=lambda o: {"readers": [None, _circulate(actor, o, people)]},
    )


def incoming_circulate(*, actor: Any, incoming: Incoming, readers: Iterable[Any]) -> Incoming:
    """More readers for a document in 传阅 or 承办."""
    authorize(incoming_policy, actor, "handle", incoming)
    if incoming.status not in (I.READING, I.HANDLING):
        raise ValidationError(_("只有传阅中或承办中的收文可以增加传阅人。"), code="bad_status")
    people = _readers(actor, incoming, readers)
    with transaction.atomic():
        names = _circulate(actor, incoming, people)
        audit.record(
            actor=actor, action="circulate", obj=incoming, object_repr=incoming.code, changes={"readers": [None, names]}
        )
    return incoming


def incoming_propose(*, actor: Any, incoming: Incoming, proposal: str, leader: Any, reason: str = "") -> Incoming:
    """批办: the office's 拟办意见 and the leader who is to give his 批示."""
    proposal = (proposal or "").strip()
    if not proposal:
        raise ValidationError(_("请填写拟办意见。"), code="proposal")
    if len(proposal) > 2000:
        raise ValidationError(_("拟办意见不超过 2000 字。"), code="proposal")
    if leader is None or not is_leader(leader):
        raise ValidationError(_("请选择批示领导（县领导或办公室主任）。"), code="leader")

    def apply(o: Incoming) -> list[str]:
        o.mode, o.proposal, o.leader = Incoming.Mode.HANDLE, proposal, leader
        return ["mode", "proposal", "leader"]

    def tell(o: Incoming) -> None:
        notify(
            recipients=[leader],
            title=_("请批示：%(t)s") % {"t": o.title[:60]},
            body=_("拟办意见：%(p)s") % {"p": proposal[:200]},
            url=o.get_absolute_url(),
            level="warning" if o.urgency else "info",
            todo_key=todo_key(o, I.PROPOSED),
        )

    return _run(
        "propose", actor=actor, incoming=incoming, reason=reason, texts={"拟办意见": proposal}, apply=apply, after=tell
    )


def incoming_read(*, actor: Any, incoming: Incoming, reason: str = "") -> Incoming:
    """阅毕, with the reader's opinion (optional)."""

    def mark(o: Incoming) -> None:
        Circulation.objects.filter(incoming=o, reader=actor, read_at__isnull=True).update(
            read_at=timezone.now(), opinion=reason[:300]
        )

    return _run("read", actor=actor, incoming=incoming, reason=reason, after=mark)


def incoming_urge(*, actor: Any, incoming: Incoming, reason: str = "") -> Incoming:
    """催办: a notice now to whoever holds it unread, the leader asked for his 批示, or the lead unit's handlers;
    at most once a day per document (the same rule as the daily reminders)."""
    today = timezone.localdate()
    key = f"incoming:{incoming.code}:urge:{today.isoformat()}"
    from shuniu.notifications.models import Notification

    if Notification.objects.filter(dedupe_key=key).exists():
        raise ValidationError(_("今天已催办过该收文，请明天再催。"), code="rate_limited")
    if incoming.status == I.PROPOSED:
        targets: list[Any] = [incoming.leader]
    else:
        unread = Circulation.objects.filter(incoming=incoming, read_at__isnull=True).select_related("reader")
        targets = [c.reader for c in unread]
        if incoming.lead_unit_id:
            targets += list(
                get_user_model()
                .objects.filter(
                    unit=incoming.lead_unit, is_active=True, groups__permissions__codename="handle_incoming"
                )
                .distinct()
            )
    if not targets:
        raise ValidationError(_("没有需要催办的人：传阅人均已阅毕。"), code="nobody")

    def tell(o: Incoming) -> None:
        notify(
            recipients=targets,
            title=_("催办：%(t)s") % {"t": o.title[:60]},
            body=_("%(n)s 办理时限 %(d)s，请抓紧办理。") % {"n": o.receipt_number, "d": o.due_date or ""},
            url=o.get_absolute_url(),
            level="warning",
            dedupe_key=key,
        )
        Circulation.objects.filter(incoming=o, read_at__isnull=True).update(reminded_at=timezone.now())

    return _run("urge", actor=actor, incoming=incoming, after=tell, related=lambda o: {"urged": [None, len(targets)]})


def incoming_close(*, actor: Any, incoming: Incoming, reason: str) -> Incoming:
    """办结 with the result (答复)."""

    def apply(o: Incoming) -> list[str]:
        o.result, o.closed_at = reason[:5000], timezone.now()
        return ["result", "closed_at"]

    return _run("close", actor=actor, incoming=incoming, reason=reason, apply=apply)


def incoming_archive(*, actor: Any, incoming: Incoming, reason: str = "") -> Incoming:
    def apply(o: Incoming) -> list[str]:
        o.archived_at = timezone.now()
        return ["archived_at"]

    return _run("archive", actor=actor, incoming=incoming, apply=apply)


def step_clock(incoming: Incoming, steps: list[Step], today: dt.date | None = None) -> list[dict[str, Any]]:
    """Each step with its elapsed working days, and the document's total against the urgency's limit."""
    today = today or timezone.localdate()
    limit = DocumentConfig.current().limit_for(incoming.urgency)
    out = []
    for step in steps:
        start = timezone.localtime(step.started_at).date()
        end = timezone.localtime(step.ended_at).date() if step.ended_at else today
        out.append(
            {"step": step, "days": max(workdays_between(start, end), 0), "limit": limit, "open": step.ended_at is None}
        )
    return out


def elapsed(incoming: Incoming, today: dt.date | None = None) -> int:
    """Working days since it was received (to its 办结 when closed)."""
    if incoming.received_at is None:
        return 0
    start = timezone.localtime(incoming.received_at).date()
    end = timezone.localtime(incoming.closed_at).date() if incoming.closed_at else (today or timezone.localdate())
    return max(workdays_between(start, end), 0)
