"""节假日值班信息日报 (issue 14 point 2): on a statutory holiday the day's report is compiled from the roster and the
duty log (the day's duty people, every call and visit since the last report time, the items still open, what was
raised), edited by the officer and 报送 by the configured time (default 16:30); a report sent after it is marked late.
A daily job compiles the draft and tells the log keepers in the morning."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.core.guard import refuse_marked
from shuniu.core.workdays import check_date, holiday_name
from shuniu.duty.log import KEEP, require_keeper
from shuniu.duty.models import DailyReport, Duty, DutyConfig, LogEntry

CN_NUMBERS = "一二三四五六七八九十"


def due_at(day: dt.date, config: DutyConfig | None = None) -> dt.datetime:
    config = config or DutyConfig.current()
    return timezone.make_aware(dt.datetime.combine(day, config.report_time))


def _window(day: dt.date, config: DutyConfig) -> tuple[dt.datetime, dt.datetime]:
    """From the previous day's report time to this day's: every call is in exactly one day's report."""
    end = due_at(day, config)
    return end - dt.timedelta(days=1), end


def compile_text(day: dt.date, config: DutyConfig | None = None) -> str:
    """The report's text in the office's usual four parts."""
    config = config or DutyConfig.current()
    start, end = _window(day, config)
    duties = list(Duty.objects.filter(date=day).select_related("person", "shift").order_by("role", "shift__sort_order"))
    leaders = "、".join(str(d.person) for d in duties if d.role == Duty.Role.LEADER) or _("（未排）")
    officers = "、".join(f"{d.person}（{d.shift}）" for d in duties if d.role == Duty.Role.OFFICER) or _("（未排）")
    entries = list(
        LogEntry.objects.filter(at__gte=start, at__lt=end).exclude(kind=LogEntry.Kind.HANDOVER).order_by("at")
    )
    still_open = list(LogEntry.objects.filter(status=LogEntry.Status.OPEN, at__lt=end).order_by("at"))
    calls = sum(e.kind == LogEntry.Kind.CALL for e in entries)
    visits = sum(e.kind == LogEntry.Kind.VISIT for e in entries)
    parts = [
        _("%(h)s期间，%(o)s严格落实领导带班和24小时值班制度。")
        % {"h": holiday_name(day) or _("节假日"), "o": config.office},
        _("一、值班安排。带班领导：%(l)s；值班人员：%(o)s。") % {"l": leaders, "o": officers},
        _("二、值班情况。%(a)s至%(b)s，共接来电%(c)s起、来访%(v)s起。")
        % {"a": _stamp(start), "b": _stamp(end), "c": calls, "v": visits},
    ]
    if not entries:
        parts.append(_("未接到重要来电来访，全县总体平稳。"))
    for n, e in enumerate(entries, 1):
        who = " ".join(x for x in (e.unit, e.caller) if x)
        line = f"（{_cn(n)}）{timezone.localtime(e.at):%H:%M} {who}{e.get_kind_display()}：{e.content}"
        if e.handling:
            line += _("处理情况：%(h)s") % {"h": e.handling}
        if e.raised_code:
            line += _("（已转%(k)s %(c)s）") % {"k": e.get_raised_kind_display(), "c": e.raised_code}
        parts.append(line)
    parts.append(_("三、待办事项。") + (_("无。") if not still_open else ""))
    parts += [f"（{_cn(n)}）{e.code}：{e.content[:120]}" for n, e in enumerate(still_open, 1)]
    parts.append(_("四、值班电话：%(p)s。") % {"p": config.phone})
    return "\n".join(parts)


def _cn(n: int) -> str:
    return CN_NUMBERS[n - 1] if n <= 10 else str(n)


def _stamp(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{local.month}月{local.day}日{local:%H:%M}"


def report_compile(*, actor: Any, day: dt.date) -> DailyReport:
    """编制 (or refresh) the day's draft from the log; refused on a day that is not a statutory holiday or once
    sent."""
    require_keeper(actor)
    check_date(day)
    name = holiday_name(day)
    if not name:
        raise ValidationError(_("%(d)s 不是法定节假日，不需报送值班信息日报。") % {"d": day}, code="not_holiday")
    config = DutyConfig.current()
    with transaction.atomic():
        report = DailyReport.objects.select_for_update().filter(date=day).first()
        if report is not None and report.status == DailyReport.Status.SENT:
            raise ValidationError(_("%(d)s 的值班信息日报已报送。") % {"d": day}, code="sent")
        text = compile_text(day, config)
        if report is None:
            report = DailyReport.objects.create(date=day, holiday=name, content=text, due_at=due_at(day, config))
        else:
            report.content, report.due_at = text, due_at(day, config)
            report.save(update_fields=["content", "due_at", "updated_at"])
        audit.record(actor=actor, action="compile", obj=report, changes={"content": [None, len(text)]})
    return report


def report_send(*, actor: Any, report: DailyReport, content: str, now: dt.datetime | None = None) -> DailyReport:
    """报送: the officer's edited text is kept as sent; after the report time it is recorded as late."""
    require_keeper(actor)
    refuse_marked([(_("日报内容"), content)], user=actor, where="duty.report")
    if not content.strip():
        raise ValidationError(_("请填写日报内容。"), code="content")
    with transaction.atomic():
        report = DailyReport.objects.select_for_update().get(pk=report.pk)
        if report.status == DailyReport.Status.SENT:
            raise ValidationError(_("%(d)s 的值班信息日报已报送。") % {"d": report.date}, code="sent")
        report.content = content.strip()[:20000]
        report.status, report.sent_at, report.sent_by = DailyReport.Status.SENT, now or timezone.now(), actor
        report.save(update_fields=["content", "status", "sent_at", "sent_by", "updated_at"])
        audit.record(
            actor=actor, action="send", obj=report, changes={"status": ["draft", "sent"], "late": [None, report.late]}
        )
    return report


def report_docx(report: DailyReport) -> bytes:
    doc = OfficialDocument()
    doc.title(_("%(h)s值班信息日报") % {"h": report.holiday})
    doc.para(_("（%(d)s）") % {"d": date_cn(report.date)}, align_right=True)
    for line in report.content.splitlines():
        if line.strip():
            doc.para(line.strip())
    doc.blank()
    doc.para(DutyConfig.current().office + _("值班室"), align_right=True)
    doc.para(date_cn(report.date), align_right=True)
    return doc.to_bytes()


def holiday_job(*, actor: Any, today: dt.date) -> DailyReport | None:
    """The morning job on a statutory holiday: the draft compiled and the log keepers told when it is due."""
    if not holiday_name(today) or DailyReport.objects.filter(date=today).exists():
        return None
    report = report_compile(actor=actor, day=today)
    from shuniu.notifications.services import notify
    from shuniu.org.selectors import holders

    notify(
        recipients=holders(KEEP),
        title=_("今日须报送值班信息日报（%(t)s前）") % {"t": f"{timezone.localtime(report.due_at):%H:%M}"},
        url=f"/duty/report/?date={today}",
        level="warning",
    )
    return report
