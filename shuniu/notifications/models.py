from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message in a user's in-app inbox."""

    class Level(models.TextChoices):
        INFO = "info", _("通知")
        REMINDER = "reminder", _("提醒")
        WARNING = "warning", _("警示")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.INFO)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    # Rate limit: one notification per (recipient, dedupe_key) per day, e.g. "task:DB-2026-0001:overdue".
    dedupe_key = models.CharField(max_length=120, blank=True)
    # A to-do notification ("请签收…") names the object and the state it asks to leave; it is marked done when the
    # object leaves that state, whoever moved it (shuniu.core.todos.todo_key).
    todo_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("已办时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            models.Index(fields=["recipient", "dedupe_key", "created_at"]),
            models.Index(fields=["todo_key"], condition=models.Q(done_at__isnull=True), name="notification_open_todo"),
        ]

    def __str__(self) -> str:
        return self.title
