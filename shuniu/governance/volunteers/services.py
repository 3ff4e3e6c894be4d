"""Social forces: volunteers, their activities, sign-up on the portal and the hours they serve."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.crypto import blind_index, encrypt, mask_phone
from shuniu.core.guard import refuse_marked
from shuniu.core.system import person
from shuniu.governance.models import Signup, Volunteer, VolunteerActivity
from shuniu.governance.volunteers.policies import activity_policy


def can_manage(user: Any) -> bool:
    return activity_policy.can(user, "create")


def activity_create(
    *, actor: Any, title: str, held_on: dt.date, place: str, capacity: int = 20, description: str = ""
) -> VolunteerActivity:
    """A volunteer activity, published on the portal for sign-up."""
    authorize(activity_policy, actor, "create")
    texts = [(_("活动名称"), title), (_("地点"), place), (_("活动内容"), description)]
    refuse_marked(texts, user=actor, where="governance.volunteer")
    with transaction.atomic():
        activity = VolunteerActivity(
            title=title,
            held_on=held_on,
            place=place,
            capacity=capacity,
            description=description,
            created_by=person(actor),
        )
        activity.full_clean()
        activity.save()
        audit.record(actor=actor, action="create", obj=activity, changes={"title": [None, title]})
    return activity


def signup(*, activity: VolunteerActivity, name: str, phone: str, skills: str = "") -> Signup:
    """A citizen signs up on the portal; the phone number finds an existing volunteer or registers a new one."""
    phone = phone.strip()
    if not (len(phone) == 11 and phone.isdigit() and phone.startswith("1")):
        raise ValidationError(_("请填写正确的手机号码。"))
    if not name.strip():
        raise ValidationError(_("请填写姓名。"))
    refuse_marked([(_("姓名"), name), (_("技能特长"), skills)], user=None, where="portal.signup")
    with transaction.atomic():
        activity = VolunteerActivity.objects.select_for_update().get(pk=activity.pk)
        if not activity.published:
            raise ValidationError(_("该活动不接受报名。"))
        if activity.signups.count() >= activity.capacity:
            raise ValidationError(_("报名人数已满。"))
        index = blind_index(phone, purpose="phone")
        volunteer = Volunteer.objects.filter(phone_index=index).first() or Volunteer.objects.create(
            name=name.strip()[:50],
            phone_encrypted=encrypt(phone),
            phone_index=index,
            phone_masked=mask_phone(phone),
            skills=skills[:200],
        )
        if activity.signups.filter(volunteer=volunteer).exists():
            raise ValidationError(_("您已报名该活动。"))
        entry = Signup.objects.create(activity=activity, volunteer=volunteer)
        audit.record(actor=None, actor_name="portal", action="signup", obj=entry, object_repr=str(activity))
    return entry


def hours_record(*, actor: Any, entry: Signup, hours: Decimal) -> Signup:
    """Record the hours served; they add up on the volunteer (and the stars follow)."""
    authorize(activity_policy, actor, "record_hours", entry.activity)
    if not Decimal(0) < hours <= Decimal(24):
        raise ValidationError(_("服务时长应在0到24小时之间。"))
    with transaction.atomic():
        entry = Signup.objects.select_for_update().get(pk=entry.pk)
        previous = entry.hours or Decimal(0)
        entry.hours = hours
        entry.save(update_fields=["hours"])
        Volunteer.objects.filter(pk=entry.volunteer_id).update(hours=F("hours") + hours - previous)
        audit.record(actor=actor, action="hours", obj=entry, changes={"hours": [previous, hours]})
    return entry
