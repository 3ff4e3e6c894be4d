"""Every write to a task, one service per transition, each audited (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.sequences import next_value
from shuniu.notifications.services import notify
from shuniu.org.models import Unit, User
from shuniu.supervision.lights import task_refresh_light
from shuniu.supervision.models import (
    AreaTag,
    Commendation,
    Extension,
    Light,
    LightChange,
    Milestone,
    ProgressReport,
    Task,
)
from shuniu.supervision.notices import assignment_notice_docx
from shuniu.supervision.periods import period_start
from shuniu.supervision.policies import task_policy

S = Task.Status
TASK_FIELDS = (
    "title",
    "requirements",
    "source",
    "source_ref",
    "responsible_leader",
    "lead_unit",
    "start_date",
    "due_date",
    "report_cycle",
    "status",
    "status_reason",
    "closed_on",
    "override_light",
    "override_reason",
)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _require_status(task: Task, *allowed: str) -> None:
    if task.status not in allowed:
        raise ValidationError(
            _("事项当前状态为“%(s)s”，不能执行此操作。") % {"s": task.get_status_display()}, code="bad_status"
        )


def _save(task: Task, actor: Any, action: str, before: dict[str, Any], fields: Iterable[str]) -> None:
    task.save(update_fields=[*fields, "updated_at"])
    audit.record(actor=actor, action=action, obj=task, changes=audit.diff(before, audit.snapshot(task, TASK_FIELDS)))


def _lead_unit_users(task: Task) -> list[User]:
    return list(
        User.objects.filter(
            unit=task.lead_unit, is_active=True, groups__role__slug__in=["liaison", "handler"]
        ).distinct()
    )


def _guard(actor: Any, where: str, **texts: str) -> None:
    refuse_marked([(k, v) for k, v in texts.items() if v], user=actor, where=where)


def task_register(
    *,
    actor: Any,
    title: str,
    source: str,
    lead_unit: Unit,
    start_date: dt.date,
    due_date: dt.date,
    requirements: str = "",
    source_ref: str = "",
    responsible_leader: str = "",
    report_cycle: str = Task.Cycle.MONTHLY,
    co_units: Iterable[Unit] = (),
    area_tags: Iterable[str] = (),
    milestones: Iterable[tuple[dt.date, str, int]] = (),
    instruction: Any = None,
) -> Task:
    """立项: register a task with the code DB-<year>-<nnnn>."""
    authorize(task_policy, actor, "register")
    _guard(
        actor, "supervision.task", 标题=title, 工作要求=requirements, 来源依据=source_ref, 责任领导=responsible_leader
    )
    co_units = [u for u in co_units if u.pk != lead_unit.pk]
    with transaction.atomic():
        task = Task(
            title=title,
            requirements=requirements,
            source=source,
            source_ref=source_ref,
            lead_unit=lead_unit,
            responsible_leader=responsible_leader,
            start_date=start_date,
            due_date=due_date,
            original_due_date=due_date,
            report_cycle=report_cycle,
            instruction=instruction,
            created_by=actor,
        )
        task.code = f"DB-{start_date.year}-{next_value(f'DB-{start_date.year}'):04d}"
        task.full_clean()
        if due_date < start_date:
            raise ValidationError(_("截止日期不能早于开始日期。"))
        task.save()
        task.co_units.set(co_units)
        tags = [AreaTag.objects.get_or_create(name=name.strip()[:30])[0] for name in area_tags if name.strip()]
        task.area_tags.set(tags)
        for date, description, planned in milestones:
            Milestone(task=task, date=date, description=description, planned_progress=planned).full_clean()
            Milestone.objects.create(task=task, date=date, description=description, planned_progress=planned)
        audit.record(
            actor=actor, action="register", obj=task, changes=audit.diff({}, audit.snapshot(task, TASK_FIELDS))
        )
        task_refresh_light(task)
    return task


def task_assign(*, actor: Any, task: Task, today: dt.date | None = None) -> Task:
    """交办: send the task to its lead unit with a 督办通知单 (.docx)."""
    authorize(task_policy, actor, "assign", task)
    _require_status(task, S.REGISTERED)
    with transaction.atomic():
        before = audit.snapshot(task, TASK_FIELDS)
        task.status, task.assigned_at = S.ASSIGNED, timezone.now()
        notice = assignment_notice_docx(task, issued_on=_today(today))
        task.assignment_notice.save(f"{task.code}-督办通知单.docx", ContentFile(notice), save=False)
        _save(task, actor, "assign", before, ["status", "assigned_at", "assignment_notice"])
        notify(
            recipients=_lead_unit_users(task),
            title=_("请签收督办事项：%(t)s") % {"t": task.title},
            url=task.get_absolute_url(),
            level="reminder",
        )
    return task


def task_accept(*, actor: Any, task: Task) -> Task:
    """签收: the lead unit takes the task on."""
    authorize(task_policy, actor, "accept", task)
    _require_status(task, S.ASSIGNED)
    with transaction.atomic():
        before = audit.snapshot(task, TASK_FIELDS)
        task.status, task.accepted_at = S.ACCEPTED, timezone.now()
        _save(task, actor, "accept", before, ["status", "accepted_at"])
    return task


def report_submit(
    *,
    actor: Any,
    task: Task,
    progress: int,
    done: str,
    problems: str = "",
    next_steps: str = "",
    attachment: UploadedFile | None = None,
    period: dt.date | None = None,
    today: dt.date | None = None,
    is_completion: bool = False,
) -> ProgressReport:
    """进展反馈: a report for the current period (or `period`); a later one for the same period supersedes it."""
    authorize(task_policy, actor, "report", task)
    _require_status(task, S.ACCEPTED, S.ASSIGNED, S.CLOSE_REQUESTED)
    if not 0 <= progress <= 100:
        raise ValidationError(_("进度应在0到100之间。"))
    _guard(actor, "supervision.report", 工作进展=done, 存在问题=problems, 下步打算=next_steps)
    if attachment is not None:
        check_upload(attachment, user=actor, where="supervision.report")
    with transaction.atomic():
        if task.status == S.ASSIGNED:  # reporting implies signing for it
            task_accept(actor=actor, task=task)
        report = ProgressReport(
            task=task,
            period_start=period or period_start(task.report_cycle, _today(today)),
            progress=progress,
            done=done,
            problems=problems,
            next_steps=next_steps,
            submitted_by=actor,
            is_completion=is_completion,
        )
        if attachment is not None:
            report.attachment = attachment
        report.full_clean()
        report.save()
        audit.record(
            actor=actor,
            action="report_submit",
            obj=report,
            object_repr=f"{task.code} {report.period_start}",
            changes={"progress": [None, progress]},
        )
    return report


def _review(actor: Any, report: ProgressReport, status: str, comment: str) -> ProgressReport:
    authorize(task_policy, actor, "review", report.task)
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(_("该报告已审核。"))
    _guard(actor, "supervision.review", 审核意见=comment)
    with transaction.atomic():
        report.status, report.review_comment = status, comment
        report.reviewed_by, report.reviewed_at = actor, timezone.now()
        report.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"])
        audit.record(
            actor=actor,
            action=f"report_{status}",
            obj=report,
            object_repr=report.task.code,
            changes={"status": [ProgressReport.Status.SUBMITTED, status], "comment": [None, comment]},
        )
        task_refresh_light(report.task)
    return report


def report_accept(*, actor: Any, report: ProgressReport, comment: str = "") -> ProgressReport:
    """A supervisor accepts a report: its progress now counts."""
    return _review(actor, report, ProgressReport.Status.ACCEPTED, comment)


def report_return(*, actor: Any, report: ProgressReport, comment: str) -> ProgressReport:
    """A supervisor returns a report with comments; the period stays without an accepted report."""
    if not comment.strip():
        raise ValidationError(_("退回时请填写意见。"))
    report = _review(actor, report, ProgressReport.Status.RETURNED, comment)
    notify(
        recipients=[report.submitted_by],
        title=_("进展报告被退回：%(t)s") % {"t": report.task.title},
        body=comment,
        url=report.task.get_absolute_url(),
        level="warning",
    )
    return report


def task_request_close(
    *, actor: Any, task: Task, done: str, attachment: UploadedFile | None = None, today: dt.date | None = None
) -> ProgressReport:
    """申请办结: the lead unit files its completion report."""
    authorize(task_policy, actor, "request_close", task)
    _require_status(task, S.ACCEPTED, S.ASSIGNED)
    with transaction.atomic():
        report = report_submit(
            actor=actor, task=task, progress=100, done=done, attachment=attachment, today=today, is_completion=True
        )
        task.refresh_from_db()
        before = audit.snapshot(task, TASK_FIELDS)
        task.status = S.CLOSE_REQUESTED
        _save(task, actor, "request_close", before, ["status"])
    return report


def task_approve_close(*, actor: Any, task: Task, comment: str = "", today: dt.date | None = None) -> Task:
    """审核通过，办结销号."""
    authorize(task_policy, actor, "approve_close", task)
    _require_status(task, S.CLOSE_REQUESTED)
    with transaction.atomic():
        for report in task.reports.filter(is_completion=True, status=ProgressReport.Status.SUBMITTED):
            _review(actor, report, ProgressReport.Status.ACCEPTED, comment)
        task.refresh_from_db()
        before = audit.snapshot(task, TASK_FIELDS)
        task.status, task.closed_on = S.CLOSED, _today(today)
        _save(task, actor, "close", before, ["status", "closed_on"])
        task_refresh_light(task, as_of=task.closed_on)
    return task


def task_return_close(*, actor: Any, task: Task, comment: str) -> Task:
    """审核退回: the completion is not accepted; the task goes back to 办理."""
    authorize(task_policy, actor, "return_close", task)
    _require_status(task, S.CLOSE_REQUESTED)
    if not comment.strip():
        raise ValidationError(_("退回时请填写意见。"))
    with transaction.atomic():
        for report in task.reports.filter(is_completion=True, status=ProgressReport.Status.SUBMITTED):
            _review(actor, report, ProgressReport.Status.RETURNED, comment)
        task.refresh_from_db()
        before = audit.snapshot(task, TASK_FIELDS)
        task.status, task.status_reason = S.ACCEPTED, comment[:300]
        _save(task, actor, "return_close", before, ["status", "status_reason"])
        notify(
            recipients=_lead_unit_users(task),
            title=_("办结申请被退回：%(t)s") % {"t": task.title},
            body=comment,
            url=task.get_absolute_url(),
            level="warning",
        )
    return task


def extension_request(
    *, actor: Any, task: Task, requested_due_date: dt.date, reason: str, today: dt.date | None = None
) -> Extension:
    """延期申请: only before the due date, and only to a later date."""
    authorize(task_policy, actor, "request_extension", task)
    _require_status(task, S.ASSIGNED, S.ACCEPTED)
    if _today(today) > task.due_date:
        raise ValidationError(_("已超过截止日期，不能再申请延期。"))
    if requested_due_date <= task.due_date:
        raise ValidationError(_("申请延期的日期应晚于当前截止日期。"))
    if task.extensions.filter(status=Extension.Status.PENDING).exists():
        raise ValidationError(_("已有待审批的延期申请。"))
    _guard(actor, "supervision.extension", 延期理由=reason)
    with transaction.atomic():
        extension = Extension.objects.create(
            task=task,
            old_due_date=task.due_date,
            requested_due_date=requested_due_date,
            reason=reason,
            requested_by=actor,
        )
        audit.record(
            actor=actor,
            action="extension_request",
            obj=extension,
            object_repr=task.code,
            changes={"due_date": [task.due_date, requested_due_date]},
        )
    return extension


def extension_decide(*, actor: Any, extension: Extension, approve: bool, comment: str = "") -> Extension:
    """Approve (the due date moves; the original is kept) or refuse (the task is judged by its due date)."""
    task = extension.task
    authorize(task_policy, actor, "decide_extension", task)
    if extension.status != Extension.Status.PENDING:
        raise ValidationError(_("该申请已审批。"))
    with transaction.atomic():
        extension.status = Extension.Status.APPROVED if approve else Extension.Status.REFUSED
        extension.decided_by, extension.decided_at, extension.decision_comment = actor, timezone.now(), comment[:300]
        extension.save(update_fields=["status", "decided_by", "decided_at", "decision_comment", "updated_at"])
        audit.record(
            actor=actor,
            action=f"extension_{extension.status}",
            obj=extension,
            object_repr=task.code,
            changes={"status": [Extension.Status.PENDING, extension.status]},
        )
        if approve:
            before = audit.snapshot(task, TASK_FIELDS)
            task.due_date = extension.requested_due_date
            _save(task, actor, "extend", before, ["due_date"])
        task_refresh_light(task)
    return extension


def _set_status(actor: Any, task: Task, action: str, status: str, reason: str, allowed: Iterable[str]) -> Task:
    authorize(task_policy, actor, action, task)
    _require_status(task, *allowed)
    if not reason.strip():
        raise ValidationError(_("请填写理由。"))
    _guard(actor, "supervision.task", 理由=reason)
    with transaction.atomic():
        before = audit.snapshot(task, TASK_FIELDS)
        task.status, task.status_reason = status, reason[:300]
        _save(task, actor, action, before, ["status", "status_reason"])
        task_refresh_light(task)
    return task


OPEN = (S.REGISTERED, S.ASSIGNED, S.ACCEPTED, S.CLOSE_REQUESTED)


def task_suspend(*, actor: Any, task: Task, reason: str) -> Task:
    """中止, with a reason."""
    return _set_status(actor, task, "suspend", S.SUSPENDED, reason, OPEN)


def task_cancel(*, actor: Any, task: Task, reason: str) -> Task:
    """撤销, with a reason."""
    return _set_status(actor, task, "cancel", S.CANCELLED, reason, (*OPEN, S.SUSPENDED))


def task_resume(*, actor: Any, task: Task, reason: str) -> Task:
    """恢复办理 after a 中止."""
    return _set_status(
        actor,
        task,
        "resume",
        S.ACCEPTED if task.accepted_at else S.ASSIGNED if task.assigned_at else S.REGISTERED,
        reason,
        (S.SUSPENDED,),
    )


def task_override_light(*, actor: Any, task: Task, light: str, reason: str) -> Task:
    """A supervisor's override of the computed light, with a written reason; an empty light clears it."""
    authorize(task_policy, actor, "override", task)
    if light and light not in {Light.GREEN, Light.YELLOW, Light.RED}:
        raise ValidationError(_("只能调整为绿灯、黄灯或红灯。"))
    if not reason.strip():
        raise ValidationError(_("人工调整亮灯必须写明理由。"))
    _guard(actor, "supervision.override", 理由=reason)
    with transaction.atomic():
        before = audit.snapshot(task, TASK_FIELDS)
        task.override_light, task.override_reason = light, reason[:300] if light else ""
        _save(task, actor, "override_light", before, ["override_light", "override_reason"])
        task_refresh_light(task, actor=actor, trigger=LightChange.Trigger.OVERRIDE)
    return task


def commendation_add(
    *, actor: Any, unit: Unit, level: str, awarded_on: dt.date, reason: str, task: Task | None = None
) -> Commendation:
    """A commendation that adds bonus points to the unit's score for that month."""
    authorize(task_policy, actor, "commend")
    _guard(actor, "supervision.commendation", 事由=reason)
    with transaction.atomic():
        commendation = Commendation(
            unit=unit, level=level, awarded_on=awarded_on, reason=reason, task=task, created_by=actor
        )
        commendation.full_clean()
        commendation.save()
        audit.record(actor=actor, action="commend", obj=commendation, changes={"level": [None, level]})
    return commendation


def research_record(*, actor: Any, task: Task, report: UploadedFile | None, adopted_suggestions: str) -> Task:
    """调研课题: attach the research report and record the adopted suggestions (金点子)."""
    if not (task_policy.can(actor, "attach_research", task) or task_policy.can(actor, "edit", task)):
        raise PermissionDenied
    _guard(actor, "supervision.research", 采纳的建议=adopted_suggestions)
    if report is not None:
        check_upload(report, user=actor, where="supervision.research")
    with transaction.atomic():
        fields = ["adopted_suggestions"]
        task.adopted_suggestions = adopted_suggestions
        if report is not None:
            task.research_report = report
            fields.append("research_report")
        task.save(update_fields=[*fields, "updated_at"])
        audit.record(
            actor=actor,
            action="research_record",
            obj=task,
            changes={"adopted_suggestions": [None, adopted_suggestions[:200]]},
        )
    return task
