"""保密检查 (SPEC §8): a year's plan lists every unit (进驻式检查全覆盖), each visit examines the checklist (data,
seeded from the 保密 self-check items), each finding is a rectification tracked as a supervision task (source
保密检查整改) and is closed only after the inspector's re-check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel


class ChecklistItem(models.Model):
    category = models.CharField(_("类别"), max_length=30)
    text = models.CharField(_("检查内容"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("保密检查项目")
        verbose_name_plural = _("保密检查项目")

    def __str__(self) -> str:
        return f"{self.category}：{self.text}"


class Plan(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("名称"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-year"]
        permissions = [("manage_inspection", "制定保密检查计划、检查、复查"), ("view_inspection", "查看保密检查")]
        verbose_name = _("保密检查计划")
        verbose_name_plural = _("保密检查计划")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('inspections:plan')}?year={self.year}"


class Visit(TimeStampedModel):
    """进驻式检查 of one unit in the plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("待检查")
        DONE = "done", _("已检查")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("被检查单位"))
    month = models.PositiveSmallIntegerField(_("计划月份"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("检查人"),
    )  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    summary = models.TextField(_("检查情况"), max_length=2000, blank=True)

    class Meta:
        ordering = ["month", "unit__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="inspection_unit_once_a_year")]
        verbose_name = _("进驻检查")
        verbose_name_plural = _("进驻检查")

    def __str__(self) -> str:
        return f"{self.code} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:visit", args=[self.code])


class Examined(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="examined")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    passed = models.BooleanField(_("符合要求"), default=True)
    note = models.CharField(_("情况"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "item"], name="item_examined_once_per_visit")]
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")

    def __str__(self) -> str:
        return f"{self.visit_id}:{self.item_id}"


class Finding(TimeStampedModel):
    class Status(models.TextChoices):
        RECTIFYING = "rectifying", _("整改中")
        CLOSED = "closed", _("复查合格")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="findings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    description = models.TextField(_("问题"), max_length=1000)
    deadline = models.DateField(_("整改时限"))
    task_code = models.CharField(_("督办事项"), max_length=20, blank=True, db_index=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECTIFYING)
    rechecks = models.JSONField(_("复查记录"), default=list, blank=True)
    rechecked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rechecked_at = models.DateTimeField(_("复查合格时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("检查发现问题")
        verbose_name_plural = _("检查发现问题")

    def __str__(self) -> str:
        return f"{self.code} {self.description[:30]}"

    def get_absolute_url(self) -> str:
        return f"{self.visit.get_absolute_url()}#{self.code}"
