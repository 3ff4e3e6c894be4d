"""Background work of the platform (django-tasks; enqueued only after the transaction commits)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(code: str) -> str:
    from shuniu.core.imports import import_job_run

    return import_job_run(code).status
