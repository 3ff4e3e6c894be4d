"""Imports that do not block the web: a small file is imported at once; a large one becomes an ImportJob that a task
worker runs, with its progress on a page. Either way the import is the same all-or-nothing service.

Each app registers its importers (`shuniu.core.registry.importer`): a service `f(*, actor, fileobj, progress=None)`
returning an `ImportReport`, which calls `progress(done, total)` while it checks the rows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.module_loading import import_string

from shuniu.audit import services as audit
from shuniu.core import registry
from shuniu.core.excel import ImportReport, RowError
from shuniu.core.models import ImportJob


def _service(kind: str) -> Any:
    return import_string(registry.importer_path(kind))


def import_file(*, actor: Any, kind: str, upload: UploadedFile) -> ImportReport | ImportJob:
    """Import `upload` now when it is small (SHUNIU_IMPORT_BACKGROUND_KB, default 256), else queue it as a job."""
    threshold = int(getattr(settings, "SHUNIU_IMPORT_BACKGROUND_KB", 256)) * 1024
    if (upload.size or 0) <= threshold:
        report: ImportReport = _service(kind)(actor=actor, fileobj=upload)
        return report
    with transaction.atomic():
        job = ImportJob(kind=kind, filename=(upload.name or "import")[:200], created_by=actor)
        job.file.save(upload.name or "import.xlsx", upload, save=False)
        job.save()
        audit.record(actor=actor, action="import_queued", obj=job, changes={"file": [None, job.filename]})
        transaction.on_commit(lambda: _enqueue(str(job.code)))
    return job


def _enqueue(code: str) -> None:
    from shuniu.core.tasks import run_import

    run_import.enqueue(code)


def import_job_run(code: str) -> ImportJob:
    """Run a queued import (the task worker calls this): progress is written as the rows are checked, the rows are
    then created all or none by the app's service, and the result kept on the job."""
    job = ImportJob.objects.select_related("created_by").get(code=code)
    if job.status != ImportJob.Status.QUEUED:
        return job  # a task delivered twice runs once
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)

    def progress(done: int, total: int) -> None:
        status = ImportJob.Status.WRITING if done == total else ImportJob.Status.CHECKING
        ImportJob.objects.filter(pk=job.pk).update(done=done, total=total, status=status)

    try:
        with job.file.open("rb") as fileobj:
            report: ImportReport = _service(job.kind)(actor=job.created_by, fileobj=fileobj, progress=progress)
    except Exception as exc:  # an unexpected failure is a failed import, never a lost job
        report = ImportReport(errors=[RowError(0, "", str(exc)[:300])])
    status = ImportJob.Status.DONE if report.ok else ImportJob.Status.FAILED
    errors = [{"row": e.row, "column": e.column, "problem": str(e.problem)} for e in report.errors[:500]]
    ImportJob.objects.filter(pk=job.pk).update(status=status, created=report.created, errors=errors)
    job.refresh_from_db()
    return job
