"""年度目标 (SPEC §8, 年初亮目标、年中亮进度、年底亮成果): goals per section and unit as a tree, each with its progress
and year-end result, and the frozen snapshot of all of them taken at each of the three stages."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel


class Stage(models.TextChoices):
    START = "start", _("年初亮目标")
    MID = "mid", _("年中亮进度")
    END = "end", _("年底亮成果")


STAGE_ORDER = [Stage.START, Stage.MID, Stage.END]


class Goal(TimeStampedModel):
    class Result(models.TextChoices):
        OPEN = "open", _("推进中")
        ACHIEVED = "achieved", _("已完成")
        MISSED = "missed", _("未完成")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级目标")
    )
    title = models.CharField(_("目标"), max_length=200)
    measure = models.CharField(_("衡量标准"), max_length=300, blank=True)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0, validators=[MaxValueValidator(100)])
    progress_note = models.TextField(_("进展情况"), max_length=2000, blank=True)
    result = models.CharField(_("完成情况"), max_length=10, choices=Result.choices, default=Result.OPEN)
    result_note = models.TextField(_("成果"), max_length=2000, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["year", "unit__sort_order", "unit_id", "sort_order", "id"]
        indexes = [models.Index(fields=["year", "unit"])]
        permissions = [("manage_goals", "制定年度目标、冻结阶段快照"), ("report_goal", "填报本单位目标进度和成果")]
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return f"{reverse('goals:home')}?year={self.year}#{self.code}"


class Snapshot(models.Model):
    """A stage frozen: every goal of the year as it stood, never changed afterwards."""

    year = models.PositiveSmallIntegerField(_("年度"))
    stage = models.CharField(_("阶段"), max_length=8, choices=Stage.choices)
    rows = models.JSONField(_("目标快照"), default=list)
    frozen_at = models.DateTimeField(_("冻结时间"))
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["year", "frozen_at"]
        constraints = [models.UniqueConstraint(fields=["year", "stage"], name="goal_stage_frozen_once")]
        verbose_name = _("阶段快照")
        verbose_name_plural = _("阶段快照")

    def __str__(self) -> str:
        return f"{self.year} {self.get_stage_display()}"

    def get_absolute_url(self) -> str:
        return f"{reverse('goals:home')}?year={self.year}&stage={self.stage}"
