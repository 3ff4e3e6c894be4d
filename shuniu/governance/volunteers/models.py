"""Volunteers, their activities and sign-ups."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel
from shuniu.org.models import Unit

STAR_HOURS = (100, 300, 600, 1000, 1500)


class Volunteer(TimeStampedModel):
    """A registered volunteer; the star level follows the hours served (100/300/600/1000/1500)."""

    name = models.CharField(_("姓名"), max_length=50)
    phone_encrypted = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=64, db_index=True, editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=20, editable=False)
    organization = models.ForeignKey(
        Unit, verbose_name=_("所属组织"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=8, decimal_places=1, default=Decimal(0))

    class Meta:
        ordering = ["-hours", "name"]
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        permissions = [("manage_volunteers", _("管理志愿服务"))]

    def __str__(self) -> str:
        return self.name

    @property
    def stars(self) -> int:
        return sum(1 for threshold in STAR_HOURS if self.hours >= threshold)


class VolunteerActivity(TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("活动名称"), max_length=200)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("招募人数"), default=20)
    description = models.TextField(_("活动内容"), blank=True)
    published = models.BooleanField(_("在门户发布"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("志愿活动")
        verbose_name_plural = _("志愿活动")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:volunteer-activity", args=[self.code])


class Signup(models.Model):
    activity = models.ForeignKey(VolunteerActivity, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    created_at = models.DateTimeField(auto_now_add=True)
    hours = models.DecimalField(_("服务时长"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        constraints = [models.UniqueConstraint(fields=["activity", "volunteer"], name="signup_once")]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.activity}"
