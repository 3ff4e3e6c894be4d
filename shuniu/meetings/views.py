"""Pages of 办会: the meetings list and the approver's queue, the application with its breaches, the meeting page
(notices, replies, sign-in, minutes and decisions into tasks), the weekly schedule, a leader's calendar and feed,
activities and absences. Thin: the services decide."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import get_for_user, has_perm
from shuniu.core.actions import run_action, transition_view
from shuniu.core.docx_render import DOCX_MIME
from shuniu.meetings import bookings, minutes, plans, schedule, selectors, services
from shuniu.meetings.forms import AbsenceForm, ActivityForm, ApplicationForm, InviteForm, OutcomeForm, ReplyForm
from shuniu.meetings.models import Meeting, MeetingConfig, PlanItem
from shuniu.meetings.policies import APPLY, CONFIG, MANAGE_SCHEDULE, VIEW_SCHEDULES, meeting_policy, schedule_policy
from shuniu.meetings.schedule import ScheduleConflictError
from shuniu.meetings.transitions import MEETING_FLOW

AuthedRequest = Any
meeting_transition = transition_view(meeting_policy, MEETING_FLOW)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _refuse_unless(any(has_perm(user, p) for p in ("meetings.view_all_meetings", APPLY, "meetings.approve_meeting")))
    qs = selectors.meetings_of(user)
    status = request.GET.get("status", "")
    if status in Meeting.Status.values:
        qs = qs.filter(status=status)
    context = {
        "meetings": list(qs[:100]),
        "awaiting": selectors.awaiting(user),
        "statuses": Meeting.Status.choices,
        "status": status,
        "can_apply": has_perm(user, APPLY),
    }
    return render(request, "meetings/home.html", context)


def apply(request: AuthedRequest) -> HttpResponse:
    _refuse_unless(meeting_policy.can(request.user, "create"))
    form = ApplicationForm(request.POST or None)
    findings: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan_item = None
        if data["in_plan"]:
            plan_item = (
                PlanItem.objects.filter(plan__year=data["start"].year, number=data["in_plan"])
                .select_related("plan")
                .first()
            )
        try:
            if data["in_plan"] and plan_item is None:
                raise ValidationError(_("年度会议计划中没有序号 %(n)s。") % {"n": data["in_plan"]})
            meeting = services.meeting_apply(
                actor=request.user,
                **{
                    k: data[k]
                    for k in ("name", "kind", "cost_class", "form", "start", "end", "venue", "attendee_scope")
                },
                **{
                    k: data[k]
                    for k in ("attendee_count", "speech_minutes", "budget", "comprehensive", "group_discussion")
                },
                necessity=data["necessity"],
                agenda=data["agenda"],
                series=data["series"],
                leaders=list(data["leaders"]),
                plan_item=plan_item,
                justifications=form.justifications(),
            )
        except services.JustificationMissingError as missing:
            findings = missing.findings
            messages.warning(
                request, _("本次申请有 %(n)s 项不符合精简会议规定，请逐项书面说明理由后再提交。") % {"n": len(findings)}
            )
        except ScheduleConflictError as conflict:
            messages.error(request, conflict.message())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("已提交 %(c)s（%(s)s）") % {"c": meeting.code, "s": meeting.get_status_display()}
            )
            return redirect(meeting)
    elif request.method == "POST":
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    typed = form.justifications() if request.method == "POST" else {}
    rows = [{"f": f, "typed": typed.get(f.rule, "")} for f in findings]
    return render(request, "meetings/apply.html", {"form": form, "findings": rows})


def _meeting(request: AuthedRequest, code: str) -> Meeting:
    qs = Meeting.objects.select_related("organiser", "venue", "series", "created_by").prefetch_related(
        "breaches", "leaders"
    )
    return get_for_user(meeting_policy, request.user, "view", queryset=qs, code=code)


def meeting(request: AuthedRequest, code: str) -> HttpResponse:
    m = _meeting(request, code)
    user = request.user
    if request.method == "POST":
        _post(request, m)
        return redirect(m)
    actions = meeting_policy.allowed_actions(user, m)
    mine = m.invitations.filter(user=user).first()
    context = {
        "m": m,
        "transitions": [t for t in MEETING_FLOW if t.name in actions],
        "can_run": meeting_policy.can(user, "notify", m),
        "invitations": m.invitations.select_related("user", "user__unit").order_by("user__unit__path", "id"),
        "counts": minutes.reply_counts(m),
        "mine": mine,
        "reply_form": ReplyForm(),
        "invite_form": InviteForm(),
        "outcome_form": OutcomeForm(),
        "outcomes": m.outcomes.select_related("lead_unit", "task").prefetch_related("co_units"),
        "open_decisions": minutes.open_decisions(m),
        "today": timezone.localdate() == timezone.localtime(m.start).date(),
    }
    return render(request, "meetings/meeting.html", context)


def _post(request: AuthedRequest, m: Meeting) -> None:
    op, user, data = request.POST.get("op", ""), request.user, request.POST
    users = get_user_model().objects
    if op == "invite":
        names = [n for n in re.split(r"[\s,，、]+", data.get("users", "")) if n][:200]
        found = list(users.filter(username__in=names, is_active=True))
        unknown = sorted(set(names) - {u.username for u in found})
        if unknown:
            messages.error(request, _("没有这些账号：%(u)s") % {"u": "、".join(unknown[:10])})
            return
        run_action(request, None, lambda _d: minutes.invite(actor=user, meeting=m, users=found), _("已发出会议通知"))
    elif op == "reply":
        invitation = m.invitations.filter(user=user).first()
        if invitation is None:
            raise Http404
        reply_form = ReplyForm(data)
        run_action(request, reply_form, lambda d: minutes.reply(actor=user, invitation=invitation, **d), _("已回执"))
    elif op == "sign_in":
        target = users.filter(username=data.get("username", "")).first() if data.get("username") else None
        run_action(
            request,
            None,
            lambda _d: minutes.sign_in(actor=user, meeting=m, user=target, code=data.get("code", "")),
            _("已签到"),
        )
    elif op == "outcome":
        form = OutcomeForm(data)
        run_action(request, form, lambda d: minutes.outcome_add(actor=user, meeting=m, **d), _("已记入纪要"))
    elif op == "to_task":
        outcome = m.outcomes.filter(pk=data.get("outcome") if str(data.get("outcome", "")).isdigit() else 0).first()
        if outcome is None:
            raise Http404
        run_action(request, None, lambda _d: minutes.outcome_to_task(actor=user, outcome=outcome), _("已转为督办事项"))
    else:
        raise Http404


def _monday(request: HttpRequest) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    if not dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 25):
        day = timezone.localdate()
    return selectors.monday_of(day)


def _week(request: AuthedRequest) -> tuple[dt.date, list[dict[str, Any]]]:
    from shuniu.org.selectors import leaders

    _refuse_unless(has_perm(request.user, VIEW_SCHEDULES) or has_perm(request.user, MANAGE_SCHEDULE))
    monday = _monday(request)
    return monday, selectors.week_rows(monday, list(leaders()))


def week(request: AuthedRequest) -> HttpResponse:
    monday, days = _week(request)
    context = {
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "days": days,
        "previous": monday - dt.timedelta(days=7),
        "next": monday + dt.timedelta(days=7),
        "can_manage": schedule_policy.can_manage(request.user),
        "print": request.GET.get("print") == "1",
    }
    return render(request, "meetings/week.html", context)


def week_docx(request: AuthedRequest) -> HttpResponse:
    monday, days = _week(request)
    body = selectors.week_docx(monday, days, MeetingConfig.current().issuer)
    return _docx_response(body, f"县领导一周工作安排（{monday:%Y年%m月%d日}起）")


def activity_new(request: AuthedRequest) -> HttpResponse:
    _refuse_unless(schedule_policy.can_manage(request.user))
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = bookings.activity_create(actor=request.user, **form.cleaned_data)
        except ScheduleConflictError as conflict:
            messages.error(request, conflict.message())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已安排 %(c)s") % {"c": activity.code})
            return redirect(f"{reverse('meetings:week')}?week={timezone.localtime(activity.start).date()}")
    elif request.method == "POST":
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return render(request, "meetings/activity_new.html", {"form": form})


def absences(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _refuse_unless(has_perm(user, VIEW_SCHEDULES) or has_perm(user, MANAGE_SCHEDULE))
    form = AbsenceForm(request.POST or None)
    if request.method == "POST":

        def file(d: dict[str, Any]) -> None:
            absence, breaches = bookings.absence_file(actor=user, **d)
            for b in breaches:
                messages.warning(
                    request,
                    _(
                        "注意：%(a)s与%(b)s（%(s)s至%(e)s外出）同时外出，违反“主要负责人和主持日常工作的副职不同时外出”。"
                    )
                    % {"a": absence.leader, "b": b.leader, "s": b.start, "e": b.end},
                )

        if run_action(request, form, file, _("已报备")):
            return redirect("meetings:absences")
    rows = list(schedule_policy.absences(user).select_related("leader", "stand_in").order_by("-start", "-id")[:100])
    clashes = bookings.pair_clashes(rows)
    for row in rows:
        row.breaches = clashes[row.pk]
    return render(request, "meetings/absences.html", {"form": form, "rows": rows})


def leader(request: AuthedRequest, code: Any) -> HttpResponse:
    person = get_user_model().objects.filter(code=code, is_active=True).first()
    if person is None or not schedule_policy.can_view_leader(request.user, person):
        raise Http404
    token = ""
    if request.method == "POST":
        if request.POST.get("op") == "revoke":
            bookings.feed_revoke(actor=request.user, leader=person)
            messages.success(request, _("已停用个人日历订阅地址。"))
        else:
            token = bookings.feed_create(actor=request.user, leader=person)
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(today.replace(day=1), dt.time(), tz)
    hi = lo + dt.timedelta(days=42)
    found = schedule.occurrences_of(lo, hi, leader=person)
    feed_url = request.build_absolute_uri(f"/meetings/feeds/{token}.ics") if token else ""
    return render(request, "meetings/leader.html", {"person": person, "occurrences": found, "feed_url": feed_url})


@login_not_required
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The leader's iCalendar feed: the secret URL is the credential (no session), revocable."""
    person = bookings.feed_leader(token)
    if person is None:
        raise Http404
    now = timezone.now()
    body = selectors.ical(person, now - dt.timedelta(days=31), now + dt.timedelta(days=366))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _docx_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=DOCX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.docx"
    return response


def plan(request: AuthedRequest) -> HttpResponse:
    """The annual plan of a year, and (for the office) its Excel import."""
    from shuniu.core.excel import ImportReport, xlsx_response
    from shuniu.core.imports import import_file
    from shuniu.core.models import ImportJob
    from shuniu.org.forms import ImportForm

    user = request.user
    _refuse_unless(any(has_perm(user, p) for p in ("meetings.view_all_meetings", APPLY, CONFIG)))
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else timezone.localdate().year
    year = min(max(year, 2000), 2100)
    if request.GET.get("template"):
        return xlsx_response(plans.template_xlsx(), "年度会议计划导入模板.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)
    report: ImportReport | None = None
    if request.method == "POST":
        _refuse_unless(has_perm(user, CONFIG))
        if form.is_valid():
            result = import_file(actor=user, kind="meeting_plan", upload=form.cleaned_data["file"])
            if isinstance(result, ImportJob):
                return redirect("shell:import-job", code=result.code)
            report = result
            if report.ok:
                messages.success(request, _("导入成功：%(n)s项计划内会议。") % {"n": report.created})
                return redirect(f"{reverse('meetings:plan')}?year={year}")
    items = PlanItem.objects.filter(plan__year=year).select_related("organiser").annotate(filed=Count("meetings"))
    context = {
        "year": year,
        "items": items.order_by("number"),
        "form": form,
        "report": report,
        "columns": plans.COLUMNS,
        "can_import": has_perm(user, CONFIG),
    }
    return render(request, "meetings/plan.html", context)


def rules_page(request: AuthedRequest) -> HttpResponse:
    """The 精简 rules and the approval chain: read by everyone who applies, changed by the office (audited)."""
    from shuniu.meetings.forms import ConfigForm

    user = request.user
    _refuse_unless(any(has_perm(user, p) for p in ("meetings.view_all_meetings", APPLY, CONFIG)))
    config = MeetingConfig.current()
    form = ConfigForm(request.POST or None, instance=config)
    if request.method == "POST":
        _refuse_unless(has_perm(user, CONFIG))
        if form.is_valid() and run_action(
            request, None, lambda _d: services.config_update(actor=user, **form.cleaned_data), _("已保存办会规则")
        ):
            return redirect("meetings:rules")
    return render(request, "meetings/rules.html", {"form": form, "can_edit": has_perm(user, CONFIG)})
