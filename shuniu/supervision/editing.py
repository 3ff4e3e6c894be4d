"""Changing a task after 立项 and pushing it (催办 / 督办单) now; bulk 交办. Every change audited field by field, the
lead unit told of the changes that matter, pushes rate-limited as the daily reminders are (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.core.workdays import check_date
from shuniu.notifications.models import Notification
from shuniu.notifications.services import notify
from shuniu.org.models import Unit, User
from shuniu.supervision import services
from shuniu.supervision.lights import task_refresh_light
from shuniu.supervision.models import AreaTag, Milestone, Task
from shuniu.supervision.transitions import TASK_FLOW

# Changes the lead unit must hear of (a new title or leader is for the office's records only).
MATTERS = {"requirements", "lead_unit", "co_units", "start_date", "due_date", "report_cycle", "milestones"}
PUSH_KINDS = {"cuiban": gettext_lazy("催办通知"), "duban": gettext_lazy("督办单")}


def _label(name: str) -> str:
    """A changed field as the notice names it: the model's own label (节点 for the milestone rows)."""
    if name == "milestones":
        return str(Milestone._meta.verbose_name)
    return str(getattr(Task._meta.get_field(name), "verbose_name", name))


def _milestone_rows(task: Task) -> list[str]:
    return [f"{m.date.isoformat()} {m.description} {m.planned_progress}%" for m in task.milestones.order_by("date")]


def task_update(
    *,
    actor: Any,
    task: Task,
    title: str,
    source: str,
    lead_unit: Unit,
    start_date: dt.date,
    due_date: dt.date,
    requirements: str = "",
    source_ref: str = "",
    leader: Any = None,
    report_cycle: str = Task.Cycle.MONTHLY,
    co_units: Iterable[Unit] = (),
    area_tags: Iterable[str] = (),
    milestones: Iterable[tuple[dt.date, str, int]] = (),
    reason: str = "",
) -> Task:
    """修改: change a task that is still open; each changed field is in the audit record, and the lead unit (the old
    one too, when it changes) is notified of changes that matter once the task has been assigned."""
    check_date(start_date), check_date(due_date)
    if due_date < start_date:
        raise ValidationError(_("截止日期不能早于开始日期。"))
    leader, leader_name = services.resolve_leader(leader, "")
    new_co = sorted({u.pk: u for u in co_units if u.pk != lead_unit.pk}.values(), key=lambda u: u.path)
    new_tags = sorted({t.strip()[:30] for t in area_tags if t.strip()})
    new_milestones = sorted(milestones)
    old_unit = task.lead_unit
    changed: set[str] = set()

    def apply(t: Task) -> list[str]:
        values = {
            "title": title,
            "source": source,
            "source_ref": source_ref,
            "requirements": requirements,
            "lead_unit": lead_unit,
            "leader": leader,
            # A legacy name that matches no account is kept until a leader account is chosen.
            "responsible_leader": leader_name if leader else (t.responsible_leader if t.leader_id is None else ""),
            "start_date": start_date,
            "due_date": due_date,
            "report_cycle": report_cycle,
        }
        fields = [k for k, v in values.items() if getattr(t, k) != v]
        for key in fields:
            setattr(t, key, values[key])
        t.full_clean(exclude=["code"])
        changed.update(fields)
        return fields

    def related(t: Task) -> dict[str, Any]:
        out: dict[str, Any] = {}
        before_co = [u.name for u in t.co_units.order_by("path")]
        if before_co != [u.name for u in new_co]:
            t.co_units.set(new_co)
            out["co_units"] = [before_co, [u.name for u in new_co]]
        before_tags = sorted(t.area_tags.values_list("name", flat=True))
        if before_tags != new_tags:
            t.area_tags.set([AreaTag.objects.get_or_create(name=name)[0] for name in new_tags])
            out["area_tags"] = [before_tags, new_tags]
        before_ms = _milestone_rows(t)
        after_ms = [f"{d.isoformat()} {text} {p}%" for d, text, p in new_milestones]
        if before_ms != after_ms:
            t.milestones.all().delete()
            for date, description, planned in new_milestones:
                row = Milestone(task=t, date=date, description=description, planned_progress=planned)
                row.full_clean()
                row.save()
            out["milestones"] = [before_ms, after_ms]
        changed.update(out)
        return out

    def after(t: Task) -> None:
        task_refresh_light(t)
        matters = sorted(changed & MATTERS)
        if t.status == Task.Status.REGISTERED or not matters:
            return
        what = "、".join(_label(k) for k in matters)
        title_text = _("督办事项有变更：%(t)s（%(what)s）") % {"t": t.title, "what": what}
        services._notify_lead_unit(t, title_text, body=reason, level="warning")
        if old_unit.pk != t.lead_unit_id:
            notify(
                recipients=User.objects.filter(unit=old_unit, is_active=True, groups__role__slug__in=["liaison"]),
                title=_("督办事项已改由%(u)s牵头：%(t)s") % {"u": t.lead_unit.name, "t": t.title},
                url="",
                level="info",
            )

    texts = {"title": title, "requirements": requirements, "source_ref": source_ref}
    texts.update({f"milestone{i}": text for i, (_d, text, _p) in enumerate(new_milestones)})
    return TASK_FLOW.run(
        "edit", actor=actor, obj=task, reason=reason, texts=texts, apply=apply, related=related, after=after
    )


def _pushed_today(task: Task, kind: str, today: dt.date) -> bool:
    return Notification.objects.filter(dedupe_key=f"task:{task.code}:{kind}:{today.isoformat()}").exists()


def task_push(*, actor: Any, task: Task, kind: str = "cuiban", reason: str = "", today: dt.date | None = None) -> Task:
    """催办 / 督办单 now: the notice the daily reminders would send, sent at once to the lead unit. The same kind of
    notice for the same task goes out at most once a day, whether the job or a person sends it."""
    if kind not in PUSH_KINDS:
        raise ValidationError(_("请选择催办通知或督办单。"))
    day = today or timezone.localdate()
    if _pushed_today(task, kind, day):
        raise ValidationError(
            _("今天已向牵头单位发送过%(kind)s（同一事项同类提醒每天一次）。") % {"kind": PUSH_KINDS[kind]}
        )
    recipients = services._lead_unit_users(task)

    def validate(t: Task) -> None:
        if not recipients:
            raise ValidationError(_("牵头单位没有联络员或经办人账号，无法发送。"))

    def after(t: Task) -> None:
        label = PUSH_KINDS[kind]
        notify(
            recipients=recipients,
            title=f"{label}：{t.title}（{t.light_reason}）"[:200],
            body=reason or t.light_reason,
            url=t.get_absolute_url(),
            level="warning" if kind == "duban" else "reminder",
            dedupe_key=f"task:{t.code}:{kind}:{day.isoformat()}",
        )

    return TASK_FLOW.run(
        "push", actor=actor, obj=task, reason=reason, validate=validate, after=after, audit_action=f"push_{kind}"
    )


def tasks_assign_bulk(
    *, actor: Any, tasks: Iterable[Task], today: dt.date | None = None
) -> tuple[list[str], list[str]]:
    """批量交办: each selected task through `task_assign` (its own notice, notification and audit record); a task
    that cannot be assigned is reported, not fatal. Returns (assigned codes, refusals)."""
    done: list[str] = []
    refused: list[str] = []
    for task in tasks:
        try:
            services.task_assign(actor=actor, task=task, today=today)
        except (ValidationError, PermissionDenied) as exc:
            message = "；".join(exc.messages) if isinstance(exc, ValidationError) else _("无权交办")
            refused.append(f"{task.code}：{message}")
        else:
            done.append(task.code)
    return done, refused
