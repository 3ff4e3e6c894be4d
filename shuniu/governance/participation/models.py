"""民主议政日 and 百姓夜话: events and the matters raised at them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel
from shuniu.governance.requests.models import CitizenRequest
from shuniu.org.models import Unit


class ParticipationEvent(TimeStampedModel):
    """A 民主议政日 or 百姓夜话: where citizens raise matters face to face; results are published."""

    class Kind(models.TextChoices):
        DELIBERATION = "deliberation", _("民主议政日")
        EVENING_TALK = "evening_talk", _("百姓夜话")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("主题"), max_length=200)
    held_on = models.DateField(_("日期"))
    town = models.ForeignKey(
        Unit, verbose_name=_("乡镇街道"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("地点"), max_length=200)
    hosts = models.CharField(_("主持人"), max_length=200, blank=True)
    participants = models.CharField(_("参加人员"), max_length=500, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    published = models.BooleanField(_("在门户公开结果"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("议事活动")
        verbose_name_plural = _("议事活动")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:event-detail", args=[self.code])


class EventItem(models.Model):
    """A matter raised at an event; it becomes a request or a supervision task in one action."""

    event = models.ForeignKey(ParticipationEvent, on_delete=models.CASCADE, related_name="items")
    content = models.TextField(_("群众提出的事项"))
    raised_by = models.CharField(_("提出人"), max_length=50, blank=True)
    outcome = models.TextField(_("办理结果（公开）"), blank=True)
    request = models.ForeignKey(CitizenRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    task = models.ForeignKey("supervision.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("议事事项")
        verbose_name_plural = _("议事事项")

    def __str__(self) -> str:
        return self.content[:40]
