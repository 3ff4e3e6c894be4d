"""Periodicals (《信息快报》《每日要情》): an issue is compiled from adopted items in the editor's order, numbered
at issue (2026年第N期, gap-free per periodical and year, `core.sequences.next_value` inside the issuing
transaction), frozen (the texts as printed are kept on the issue, so later edits of an item never change it) and
rendered to .docx in the GB/T 9704 layout with its red masthead. Re-issuing makes a numbered correction (the same
期号, 更正1, 更正2 …) and leaves the original as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.information.models import InfoItem, InformationConfig, IssueEntry, Periodical, PeriodicalIssue
from shuniu.information.policies import issue_policy

MAX_ITEMS = 200


def _authorize(actor: Any) -> None:
    if not issue_policy.can(actor, "compile"):
        raise PermissionDenied


def _items(codes: Sequence[str]) -> list[InfoItem]:
    if not codes:
        raise ValidationError(_("请至少选择一条已采用的信息。"))
    if len(codes) > MAX_ITEMS or len(set(codes)) != len(codes):
        raise ValidationError(_("所选信息重复或超过%(n)s条。") % {"n": MAX_ITEMS})
    found = {i.code: i for i in InfoItem.objects.filter(code__in=codes).select_related("unit")}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(_("没有这些信息：%(c)s") % {"c": "、".join(missing[:5])})
    not_adopted = [c for c in codes if found[c].status != InfoItem.Status.ADOPTED]
    if not_adopted:
        raise ValidationError(_("只有已采用的信息才能编入刊物：%(c)s") % {"c": "、".join(not_adopted[:5])})
    return [found[c] for c in codes]


def issue_compile(
    *, actor: Any, periodical: Periodical, codes: Sequence[str], issue: PeriodicalIssue | None = None
) -> PeriodicalIssue:
    """Create (or re-order) a draft issue from adopted items, in the given order."""
    _authorize(actor)
    items = _items(list(codes))
    with transaction.atomic():
        if issue is None:
            issue = PeriodicalIssue.objects.create(
                periodical=periodical, year=timezone.localdate().year, created_by=person(actor)
            )
        elif issue.status != PeriodicalIssue.Status.DRAFT:
            raise ValidationError(_("已印发的期次不能再编排；如需更正请重新印发。"))
        issue.entries.all().delete()
        IssueEntry.objects.bulk_create(
            [IssueEntry(issue=issue, item=item, position=n) for n, item in enumerate(items, 1)]
        )
        audit.record(actor=actor, action="compile", obj=issue, changes={"items": [None, [i.code for i in items]]})
    return issue


def _frozen(issue: PeriodicalIssue) -> list[dict[str, str]]:
    return [
        {"code": e.item.code, "title": e.item.title, "body": e.item.body, "unit": e.item.unit.name}
        for e in issue.entries.select_related("item__unit").order_by("position", "id")
    ]


def issue_docx(issue: PeriodicalIssue) -> bytes:
    """The issue as printed: red masthead (the periodical's name), 期号, issuer and date, a red rule, then each item's
    title and text and its unit in brackets."""
    doc = OfficialDocument()
    issued = timezone.localdate(issue.issued_at) if issue.issued_at else timezone.localdate()
    doc.masthead(issue.periodical.name, issue.label, InformationConfig.current().issuer, date_cn(issued))
    for n, entry in enumerate(issue.frozen, 1):
        doc.heading(f"{n}. {entry['title']}")
        for paragraph in [p for p in entry["body"].splitlines() if p.strip()]:
            doc.para(paragraph.strip())
        doc.para(f"（{entry['unit']}）", align_right=True)
        doc.blank()
    return doc.to_bytes()


def issue_publish(*, actor: Any, issue: PeriodicalIssue, now: dt.datetime | None = None) -> PeriodicalIssue:
    """印发: take the next 期号 of the year it is issued in, freeze the texts, render the .docx; one transaction."""
    now = now or timezone.now()
    _authorize(actor)
    with transaction.atomic():
        issue = PeriodicalIssue.objects.select_for_update().select_related("periodical").get(pk=issue.pk)
        if issue.status != PeriodicalIssue.Status.DRAFT:
            raise ValidationError(_("该期已印发。"))
        if not issue.entries.exists():
            raise ValidationError(_("该期还没有编入信息。"))
        issue.year = timezone.localdate(now).year
        issue.number = next_value(f"KW-{issue.periodical_id}-{issue.year}")
        issue.frozen = _frozen(issue)
        issue.status, issue.issued_at = PeriodicalIssue.Status.ISSUED, now
        issue.docx.save(
            f"{issue.periodical.name}-{issue.year}-{issue.number}.docx", ContentFile(issue_docx(issue)), save=False
        )
        issue.save()
        audit.record(actor=actor, action="issue", obj=issue, changes={"number": [None, issue.number]})
    return issue


def issue_reissue(*, actor: Any, issue: PeriodicalIssue, reason: str) -> PeriodicalIssue:
    """A numbered correction of an issued issue: the same 期号 with 更正N, today's texts, the original kept."""
    from shuniu.core.guard import refuse_marked

    _authorize(actor)
    refuse_marked([(_("更正理由"), reason)], user=actor, where="information.issue")
    if issue.status != PeriodicalIssue.Status.ISSUED:
        raise ValidationError(_("只有已印发的期次才能更正重发。"))
    if not reason.strip():
        raise ValidationError(_("请填写更正理由。"))
    with transaction.atomic():
        latest = (
            PeriodicalIssue.objects.filter(periodical=issue.periodical, year=issue.year, number=issue.number).aggregate(
                m=Max("correction")
            )["m"]
            or 0
        )
        fresh = PeriodicalIssue.objects.create(
            periodical=issue.periodical,
            year=issue.year,
            number=issue.number,
            correction=latest + 1,
            corrects=issue,
            status=PeriodicalIssue.Status.ISSUED,
            issued_at=timezone.now(),
            created_by=person(actor),
        )
        IssueEntry.objects.bulk_create(
            [IssueEntry(issue=fresh, item_id=e.item_id, position=e.position) for e in issue.entries.all()]
        )
        fresh.frozen = _frozen(fresh)
        fresh.docx.save(
            f"{issue.periodical.name}-{issue.year}-{issue.number}-更正{fresh.correction}.docx",
            ContentFile(issue_docx(fresh)),
            save=False,
        )
        fresh.save()
        audit.record(
            actor=actor, action="reissue", obj=fresh, changes={"corrects": [None, issue.pk], "reason": [None, reason]}
        )
    return fresh
