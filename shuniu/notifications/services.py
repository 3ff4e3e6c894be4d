"""Sending and reading notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from shuniu.audit import services as audit
from shuniu.notifications.models import Notification


def notify(
    *,
    recipients: Iterable[Any],
    title: str,
    body: str = "",
    url: str = "",
    level: str = "info",
    dedupe_key: str = "",
    todo_key: str = "",
) -> None:
    """Queue a notification to `recipients`; it is delivered by the worker after the current transaction commits.
    With `todo_key` (shuniu.core.todos.todo_key) it is a to-do, marked done when the object leaves that state."""
    from shuniu.notifications.tasks import deliver_notifications

    ids = sorted({r if isinstance(r, int) else r.pk for r in recipients})
    if not ids:
        return
    transaction.on_commit(lambda: deliver_notifications.enqueue(ids, title, body, url, level, dedupe_key, todo_key))


def notifications_done(key: str) -> int:
    """Mark every open to-do notification with `key` done (and read): the action it asked for has happened."""
    if not key:
        return 0
    now = timezone.now()
    open_todos = Notification.objects.filter(todo_key=key, done_at__isnull=True)
    done = open_todos.filter(read_at__isnull=True).update(done_at=now, read_at=now)
    return done + open_todos.update(done_at=now)


def state_left(obj: Any, state: str) -> None:
    """The workflows' hook (shuniu.core.todos.on_state_left): the to-dos about `obj` in `state` are done."""
    from shuniu.core.todos import todo_key

    notifications_done(todo_key(obj, state))


def notifications_create(
    *, recipient_ids: list[int], title: str, body: str, url: str, level: str, dedupe_key: str, todo_key: str = ""
) -> int:
    """Write inbox rows (skipping a recipient who got the same dedupe_key today) and e-mail them."""
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    skip: set[int] = set()
    if dedupe_key:
        skip = set(
            Notification.objects.filter(
                recipient_id__in=recipient_ids, dedupe_key=dedupe_key, created_at__gte=today_start
            ).values_list("recipient_id", flat=True)
        )
    targets = [i for i in recipient_ids if i not in skip]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=i,
                title=title[:200],
                body=body,
                url=url,
                level=level,
                dedupe_key=dedupe_key,
                todo_key=todo_key,
            )
            for i in targets
        ]
    )
    emails = list(
        get_user_model()
        .objects.filter(pk__in=targets, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if emails:
        send_mail(f"[枢纽] {title}", f"{body}\n{url}", settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)
    return len(targets)


def notification_mark_read(*, user: Any, notification: Notification | None = None) -> int:
    """Mark one (or, with None, all) of the user's notifications read."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification is not None:
        qs = qs.filter(pk=notification.pk)
    with transaction.atomic():
        count = qs.update(read_at=timezone.now())
        if count:
            audit.record(
                actor=user,
                action="mark_read",
                object_type="notifications.notification",
                object_id=str(notification.code) if notification else "*",
                changes={"read": [None, count]},
            )
    return count


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
