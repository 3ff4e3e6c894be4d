"""Writes and reads of 统战对象 for the 统战 staff only: register a contact (phone and ID number encrypted, masked
copies for every page), reveal the full numbers (audited), record a 联谊交友, take a 建言献策 and raise it in one action
as a supervision task for a lead unit (its text redacted of personal numbers)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authenticated, has_perm
from shuniu.core.crypto import blind_index, decrypt, encrypt, mask_id_number, mask_phone
from shuniu.core.guard import refuse_marked
from shuniu.core.privacy import redact
from shuniu.core.sequences import next_value
from shuniu.core.system import person, system_actor
from shuniu.core.workdays import check_date
from shuniu.united_front.defaults import seed
from shuniu.united_front.models import Category, Contact, Record, Suggestion

MANAGE = "united_front.manage_contact"
PERSONAL = "united_front.view_contact_personal"
WHERE = "united_front"
_PHONE = re.compile(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$")
_ID = re.compile(r"^\d{17}[\dXx]$")


def visible(user: Any) -> QuerySet[Contact]:
    """Contacts are the 统战 staff's alone: nobody else sees one, not even the office's leaders."""
    qs = Contact.objects.select_related("category", "keeper")
    return qs if authenticated(user) and has_perm(user, MANAGE) else qs.none()


def categories() -> list[Category]:
    seed(Category)  # a flushed database: the defaults of migration 0002 come back
    return list(Category.objects.filter(is_active=True))


def _require(actor: Any) -> None:
    if not has_perm(actor, MANAGE):
        raise PermissionDenied


def contact_create(
    *,
    actor: Any,
    name: str,
    category: Category | None,
    organisation: str = "",
    position: str = "",
    affiliation: str = "",
    phone: str = "",
    id_number: str = "",
    keeper: Any = None,
) -> Contact:
    _require(actor)
    refuse_marked([(_("姓名"), name), (_("工作单位"), organisation), (_("职务"), position)], user=actor, where=WHERE)
    phone, id_number = phone.strip().replace(" ", ""), id_number.strip().upper()
    if not name.strip() or category is None:
        raise ValidationError(_("请填写姓名和类别。"), code="name")
    if phone and not _PHONE.match(phone):
        raise ValidationError(_("电话号码格式不正确。"), code="phone")
    if id_number and not _ID.match(id_number):
        raise ValidationError(_("身份证号码格式不正确。"), code="id_number")
    with transaction.atomic():
        contact = Contact.objects.create(
            code=f"TZ-{next_value('united_front_contact'):05d}", name=name.strip()[:30], category=category,
            organisation=organisation.strip()[:100], position=position.strip()[:60],
            affiliation=affiliation.strip()[:40],
            phone_encrypted=encrypt(phone), phone_masked=mask_phone(phone) if phone else "",
            phone_index=blind_index(phone, purpose="phone") if phone else "",
            id_number_encrypted=encrypt(id_number), id_number_masked=mask_id_number(id_number) if id_number else "",
            keeper=keeper,
        )  # fmt: skip
        audit.record(actor=actor, action="create", obj=contact, changes={"category": [None, category.name]})
    return contact


def personal_data(*, viewer: Any, contact: Contact) -> dict[str, str]:
    """The full phone and ID number, for holders of the personal-data right; every view audited."""
    if not (has_perm(viewer, MANAGE) and has_perm(viewer, PERSONAL)):
        raise PermissionDenied
    audit.record(actor=viewer, action="view_personal_data", obj=contact, object_repr=contact.code)
    return {"phone": decrypt(contact.phone_encrypted), "id_number": decrypt(contact.id_number_encrypted)}


def record_add(
    *, actor: Any, contact: Contact, date: dt.date, kind: str, content: str, today: dt.date | None = None
) -> Record:
    _require(actor)
    refuse_marked([(_("情况"), content)], user=actor, where=WHERE)
    if kind not in Record.Kind.values or not content.strip():
        raise ValidationError(_("请选择方式并填写情况。"), code="record")
    check_date(date)
    if date > (today or timezone.localdate()):
        raise ValidationError(_("日期不能晚于今天。"), code="future")
    with transaction.atomic():
        record = Record.objects.create(
            contact=contact, date=date, kind=kind, content=content.strip()[:2000], recorded_by=person(actor)
        )
        audit.record(actor=actor, action="record", obj=contact, changes={"record": [None, str(record)]})
    return record


def suggestion_add(*, actor: Any, contact: Contact, title: str, content: str, received_on: dt.date) -> Suggestion:
    _require(actor)
    refuse_marked([(_("建议题目"), title), (_("建议内容"), content)], user=actor, where=WHERE)
    if not title.strip() or not content.strip():
        raise ValidationError(_("请填写建议题目和内容。"), code="title")
    check_date(received_on)
    with transaction.atomic():
        year = received_on.year
        found = Suggestion.objects.create(
            code=f"JY-{year}-{next_value(f'JY-{year}'):04d}", contact=contact, title=title.strip()[:100],
            content=content.strip()[:5000], received_on=received_on,
        )  # fmt: skip
        audit.record(actor=actor, action="suggest", obj=found, changes={"title": [None, found.title]})
    return found


def suggestion_to_task(
    *, actor: Any, suggestion: Suggestion, lead_unit: Any, due_date: dt.date, today: dt.date | None = None
) -> Any:
    """转督办: supervision registers and assigns a task (交办事项, the suggestion as its 来源依据) for the lead unit;
    the adviser is named by category only and numbers are redacted: the task is read far beyond the 统战 staff."""
    from shuniu.supervision import services as supervision

    _require(actor)
    if suggestion.task_code:
        raise ValidationError(_("该建议已转督办：%(c)s。") % {"c": suggestion.task_code}, code="raised")
    if lead_unit is None:
        raise ValidationError(_("请选择牵头单位。"), code="lead_unit")
    start = today or timezone.localdate()
    if due_date < start:
        raise ValidationError(_("办结时限不能早于今天。"), code="due")
    with transaction.atomic():
        job = system_actor("united_front_suggestion")
        task = supervision.task_register(
            actor=job,
            title=redact(_("建言献策办理：%(t)s") % {"t": suggestion.title})[:200],
            source="assigned",
            source_ref=_("建言献策 %(c)s（%(k)s）") % {"c": suggestion.code, "k": suggestion.contact.category.name},
            lead_unit=lead_unit,
            start_date=start,
            due_date=due_date,
            requirements=redact(suggestion.content),
        )
        supervision.task_assign(actor=job, task=task, reason=_("统战对象建言献策，请研究办理"))
        suggestion.task_code = task.code
        suggestion.save(update_fields=["task_code", "updated_at"])
        audit.record(actor=actor, action="raise", obj=suggestion, changes={"task": [None, task.code]})
    return task
