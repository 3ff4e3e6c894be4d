"""Writes of 公务接待: register a 公函, apply (the 审批单, refused when its plan breaks a rule), approve or refuse, keep
the 接待清单 (guests and items; cash refused), complete (the list's breaches and differences kept)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.core.workdays import check_date
from shuniu.reception import rules
from shuniu.reception.models import Guest, Item, Letter, RankStandard, Reception
from shuniu.reception.policies import reception_policy
from shuniu.reception.transitions import RECEPTION_FLOW

WHERE = "reception"
MAX_PEOPLE = 500


def _code(prefix: str, year: int) -> str:
    return f"{prefix}-{year}-{next_value(f'{prefix}-{year}'):04d}"


def letter_register(
    *,
    actor: Any,
    sending_unit: str,
    guests: str,
    guest_count: int,
    start_date: dt.date,
    end_date: dt.date,
    activities: str,
    doc_number: str = "",
    file: Any = None,
) -> Letter:
    """登记公函: the sending unit, the people, the dates and the activities — what every reception answers to."""
    authorize(reception_policy, actor, "register")
    refuse_marked(
        [
            (_("来函单位"), sending_unit),
            (_("来函文号"), doc_number),
            (_("来访人员"), guests),
            (_("公务活动内容"), activities),
        ],
        user=actor,
        where=WHERE,
    )
    if file:
        check_upload(file, user=actor, where=WHERE)
    if not sending_unit.strip() or not guests.strip() or not activities.strip():
        raise ValidationError(_("公函须写明来函单位、来访人员和公务活动内容。"), code="letter")
    if not 1 <= guest_count <= MAX_PEOPLE:
        raise ValidationError(_("来访人数应在 1 至 %(n)s 人之间。") % {"n": MAX_PEOPLE}, code="count")
    check_date(start_date), check_date(end_date)
    if end_date < start_date:
        raise ValidationError(_("来访结束日期不能早于开始日期。"), code="dates")
    with transaction.atomic():
        letter = Letter(
            code=_code("GH", start_date.year),
            sending_unit=sending_unit.strip()[:100],
            doc_number=doc_number.strip()[:60],
            guests=guests.strip()[:3000],
            guest_count=guest_count,
            start_date=start_date,
            end_date=end_date,
            activities=activities.strip()[:2000],
            registered_by=person(actor),
        )
        if file:
            letter.file.save(file.name or "letter.pdf", file, save=False)
        letter.save()
        audit.record(
            actor=actor, action="register_letter", obj=letter, changes={"sending_unit": [None, letter.sending_unit]}
        )
    return letter


def reception_apply(
    *,
    actor: Any,
    letter: Letter | None,
    host_unit: Any,
    purpose: str,
    planned_guests: int,
    planned_accompanying: int,
    planned_meals: int,
    budget: Decimal = Decimal(0),
) -> Reception:
    """接待审批单: no reception without a 公函; a plan that breaks a rule (工作餐, 陪餐) is refused with the rule's
    text."""
    authorize(reception_policy, actor, "apply")
    if letter is None:
        raise ValidationError(_("没有公函不得安排公务接待：请先登记来函单位的公函。"), code="no_letter")
    refuse_marked([(_("接待事由"), purpose)], user=actor, where=WHERE)
    if not purpose.strip() or host_unit is None:
        raise ValidationError(_("请填写接待事由和接待单位。"), code="purpose")
    if not 1 <= planned_guests <= MAX_PEOPLE or not 0 <= planned_accompanying <= MAX_PEOPLE or planned_meals < 0:
        raise ValidationError(_("人数和餐次应为合理的非负整数。"), code="numbers")
    if planned_guests > letter.guest_count:
        raise ValidationError(
            _("接待对象%(n)s人，多于公函所列%(m)s人：超出公函的人员不得接待。")
            % {"n": planned_guests, "m": letter.guest_count},
            code="over_letter",
        )
    breaches = rules.check(guests=planned_guests, accompanying=planned_accompanying, working_meals=planned_meals)
    if breaches:
        raise ValidationError([b.text for b in breaches], code="breach")
    with transaction.atomic():
        reception = Reception.objects.create(
            code=_code("JD", timezone.localdate().year),
            letter=letter,
            host_unit=host_unit,
            purpose=purpose.strip()[:200],
            planned_guests=planned_guests,
            planned_accompanying=planned_accompanying,
            planned_meals=planned_meals,
            budget=budget,
            created_by=person(actor),
        )
        audit.record(actor=actor, action="apply", obj=reception, changes={"letter": [None, letter.code]})
    return reception


def reception_approve(*, actor: Any, reception: Reception, reason: str = "") -> Reception:
    def apply(r: Reception) -> list[str]:
        r.approved_by, r.approved_at, r.status_reason = person(actor), timezone.now(), reason[:500]
        return ["approved_by", "approved_at", "status_reason"]

    return RECEPTION_FLOW.run("approve", actor=actor, obj=reception, reason=reason, apply=apply)


def reception_refuse(*, actor: Any, reception: Reception, reason: str) -> Reception:
    def apply(r: Reception) -> list[str]:
        r.status_reason = reason[:500]
        return ["status_reason"]

    return RECEPTION_FLOW.run("refuse", actor=actor, obj=reception, reason=reason, apply=apply)


def _editable(actor: Any, reception: Reception) -> None:
    authorize(reception_policy, actor, "edit", reception)
    if reception.status != Reception.Status.APPROVED:
        raise ValidationError(_("接待经审批同意后才能填写接待清单，已完成的不能再改。"), code="state")


def guest_add(
    *, actor: Any, reception: Reception, name: str, unit: str, position: str = "", rank: RankStandard | None = None
) -> Guest:
    _editable(actor, reception)
    refuse_marked([(_("姓名"), name), (_("单位"), unit), (_("职务"), position)], user=actor, where=WHERE)
    if not name.strip() or not unit.strip():
        raise ValidationError(_("请填写接待对象的姓名和单位。"), code="guest")
    with transaction.atomic():
        guest = Guest.objects.create(
            reception=reception,
            name=name.strip()[:30],
            unit=unit.strip()[:100],
            position=position.strip()[:60],
            rank=rank,
        )
        audit.record(actor=actor, action="list_item", obj=reception, changes={"guest": [None, guest.name]})
    return guest


def _decimal(value: Any) -> Decimal:
    try:
        found = Decimal(str(value).strip() or "0")
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("费用应为金额数字。"), code="cost") from exc
    if not found.is_finite() or not Decimal(0) <= found < Decimal("100000000"):
        raise ValidationError(_("费用应为金额数字。"), code="cost")
    return found.quantize(Decimal("0.01"))


def item_add(
    *,
    actor: Any,
    reception: Reception,
    kind: str,
    date: dt.date,
    place: str,
    content: str,
    guests: int = 0,
    accompanying: int = 0,
    nights: int = 0,
    cost: Any = 0,
    payment: str = Item.Payment.CARD,
) -> Item:
    """A line of the 接待清单; paying cash is refused (第十七条)."""
    _editable(actor, reception)
    refuse_marked([(_("地点"), place), (_("内容"), content)], user=actor, where=WHERE)
    if kind not in Item.Kind.values or payment not in Item.Payment.values:
        raise ValidationError(_("项目或结算方式不正确。"), code="kind")
    if payment == Item.Payment.CASH:
        raise ValidationError(rules.check(guests=1, accompanying=0, working_meals=0, cash=True)[0].text, code="cash")
    if not place.strip() or not content.strip():
        raise ValidationError(_("请填写地点和内容。"), code="content")
    if not all(0 <= n <= MAX_PEOPLE for n in (guests, accompanying, nights)):
        raise ValidationError(_("人数和间夜数应为合理的非负整数。"), code="numbers")
    check_date(date)
    amount = _decimal(cost)
    with transaction.atomic():
        item = Item.objects.create(
            reception=reception, kind=kind, date=date, place=place.strip()[:100], content=content.strip()[:200],
            guests=guests, accompanying=accompanying, nights=nights, cost=amount, payment=payment,
        )  # fmt: skip
        audit.record(actor=actor, action="list_item", obj=reception, changes={"item": [None, str(item)[:100]]})
    return item


def reception_complete(*, actor: Any, reception: Reception, reason: str = "", invoice: Any = None) -> Reception:
    """接待完成: the 清单 is checked once more; its breaches and its differences from the 公函 are kept on record."""

    def validate(r: Reception) -> None:
        if not r.items.exists() or not r.guest_rows.exists():
            raise ValidationError(_("请先填写接待清单（接待对象和接待项目）。"), code="empty")
        if invoice:
            check_upload(invoice, user=actor, where=WHERE)

    def apply(r: Reception) -> list[str]:
        found = [b.as_dict() for b in rules.check_reception(r)]
        found += [{"rule": "letter", "text": text} for text in rules.differences(r)]
        r.breaches = found
        fields = ["breaches"]
        if invoice:
            r.invoice.save(invoice.name or "invoice.pdf", invoice, save=False)
            fields.append("invoice")
        return fields

    return RECEPTION_FLOW.run("complete", actor=actor, obj=reception, reason=reason, validate=validate, apply=apply)


def reception_request(*, actor: Any, letter: dict[str, Any], **plan: Any) -> Reception:
    """The page's one form: the 公函 registered and the 审批单 filed together — both or neither."""
    with transaction.atomic():
        return reception_apply(actor=actor, letter=letter_register(actor=actor, **letter), **plan)
