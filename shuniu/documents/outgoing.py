"""Writes of 发文 (SPEC §6): create (a 文号 is never typed: it is given at 编号), edit (each change of the title or
body a kept version; refused once signed — it goes back to the signer first), and the steps of OUTGOING_FLOW with
their opinions on the 发文稿纸. The check before 签发 (check.py) blocks the 核稿 and the signature."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.audit import services as audit
from shuniu.core.access import authorize, unit_ids
from shuniu.core.choices import check_choice
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.documents import check, numbers
from shuniu.documents.models import (
    Attachment,
    Direction,
    DocPrefix,
    DocType,
    Opinion,
    Outgoing,
    OutgoingVersion,
    Urgency,
)
from shuniu.documents.policies import outgoing_policy
from shuniu.documents.terms import terms
from shuniu.documents.transitions import OUTGOING_EDITABLE, OUTGOING_FLOW

WHERE = "documents.outgoing"
O = Outgoing.Status  # noqa: E741
URGENCY_WORDS = {"特急": Urgency.EXTRA, "加急": Urgency.EXPEDITED, "": Urgency.NONE, "无": Urgency.NONE}
LIMITS = {"title": 200, "main_recipients": 500, "cc": 500, "note": 200, "body": 100_000, "attachments_note": 2000}
TEXT_LABELS = {
    "title": gettext_lazy("标题"),
    "body": gettext_lazy("正文"),
    "main_recipients": gettext_lazy("主送机关"),
    "cc": gettext_lazy("抄送机关"),
    "attachments_note": gettext_lazy("附件说明"),
    "note": gettext_lazy("附注"),
}


def urgency_code(value: str) -> str:
    """特急 / 加急 / none, as code or word; 特提 and 平急 are refused with the reason."""
    value = (value or "").strip()
    if value in ("特提", "平急", "telegram"):
        raise ValidationError(
            _("“%(v)s”是电报的紧急程度；公文只标“特急”或“加急”，或不标。") % {"v": value}, code="urgency"
        )
    value = URGENCY_WORDS.get(value, value)
    check_choice(value, Urgency, _("紧急程度"))
    return value


def _texts(actor: Any, values: dict[str, Any]) -> None:
    for field, limit in LIMITS.items():
        value = values.get(field)
        if value is not None and len(value) > limit:
            raise ValidationError(_("%(f)s不超过 %(n)s 字。") % {"f": TEXT_LABELS[field], "n": limit}, code=field)
    refuse_marked([(str(TEXT_LABELS[k]), v) for k, v in values.items() if k in TEXT_LABELS], user=actor, where=WHERE)


def _refuse_typed_number(doc_number: str | None) -> None:
    if doc_number:
        raise ValidationError(_("发文字号由系统在“编号”环节统一编排，不能手工填写。"), code="doc_number")


def outgoing_create(
    *,
    actor: Any,
    title: str,
    doc_type: str,
    prefix: DocPrefix,
    body: str,
    direction: str = Direction.DOWN,
    important: bool = False,
    urgency: str = "",
    main_recipients: str = "",
    cc: str = "",
    attachments_note: str = "",
    note: str = "",
    copies: int = 0,
    with_copy_numbers: bool = False,
    countersign_units: Iterable[Any] = (),
    recipients: Iterable[Any] = (),
    drafting_unit: Any = None,
    doc_number: str | None = None,
) -> Outgoing:
    """拟稿: a draft of the drafting unit (the drafter's own by default) with version 1 kept."""
    authorize(outgoing_policy, actor, "create")
    _refuse_typed_number(doc_number)
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise ValidationError(_("请填写标题和正文。"), code="required")
    check_choice(doc_type, DocType, _("文种"))
    check_choice(direction, Direction, _("行文方向"))
    urgency = urgency_code(urgency)
    if not prefix.active:
        raise ValidationError(_("发文字号“%(p)s”已停用。") % {"p": prefix.prefix}, code="prefix")
    if not 0 <= int(copies) <= 100_000:
        raise ValidationError(_("印发份数应在 0 至 100000 之间。"), code="copies")
    unit = drafting_unit or getattr(actor, "unit", None)
    if unit is None or (drafting_unit is not None and unit.pk not in unit_ids(actor)):
        raise ValidationError(_("请选择本人可代表的拟稿单位。"), code="unit")
    values = {
        "title": title,
        "body": body,
        "main_recipients": main_recipients.strip(),
        "cc": cc.strip(),
        "attachments_note": attachments_note.strip(),
        "note": note.strip(),
    }
    _texts(actor, values)
    with transaction.atomic():
        year = timezone.localdate().year
        document = Outgoing.objects.create(
            code=f"FW-{year}-{next_value(f'outgoing:{year}'):05d}",
            doc_type=doc_type,
            direction=direction,
            important=important,
            prefix=prefix,
            drafting_unit=unit,
            drafter=actor,
            urgency=urgency,
            copies=copies,
            with_copy_numbers=with_copy_numbers,
            terms=terms(title),
            **values,
        )
        document.countersign_units.set(list(countersign_units))
        document.recipients.set(list(recipients))
        OutgoingVersion.objects.create(outgoing=document, number=1, title=title, body=body, author=actor, step=O.DRAFT)
        audit.record(
            actor=actor,
            action="draft",
            obj=document,
            object_repr=document.code,
            changes={"title": [None, title], "doc_type": [None, doc_type], "prefix": [None, prefix.prefix]},
        )
    return document


def outgoing_edit(*, actor: Any, outgoing: Outgoing, doc_number: str | None = None, **changes: Any) -> Outgoing:
    """A change of the draft (by the drafting unit or the office's reviewers). A new title or body is a new kept
    version. Once signed the text is frozen: it goes back to the signer (退回签发人重签) first."""
    _refuse_typed_number(doc_number)
    if outgoing.status not in OUTGOING_EDITABLE:
        raise ValidationError(
            _("公文已签发（%(s)s），不能直接修改；如需修改，请先“退回签发人重签”。")
            % {"s": outgoing.get_status_display()},
            code="signed",
        )
    authorize(outgoing_policy, actor, "edit", outgoing)
    allowed = {*TEXT_LABELS, "urgency", "important", "direction", "copies", "doc_type"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("不能修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="field")
    if "urgency" in changes:
        changes["urgency"] = urgency_code(changes["urgency"])
    if "doc_type" in changes:
        check_choice(changes["doc_type"], DocType, _("文种"))
    if "direction" in changes:
        check_choice(changes["direction"], Direction, _("行文方向"))
    changes = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}
    if ("title" in changes and not changes["title"]) or ("body" in changes and not changes["body"]):
        raise ValidationError(_("标题和正文不能为空。"), code="required")
    _texts(actor, changes)
    with transaction.atomic():
        locked = Outgoing.objects.select_for_update().get(pk=outgoing.pk)
        if locked.status not in OUTGOING_EDITABLE or locked.version != outgoing.version:
            raise ValidationError(_("该公文已被他人修改或已签发，请刷新后再改。"), code="stale")
        before = audit.snapshot(locked, list(changes))
        for key, value in changes.items():
            setattr(locked, key, value)
        fields = list(changes)
        if "title" in changes:
            locked.terms = terms(locked.title)
            fields.append("terms")
        if (locked.title, locked.body) != (outgoing.title, outgoing.body):
            locked.version += 1
            fields.append("version")
            OutgoingVersion.objects.create(
                outgoing=locked,
                number=locked.version,
                title=locked.title,
                body=locked.body,
                author=actor,
                step=locked.status,
            )
        locked.save(update_fields=[*fields, "updated_at"])
        diff = audit.diff(before, audit.snapshot(locked, list(changes)))
        if "body" in diff:
            diff["body"] = [f"v{outgoing.version}", f"v{locked.version}"]
        audit.record(actor=actor, action="edit", obj=locked, object_repr=locked.code, changes=diff)
    return locked


def attachment_add(*, actor: Any, outgoing: Outgoing, upload: Any) -> Attachment:
    """附件: a .docx only, within the size limit, through the guard."""
    from shuniu.documents.models import DocumentConfig

    if outgoing.status not in OUTGOING_EDITABLE:
        raise ValidationError(_("公文已签发，不能再添加附件。"), code="signed")
    authorize(outgoing_policy, actor, "edit", outgoing)
    name = upload.name or ""
    if not name.lower().endswith(".docx"):
        raise ValidationError(_("附件须为 Word 文件（.docx）。"), code="type")
    limit = DocumentConfig.current().max_attachment_mb * 1024 * 1024
    if (upload.size or 0) > limit:
        raise ValidationError(_("附件不能超过 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}, code="size")
    check_upload(upload, user=actor, where=WHERE)
    with transaction.atomic():
        attachment = Attachment.objects.create(
            outgoing=outgoing, name=name[:200], file=upload, size=upload.size or 0, uploaded_by=actor
        )
        audit.record(
            actor=actor,
            action="attach",
            obj=outgoing,
            object_repr=outgoing.code,
            changes={"attachment": [None, name[:200]]},
        )
    return attachment


def _opinion(outgoing: Outgoing, actor: Any, step: str, text: str, delegate: bool = False) -> Opinion:
    return Opinion.objects.create(
        outgoing=outgoing,
        step=step,
        unit=getattr(actor, "unit", None),
        person=actor,
        name=actor.real_name or actor.username,
        text=(text or "").strip()[:500] or str(_("同意")),
        delegate=delegate,
    )


def _refuse_blocking(findings: list[check.Finding]) -> None:
    blocking = check.blocking(findings)
    if blocking:
        raise ValidationError("；".join(f.text for f in blocking), code="check")


def outgoing_submit(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    return OUTGOING_FLOW.run("submit", actor=actor, obj=outgoing)


def outgoing_dept_approve(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    return OUTGOING_FLOW.run(
        "dept_approve",
        actor=actor,
        obj=outgoing,
        reason=reason,
        after=lambda o: _opinion(o, actor, Opinion.Step.DEPT, reason),
    )


def outgoing_office_approve(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    """办公室核稿 (第二十五条): the check runs; a blocking finding keeps the draft here."""
    return OUTGOING_FLOW.run(
        "office_approve",
        actor=actor,
        obj=outgoing,
        reason=reason,
        validate=lambda o: _refuse_blocking([f for f in check.check(o) if f.code not in ("signer", "principal")]),
        after=lambda o: _opinion(o, actor, Opinion.Step.OFFICE, reason),
    )


def outgoing_countersign(*, actor: Any, outgoing: Outgoing, reason: str) -> Outgoing:
    """会签: one opinion per countersigning unit before the signature."""
    return OUTGOING_FLOW.run(
        "countersign",
        actor=actor,
        obj=outgoing,
        reason=reason,
        after=lambda o: _opinion(o, actor, Opinion.Step.COUNTERSIGN, reason),
    )


def missing_countersign(outgoing: Outgoing) -> list[Any]:
    done = set(outgoing.opinions.filter(step=Opinion.Step.COUNTERSIGN).values_list("unit_id", flat=True))
    return [u for u in outgoing.countersign_units.all() if u.pk not in done]


def outgoing_sign(*, actor: Any, outgoing: Outgoing, reason: str = "", delegate: bool = False) -> Outgoing:
    """签发: the signer's opinion, name and full date; 重要公文 and 上行文 by the principal (or 代); every 会签 first;
    the check blocks. The signing date is the 成文日期."""

    def validate(o: Outgoing) -> None:
        missing = missing_countersign(o)
        if missing:
            raise ValidationError(
                _("会签尚未完成：%(u)s。") % {"u": "、".join(u.name for u in missing)}, code="countersign"
            )
        _refuse_blocking(check.check(o, signer=actor, delegate=delegate))

    def apply(o: Outgoing) -> list[str]:
        o.signer, o.signer_name, o.signed_as_delegate = person(actor), actor.real_name or actor.username, delegate
        o.signed_on = o.issued_on = timezone.localdate()
        o.status_reason = ""
        return ["signer", "signer_name", "signed_as_delegate", "signed_on", "issued_on", "status_reason"]

    return OUTGOING_FLOW.run(
        "sign",
        actor=actor,
        obj=outgoing,
        reason=reason,
        validate=validate,
        apply=apply,
        after=lambda o: _opinion(o, actor, Opinion.Step.SIGN, reason, delegate),
    )


def outgoing_return(*, actor: Any, outgoing: Outgoing, reason: str) -> Outgoing:
    def apply(o: Outgoing) -> list[str]:
        o.status_reason = reason[:500]
        return ["status_reason"]

    return OUTGOING_FLOW.run(
        "return",
        actor=actor,
        obj=outgoing,
        reason=reason,
        apply=apply,
        after=lambda o: _opinion(o, actor, Opinion.Step.RETURN, reason),
    )


def outgoing_reopen(*, actor: Any, outgoing: Outgoing, reason: str) -> Outgoing:
    """退回签发人重签: the signature is cleared; after the change the signer signs again."""

    def apply(o: Outgoing) -> list[str]:
        o.signer, o.signer_name, o.signed_as_delegate, o.signed_on, o.issued_on = None, "", False, None, None
        o.status_reason = reason[:500]
        return ["signer", "signer_name", "signed_as_delegate", "signed_on", "issued_on", "status_reason"]

    return OUTGOING_FLOW.run(
        "reopen",
        actor=actor,
        obj=outgoing,
        reason=reason,
        apply=apply,
        after=lambda o: _opinion(o, actor, Opinion.Step.RETURN, reason),
    )


def outgoing_number(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    """编号: the next number of the prefix and the 成文日期's year, taken in this transaction."""

    def apply(o: Outgoing) -> list[str]:
        year = (o.issued_on or timezone.localdate()).year
        o.number = numbers.allocate(actor=actor, outgoing=o, year=year)
        o.doc_number = o.number.text
        return ["number", "doc_number"]

    return OUTGOING_FLOW.run("number", actor=actor, obj=outgoing, apply=apply)


def outgoing_seal(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    def apply(o: Outgoing) -> list[str]:
        o.sealed_at = timezone.now()
        return ["sealed_at"]

    return OUTGOING_FLOW.run("seal", actor=actor, obj=outgoing, apply=apply)


def outgoing_distribute(*, actor: Any, outgoing: Outgoing, reason: str = "") -> Outgoing:
    """分发: each unit inside Shuniu gets an incoming record waiting for its 签收."""
    from shuniu.documents.incoming import deliver

    def apply(o: Outgoing) -> list[str]:
        o.distributed_at = timezone.now()
        return ["distributed_at"]

    def related(o: Outgoing) -> dict[str, Any]:
        units = deliver(actor=actor, outgoing=o)
        return {"delivered": [None, [u.name for u in units]]}

    return OUTGOING_FLOW.run("distribute", actor=actor, obj=outgoing, apply=apply, related=related)


def outgoing_withdraw(*, actor: Any, outgoing: Outgoing, reason: str) -> Outgoing:
    def apply(o: Outgoing) -> list[str]:
        o.status_reason = reason[:500]
        return ["status_reason"]

    return OUTGOING_FLOW.run("withdraw", actor=actor, obj=outgoing, reason=reason, apply=apply)
