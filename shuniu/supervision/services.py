"""Every write to a task, one service per transition, each audited (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.extensions import ExtensionFlow
from shuniu.core.guard import refuse_marked
from shuniu.core.periods import period_start
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.core.todos import todo_key
from shuniu.core.workdays import check_date
from shuniu.notifications.services import notifications_done, notify
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
from shuniu.supervision.policies import task_policy
from shuniu.supervision.transitions import TASK_FIELDS, TASK_FLOW

S = Task.Status
EXTENSIONS = ExtensionFlow(model=Extension, owner_field="task", workflow=TASK_FLOW, after_decide=task_refresh_light)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _lead_unit_users(task: Task) -> list[User]:
    return list(
        User.objects.filter(
            unit=task.lead_unit, is_active=True, groups__role__slug__in=["liaison", "handler"]
        ).distinct()
    )


def _notify_lead_unit(task: Task, title: str, body: str = "", level: str = "reminder", todo: str = "") -> None:
    notify(
        recipients=_lead_unit_users(task),
        title=title,
        body=body,
        url=task.get_absolute_url(),
        level=level,
        todo_key=todo_key(task, todo) if todo else "",
    )


def _supervisors(task: Task) -> list[Any]:
    """Who hears that a unit has reported: the supervisor who registered the task, else every 督查员."""
    creator = task.created_by
    if creator is not None and creator.is_active and creator.has_perm("supervision.manage_task"):
        return [creator]
    return list(User.objects.filter(is_active=True, groups__role__slug="supervisor").distinct())


def _notify_supervisors(task: Task, title: str, todo: str) -> None:
    notify(recipients=_supervisors(task), title=title, url=task.get_absolute_url(), level="info", todo_key=todo)


def _guard(actor: Any, where: str, **texts: str) -> None:
    refuse_marked([(k, v) for k, v in texts.items() if v], user=actor, where=where)


def resolve_leader(leader: Any, name: str) -> tuple[Any, str]:
    """(account, name) of a 责任领导: an account must be a leader's; a name alone links to its leader if any."""
    from shuniu.org.selectors import leader_named, leaders

    if leader is not None:
        if not leaders().filter(pk=leader.pk).exists():
            raise ValidationError(_("责任领导须为县领导或办公室主任的账号。"))
        return leader, leader.real_name or leader.username
    return leader_named(name), name.strip()


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
    leader: Any = None,
    report_cycle: str = Task.Cycle.MONTHLY,
    co_units: Iterable[Unit] = (),
    area_tags: Iterable[str] = (),
    milestones: Iterable[tuple[dt.date, str, int]] = (),
    instruction: Any = None,
) -> Task:
    """立项: register a task with the code DB-<year>-<nnnn>. 责任领导 is a leader account (`leader`), or a name
    that is linked to the leader of that name when there is one. A task from an instruction may also be registered
    by the leader who gave it (supervision.register_instruction)."""
    authorize(task_policy, actor, "register_from_instruction" if instruction is not None else "register")
    leader, responsible_leader = resolve_leader(leader, responsible_leader)
    _guard(
        actor, "supervision.task", 标题=title, 工作要求=requirements, 来源依据=source_ref, 责任领导=responsible_leader
    )
    check_date(start_date), check_date(due_date)
    co_units = [u for u in co_units if u.pk != lead_unit.pk]
    with transaction.atomic():
        task = Task(
            title=title,
            requirements=requirements,
            source=source,
            source_ref=source_ref,
            lead_unit=lead_unit,
            leader=leader,
            responsible_leader=responsible_leader,
            start_date=start_date,
            due_date=due_date,
            original_due_date=due_date,
            report_cycle=report_cycle,
            instruction=instruction,
            created_by=person(actor),
        )
        task.code = f"DB-{start_date.year}-{next_value(f'DB-{start_date.year}'):04d}"
        if due_date < start_date:
            raise ValidationError(_("截止日期不能早于开始日期。"))
        # The fields are validated; the foreign keys are rows just read, the code comes from its counter and the
        # date rule was checked above, so the queries full_clean would spend on them are saved (creation is hot).
        task.full_clean(
            exclude=["lead_unit", "leader", "instruction", "created_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        task.save()
        if co_units:
            task.co_units.add(*co_units)
        names = sorted({name.strip()[:30] for name in area_tags if name.strip()})
        tags = [AreaTag.objects.get_or_create(name=name)[0] for name in names]
        if tags:
            Task.area_tags.through.objects.bulk_create([Task.area_tags.through(task=task, areatag=t) for t in tags])
        rows = [Milestone(task=task, date=d, description=text, planned_progress=p) for d, text, p in milestones]
        for row in rows:
            row.full_clean(exclude=["task"])
        Milestone.objects.bulk_create(rows)
        audit.record(
            actor=actor, action="register", obj=task, changes=audit.diff({}, audit.snapshot(task, TASK_FIELDS))
        )
        task_refresh_light(task, facts=[], milestones=rows)  # a new task has no reports yet
    return task


def task_assign(*, actor: Any, task: Task, reason: str = "", today: dt.date | None = None) -> Task:
    """交办: send the task to its lead unit with a 督办通知单 (.docx)."""

    def apply(t: Task) -> list[str]:
        t.assigned_at = timezone.now()
        notice = assignment_notice_docx(t, issued_on=_today(today))
        t.assignment_notice.save(f"{t.code}-督办通知单.docx", ContentFile(notice), save=False)
        return ["assigned_at", "assignment_notice"]

    def after(t: Task) -> None:
        # A to-do: done the moment the task leaves 已交办 (signed for, or a report that implies it).
        _notify_lead_unit(t, _("请签收督办事项：%(t)s") % {"t": t.title}, todo=S.ASSIGNED)

    return TASK_FLOW.run("assign", actor=actor, obj=task, reason=reason, apply=apply, after=after)


def task_accept(*, actor: Any, task: Task, reason: str = "") -> Task:
    """签收: the lead unit takes the task on."""

    def apply(t: Task) -> list[str]:
        t.accepted_at = timezone.now()
        return ["accepted_at"]

    return TASK_FLOW.run("accept", actor=actor, obj=task, reason=reason, apply=apply)


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
    reason: str = "",
) -> ProgressReport:
    """进展反馈: a report for the current period (or `period`); a later one for the same period supersedes it."""
    transition = TASK_FLOW.check("report", actor=actor, obj=task)
    if not 0 <= progress <= 100:
        raise ValidationError(_("进度应在0到100之间。"))
    texts = {"done": done, "problems": problems, "next_steps": next_steps}
    TASK_FLOW.guard(transition, actor=actor, reason=reason, texts=texts, files=[attachment] if attachment else [])
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
        if not is_completion:  # a completion report is announced as the close request
            _notify_supervisors(
                task,
                _("%(u)s报送了进展：%(c)s %(t)s（%(p)s%%）")
                % {"u": task.lead_unit.name, "c": task.code, "t": task.title, "p": progress},
                todo_key(report, ProgressReport.Status.SUBMITTED),
            )
    return report


def _review(actor: Any, report: ProgressReport, status: str, comment: str) -> ProgressReport:
    authorize(task_policy, actor, "review", report.task)
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(_("该报告已审核。"))
    _guard(actor, "supervision.review", 审核意见=comment)
    with transaction.atomic():
        report.status, report.review_comment = status, comment
        report.reviewed_by, report.reviewed_at = person(actor), timezone.now()  # a job reviews as nobody
        report.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"])
        audit.record(
            actor=actor,
            action=f"report_{status}",
            obj=report,
            object_repr=report.task.code,
            changes={"status": [ProgressReport.Status.SUBMITTED, status], "comment": [None, comment]},
        )
        task_refresh_light(report.task)
        notifications_done(todo_key(report, ProgressReport.Status.SUBMITTED))
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
    *,
    actor: Any,
    task: Task,
    done: str = "",
    attachment: UploadedFile | None = None,
    today: dt.date | None = None,
    reason: str = "",
) -> ProgressReport:
    """申请办结: the lead unit files its completion report (`reason` stands for `done` when only it is given)."""
    done = done or reason
    if not done.strip():
        raise ValidationError(_("请填写办结情况。"))
    transition = TASK_FLOW.check("request_close", actor=actor, obj=task)
    # Guarded here, before the transaction: report_submit guards again inside it, where a refusal's log would roll back.
    TASK_FLOW.guard(transition, actor=actor, reason="", texts={"done": done}, files=[attachment] if attachment else [])
    with transaction.atomic():
        report = report_submit(
            actor=actor, task=task, progress=100, done=done, attachment=attachment, today=today, is_completion=True
        )
        task.refresh_from_db()
        TASK_FLOW.run("request_close", actor=actor, obj=task)
        _notify_supervisors(
            task,
            _("%(u)s申请办结：%(c)s %(t)s") % {"u": task.lead_unit.name, "c": task.code, "t": task.title},
            todo_key(task, S.CLOSE_REQUESTED),
        )
    return report


def _review_completion(actor: Any, task: Task, status: str, comment: str) -> None:
    for report in task.reports.filter(is_completion=True, status=ProgressReport.Status.SUBMITTED):
        _review(actor, report, status, comment)
    task.refresh_from_db()


def task_approve_close(*, actor: Any, task: Task, reason: str = "", today: dt.date | None = None) -> Task:
    """审核通过，办结销号."""

    def validate(t: Task) -> None:
        from shuniu.core import registry

        refusals = registry.close_refusals(t.source, t)
        if refusals:
            raise ValidationError(refusals)

    def apply(t: Task) -> list[str]:
        _review_completion(actor, t, ProgressReport.Status.ACCEPTED, reason)
        t.status, t.closed_on = S.CLOSED, _today(today)
        return ["closed_on"]

    return TASK_FLOW.run(
        "approve_close",
        validate=validate,
        actor=actor,
        obj=task,
        reason=reason,
        apply=apply,
        after=lambda t: task_refresh_light(t, as_of=t.closed_on),
        audit_action="close",
    )


def task_return_close(*, actor: Any, task: Task, reason: str) -> Task:
    """审核退回: the completion is not accepted; the task goes back to 办理."""

    def apply(t: Task) -> list[str]:
        _review_completion(actor, t, ProgressReport.Status.RETURNED, reason)
        t.status, t.status_reason = S.ACCEPTED, reason.strip()[:300]
        return ["status_reason"]

    def after(t: Task) -> None:
        _notify_lead_unit(t, _("办结申请被退回：%(t)s") % {"t": t.title}, body=reason, level="warning")

    return TASK_FLOW.run("return_close", actor=actor, obj=task, reason=reason, apply=apply, after=after)


def extension_request(
    *,
    actor: Any,
    task: Task,
    requested_due_date: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> Extension:
    """延期申请: only before the due date, and only to a later date."""
    return EXTENSIONS.request(  # type: ignore[return-value]
        actor=actor, owner=task, requested_due_date=requested_due_date, reason=reason, today=today
    )


def extension_decide(*, actor: Any, extension: Extension, approve: bool, comment: str = "") -> Extension:
    """Approve (the due date moves; the original is kept) or refuse (the task is judged by its due date)."""
    return EXTENSIONS.decide(actor=actor, extension=extension, approve=approve, comment=comment)  # type: ignore[return-value]


def _set_status(actor: Any, task: Task, name: str, reason: str, status: str | None = None) -> Task:
    def apply(t: Task) -> list[str]:
        if status is not None:
            t.status = status
        t.status_reason = reason.strip()[:300]
        return ["status", "status_reason"]

    return TASK_FLOW.run(name, actor=actor, obj=task, reason=reason, apply=apply, after=task_refresh_light)


def task_suspend(*, actor: Any, task: Task, reason: str) -> Task:
    """中止, with a reason."""
    return _set_status(actor, task, "suspend", reason)


def task_cancel(*, actor: Any, task: Task, reason: str) -> Task:
    """撤销, with a reason."""
    return _set_status(actor, task, "cancel", reason)


def task_resume(*, actor: Any, task: Task, reason: str) -> Task:
    """恢复办理 after a 中止: back to where it stood."""
    status = S.ACCEPTED if task.accepted_at else S.ASSIGNED if task.assigned_at else S.REGISTERED
    return _set_status(actor, task, "resume", reason, status)


def task_override_light(*, actor: Any, task: Task, light: str, reason: str) -> Task:
    """A supervisor's override of the computed light, with a written reason; an empty light clears it."""

    def validate(t: Task) -> None:
        if light and light not in {Light.GREEN, Light.YELLOW, Light.RED}:
            raise ValidationError(_("只能调整为绿灯、黄灯或红灯。"))

    def apply(t: Task) -> list[str]:
        t.override_light, t.override_reason = light, reason.strip()[:300] if light else ""
        return ["override_light", "override_reason"]

    return TASK_FLOW.run(
        "override",
        actor=actor,
        obj=task,
        reason=reason,
        validate=validate,
        apply=apply,
        after=lambda t: task_refresh_light(t, actor=actor, trigger=LightChange.Trigger.OVERRIDE),
        audit_action="override_light",
    )


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


def research_record(
    *, actor: Any, task: Task, report: UploadedFile | None = None, adopted_suggestions: str = "", reason: str = ""
) -> Task:
    """调研课题: attach the research report and record the adopted suggestions (金点子)."""

    def apply(t: Task) -> list[str]:
        t.adopted_suggestions = adopted_suggestions
        if report is not None:
            t.research_report = report
            return ["adopted_suggestions", "research_report"]
        return ["adopted_suggestions"]

    return TASK_FLOW.run(
        "research",
        actor=actor,
        obj=task,
        reason=reason,
        texts={"adopted_suggestions": adopted_suggestions},
        files=[report] if report is not None else [],
        apply=apply,
        audit_action="research_record",
    )
