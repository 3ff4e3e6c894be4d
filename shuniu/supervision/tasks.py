"""Background work of supervision: it only calls services (HackSoft style)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_lights_task() -> int:
    from shuniu.supervision.lights import refresh_open_lights

    return refresh_open_lights()
