"""What the smart tools keep: the hot words of each window."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HotWords(models.Model):
    """Computed hot words of one date window (the most mentioned words in request titles), kept so that the office's
    page and the API read them in one query; `refresh_hot_words` (hourly) recomputes this week's and month's."""

    start = models.DateField(_("起始日"))
    end = models.DateField(_("截止日"))
    computed_at = models.DateTimeField(_("计算时间"))
    words = models.JSONField(_("热词"), default=list)

    class Meta:
        verbose_name = _("热词统计")
        verbose_name_plural = _("热词统计")
        constraints = [models.UniqueConstraint(fields=["start", "end"], name="hot_words_window_unique")]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


class DispatchModelState(models.Model):
    """The trained dispatch-suggestion model (one row), written by `train_dispatch` and read by every process."""

    trained_at = models.DateTimeField(_("训练时间"))
    samples = models.PositiveIntegerField(_("训练样本数"))
    units = models.PositiveIntegerField(_("单位数"))
    blob = models.BinaryField()
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("派单建议模型")
        verbose_name_plural = _("派单建议模型")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="dispatch_model_single_row")]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} ({self.samples})"
