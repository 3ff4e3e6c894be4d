"""Background delivery of notifications (django-tasks; enqueued only after the transaction commits)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_notifications(
    recipient_ids: list[int],
    title: str,
    body: str = "",
    url: str = "",
    level: str = "info",
    dedupe_key: str = "",
    todo_key: str = "",
) -> int:
    from shuniu.notifications.services import notifications_create

    return notifications_create(
        recipient_ids=recipient_ids,
        title=title,
        body=body,
        url=url,
        level=level,
        dedupe_key=dedupe_key,
        todo_key=todo_key,
    )
