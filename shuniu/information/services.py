"""Writes of 信息报送 items: create, edit (a kept version), the declared transitions, adoptions and 批示 with their
points. Every text and file passes the guard here, whatever the entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.choices import check_choice
from shuniu.core.configs import update_config
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.sequences import next_number
from shuniu.core.system import person
from shuniu.information import tallies
from shuniu.information.models import (
    POINT_SOURCES,
    Adoption,
    InfoAttachment,
    InfoItem,
    InformationConfig,
    InfoVersion,
    Instruction,
    Level,
    MustReportType,
)
from shuniu.information.policies import item_policy
from shuniu.information.transitions import INFO_FLOW, ITEM_FIELDS

WHERE = "information.item"
MAX_ATTACHMENTS = 10


def _guard(actor: Any, **texts: str | None) -> None:
    refuse_marked(list(texts.items()), user=actor, where=WHERE)


def _check_texts(title: str, body: str) -> None:
    if not title.strip():
        raise ValidationError(_("请填写标题。"))
    if not body.strip():
        raise ValidationError(_("请填写正文。"))
    if len(title) > 200:
        raise ValidationError(_("标题不能超过200字。"))


def _check_category(category: str) -> None:
    check_choice(category, InfoItem.Category, _("类别"))


def must_report_type_named(name: str) -> MustReportType | None:
    if not name:
        return None
    found = MustReportType.objects.filter(name=name, is_active=True).first()
    if found is None:
        names = "、".join(MustReportType.objects.filter(is_active=True).values_list("name", flat=True))
        raise ValidationError(_("没有名为“%(n)s”的必报类型（可选：%(all)s）。") % {"n": name[:40], "all": names})
    return found


def item_create(
    *,
    actor: Any,
    title: str,
    body: str,
    category: str = InfoItem.Category.NEWS,
    must_report_type: MustReportType | None = None,
    event_time: dt.datetime | None = None,
    commission: Any = None,
    files: Iterable[Any] = (),
) -> InfoItem:
    """A draft of the actor's unit (草稿)."""
    authorize(item_policy, actor, "create")
    if getattr(actor, "unit_id", None) is None:
        raise ValidationError(_("您的账户未归属任何单位，不能报送信息。"))
    files = list(files)
    _guard(actor, 标题=title, 正文=body)
    for upload in files:
        check_upload(upload, user=actor, where=WHERE)
    _check_texts(title, body)
    _check_category(category)
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(_("附件最多%(n)s个。") % {"n": MAX_ATTACHMENTS})
    if commission is not None and not commission.units.filter(pk=actor.unit_id).exists():
        raise ValidationError(_("本单位不在该约稿的约稿单位之中。"))
    with transaction.atomic():
        year = timezone.localdate().year
        item = InfoItem.objects.create(
            code=f"XX-{year}-{next_number(f'XX-{year}'):05d}",
            title=title.strip(),
            body=body.strip(),
            unit_id=actor.unit_id,
            author=person(actor),
            category=category,
            must_report_type=must_report_type,
            event_time=event_time,
            commission=commission,
        )
        for upload in files:
            InfoAttachment.objects.create(item=item, file=upload, name=(upload.name or "")[:200])
        audit.record(actor=actor, action="create", obj=item, changes=audit.diff({}, audit.snapshot(item, ITEM_FIELDS)))
    return item


def _keep_version(item: InfoItem, actor: Any) -> InfoVersion:
    number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return InfoVersion.objects.create(item=item, number=number, title=item.title, body=item.body, editor=person(actor))


def item_edit(
    *,
    actor: Any,
    item: InfoItem,
    title: str,
    body: str,
    category: str | None = None,
    must_report_type: MustReportType | None = None,
    event_time: dt.datetime | None = None,
) -> InfoItem:
    """The unit edits its draft (or a returned item); once submitted the 信息科 edits, each edit a kept version (the
    submitter then reads the edited text), and the item moves to 编辑中."""
    status = InfoItem.Status

    def validate(i: InfoItem) -> None:
        _check_texts(title, body)
        if category is not None:
            _check_category(category)

    def apply(i: InfoItem) -> list[str]:
        i.title, i.body = title.strip(), body.strip()
        fields = ["title", "body"]
        if category is not None:
            i.category, i.must_report_type, i.event_time = category, must_report_type, event_time
            fields += ["category", "must_report_type", "event_time"]
        if i.status == status.SUBMITTED:
            i.status = status.EDITING
            fields.append("status")
        return fields

    def after(i: InfoItem) -> None:
        if i.status == status.EDITING:
            _keep_version(i, actor)

    INFO_FLOW.run(
        "edit", actor=actor, obj=item, texts={"title": title, "body": body}, validate=validate, apply=apply, after=after
    )
    return item


def item_submit(*, actor: Any, item: InfoItem, reason: str = "") -> InfoItem:
    """报送: the submitter's text becomes a kept version; the fabrication guard compares it (flags for the editor)."""
    from shuniu.information.similar import flag_similar

    before: list[dt.datetime | None] = []

    def apply(i: InfoItem) -> list[str]:
        before.append(i.submitted_at)  # a resubmitted item leaves its old month's tally
        i.submitted_at = timezone.now()
        i.status_reason = ""
        return ["submitted_at", "status_reason"]

    def after(i: InfoItem) -> None:
        _keep_version(i, actor)
        flag_similar(i)
        tallies.touch(i.unit_id, i.author_id, [*before, i.submitted_at])

    INFO_FLOW.run("submit", actor=actor, obj=item, reason=reason, apply=apply, after=after)
    return item


def item_start_edit(*, actor: Any, item: InfoItem, reason: str = "") -> InfoItem:
    INFO_FLOW.run("start_edit", actor=actor, obj=item, reason=reason)
    return item


def item_return(*, actor: Any, item: InfoItem, reason: str) -> InfoItem:
    INFO_FLOW.run("return", actor=actor, obj=item, reason=reason, apply=lambda i: _reason(i, reason))
    return item


def item_archive(*, actor: Any, item: InfoItem, reason: str) -> InfoItem:
    INFO_FLOW.run("archive", actor=actor, obj=item, reason=reason, apply=lambda i: _reason(i, reason))
    return item


def _reason(item: InfoItem, reason: str) -> list[str]:
    item.status_reason = reason[:300]
    return ["status_reason"]


def _check_level(level: str) -> None:
    check_choice(level, Level, _("层级"))


def _scored(
    name: str, *, actor: Any, item: InfoItem, reason: str, texts: dict[str, str], check: Any, entry: Any
) -> Any:
    """An adoption or a 批示: `check()` validates, `entry(item)` builds the row with its points (from the rules in
    force now, kept with it); the item's total is recounted from its rows under the workflow's row lock."""
    created: list[Any] = []

    def apply(i: InfoItem) -> list[str]:
        row = entry(i)
        row.save()
        created.append(row)
        i.points = sum(
            int(m._default_manager.filter(item=i).aggregate(p=Sum("points"))["p"] or 0) for m in POINT_SOURCES
        )
        return ["points"]

    def after(i: InfoItem) -> None:
        row = created[0]
        tallies.touch(i.unit_id, i.author_id, [i.submitted_at, getattr(row, row.moment_field)])

    INFO_FLOW.run(
        name, actor=actor, obj=item, reason=reason, texts=texts, validate=lambda _i: check(), apply=apply, after=after
    )
    return created[0]


def item_adopt(*, actor: Any, item: InfoItem, level: str, periodical: str, reason: str = "") -> Adoption:
    """采用 at a level in a named periodical."""

    def check() -> None:
        _check_level(level)
        if not periodical.strip():
            raise ValidationError(_("请填写采用刊物。"))

    def entry(i: InfoItem) -> Adoption:
        points = InformationConfig.current().adoption_points(level)
        return Adoption(
            item=i,
            unit_id=i.unit_id,
            author_id=i.author_id,
            level=level,
            periodical=periodical.strip()[:60],
            points=points,
            rule=_("%(level)s采用 %(p)s 分") % {"level": Level(level).label, "p": points},
            adopted_at=timezone.now(),
            by=person(actor),
        )

    texts = {"periodical": periodical}
    return _scored("adopt", actor=actor, item=item, reason=reason, texts=texts, check=check, entry=entry)


def item_instruct(*, actor: Any, item: InfoItem, level: str, leader: str, text: str, reason: str = "") -> Instruction:
    """A leader's 批示 on the item, with the points of its level."""

    def check() -> None:
        _check_level(level)
        if not leader.strip() or not text.strip():
            raise ValidationError(_("请填写批示领导和批示内容。"))

    def entry(i: InfoItem) -> Instruction:
        points = InformationConfig.current().instruction_points(level)
        return Instruction(
            item=i,
            unit_id=i.unit_id,
            author_id=i.author_id,
            level=level,
            leader=leader.strip()[:50],
            text=text.strip(),
            points=points,
            rule=_("%(level)s层级领导批示 +%(p)s 分") % {"level": Level(level).label, "p": points},
            created_at=timezone.now(),
            by=person(actor),
        )

    texts = {"leader": leader, "text": text}
    return _scored("instruct", actor=actor, item=item, reason=reason, texts=texts, check=check, entry=entry)


def points_breakdown(item: InfoItem) -> list[dict[str, Any]]:
    """Every point on the item, explained: which rule, which adoption or 批示."""
    rows: list[dict[str, Any]] = [
        {"source": "adoption", "level": a.level, "periodical": a.periodical, "points": a.points, "rule": a.rule}
        for a in item.adoptions.all()
    ]
    rows += [
        {"source": "instruction", "level": i.level, "leader": i.leader, "points": i.points, "rule": i.rule}
        for i in item.instructions.all()
    ]
    return rows


def config_update(*, actor: Any, **values: Any) -> InformationConfig:
    """The 信息科's rules (points, the 2024 switch, 续报 slots): every change audited with its old and new values."""
    return update_config(InformationConfig, actor=actor, perm="information.change_informationconfig", values=values)
