from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Every row knows when it was made and last changed."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class SingletonConfig(models.Model):
    """A table of county rules with exactly one row (pk=1); `current()` reads it, creating the defaults once."""

    class Meta:
        abstract = True

    @classmethod
    def current(cls) -> Any:
        config, _created = cls._default_manager.get_or_create(pk=1)
        return config


class ExtensionBase(TimeStampedModel):
    """A request to move a deadline (延期申请), asked before it passes and decided once, with a comment.

    Each app adds the foreign key to what is extended (`task`, `request`); `shuniu.core.extensions` runs the
    request/decide pair for all of them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    old_due_date = models.DateField(_("原截止日期"))
    requested_due_date = models.DateField(_("申请延至"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_comment = models.CharField(_("审批意见"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class HolidayOverride(TimeStampedModel):
    """An administrator's ruling on one date; it wins over chinesecalendar."""

    class Kind(models.TextChoices):
        REST = "rest", _("休")
        WORK = "work", _("班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    holiday_name = models.CharField(_("节假日名称"), max_length=50, blank=True)
    source_notice = models.CharField(_("依据通知"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.holiday_name}"


class ApiToken(TimeStampedModel):
    """A personal access token; only its SHA-256 digest is stored."""

    PREFIX = "snu_"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("令牌开头"), max_length=12, editable=False)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("访问令牌")
        verbose_name_plural = _("访问令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


class ClassificationRefusal(models.Model):
    """A text or file refused because it carried a national-secret marking (for the 安全管理员)."""

    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("用户"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    where = models.CharField(_("位置"), max_length=200)
    marking = models.CharField(_("密级标志"), max_length=40)
    excerpt = models.CharField(_("片段"), max_length=120)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("涉密拦截记录")
        verbose_name_plural = _("涉密拦截记录")

    def __str__(self) -> str:
        return f"{self.username} {self.marking} {self.where}"


class Sequence(models.Model):
    """A gap-free counter per key (e.g. "DB-2026" for task codes, a 文号 prefix per year)."""

    key = models.CharField(max_length=60, unique=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self) -> str:
        return f"{self.key}: {self.last_value}"


class DataVersion(models.Model):
    """A counter per data domain, bumped after every committed change to it: the generation that cached reads of
    that domain are keyed by (`shuniu.core.versions`)."""

    name = models.CharField(_("数据域"), max_length=40, primary_key=True)
    value = models.BigIntegerField(_("版本"), default=0)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return f"{self.name}@{self.value}"


class ImportJob(TimeStampedModel):
    """A large import run in the background: its file, its progress (rows checked of all) and its result. The
    rows are checked outside any transaction (so the page can show the progress) and then written all or none."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        CHECKING = "checking", _("正在检查")
        WRITING = "writing", _("检查无误，正在写入")
        DONE = "done", _("已完成")
        FAILED = "failed", _("未导入")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("导入类型"), max_length=60)
    filename = models.CharField(_("文件名"), max_length=200)
    file = models.FileField(upload_to="imports/%Y/%m/")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("行数"), default=0)
    done = models.PositiveIntegerField(_("已检查"), default=0)
    created = models.PositiveIntegerField(_("已新增"), default=0)
    errors = models.JSONField(_("问题"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
