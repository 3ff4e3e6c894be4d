"""Pages of 创新案例评比 and 科室讲堂: the calls, a call (the unit's submission form; the judge's anonymised scoring
sheet; the organiser's view with units and the live ranking; the published ranking for everyone), the award notice,
the lecture rota. Thin: services decide."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import has_perm, in_a_unit
from shuniu.core.actions import run_action
from shuniu.core.docx_render import docx_response
from shuniu.core.excel import xlsx_bytes, xlsx_response
from shuniu.core.forms import posted_date
from shuniu.core.listing import searched, wants_export
from shuniu.innovation import services
from shuniu.innovation.models import Call, Lecture, Score
from shuniu.org.models import Unit


def _in(user: Any) -> None:
    if not in_a_unit(user):
        raise PermissionDenied


def calls(request: Any) -> HttpResponse:
    user = request.user
    _in(user)
    manage = has_perm(user, services.MANAGE)
    people = get_user_model().objects.filter(is_active=True, unit__isnull=False).order_by("unit__sort_order", "id")
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        post = request.POST
        year = int(post["year"]) if post.get("year", "").isdigit() else 0
        quarter = int(post["quarter"]) if post.get("quarter", "").isdigit() else 0
        judges = list(people.filter(pk__in=[p for p in post.getlist("judges") if p.isdigit()]))
        run_action(request, None, lambda _d: services.call_create(
            actor=user, year=year, quarter=quarter, deadline=posted_date(post.get("deadline", "")), judges=judges),
            _("已发布评比通知。"))  # fmt: skip
        return redirect("innovation:calls")
    found = searched(Call.objects.all(), request, ["code", "title"])
    if wants_export(request):
        rows = [[c.title, r["rank"], r["prize"], r["title"], r["unit"], r["score"], r["judges"]]
                for c in found.filter(status=Call.Status.PUBLISHED) for r in c.ranking]  # fmt: skip
        headers = [_("评比"), _("名次"), _("奖项"), _("案例名称"), _("申报单位"), _("得分"), _("评委数")]
        return xlsx_response(xlsx_bytes(headers, rows, title=_("创新案例评比结果")), f"{_('创新案例评比结果')}.xlsx")
    context = {"calls": found[:40], "manage": manage, "people": people if manage else [],
               "year": timezone.localdate().year}  # fmt: skip
    return render(request, "innovation/calls.html", context)


def call_page(request: Any, code: str) -> HttpResponse:
    user = request.user
    _in(user)
    call = get_object_or_404(Call, code=code)
    manage = has_perm(user, services.MANAGE)
    judge = call.judges.filter(pk=user.pk).exists()
    if request.GET.get("export") == "docx":
        if call.status != Call.Status.PUBLISHED:
            raise Http404
        return docx_response(services.award_docx(call), f"{call.title}结果通报.docx")
    if request.method == "POST":
        post = request.POST
        what = post.get("what")
        if what == "case":
            title, summary = post.get("title", ""), post.get("summary", "")
            run_action(request, None,
                       lambda _d: services.case_submit(actor=user, call=call, title=title, summary=summary),
                       _("已申报。"))  # fmt: skip
        elif what == "score":
            case = get_object_or_404(call.cases.select_related("unit"), code=post.get("case", ""))
            values = {c.pk: post.get(f"c-{c.pk}", "") for c in services.criteria()}
            run_action(request, None, lambda _d: services.score_submit(actor=user, case=case, values=values),
                       _("已保存 %(c)s 的评分。") % {"c": case.code})  # fmt: skip
        elif what == "publish":
            run_action(request, None, lambda _d: services.call_publish(actor=user, call=call), _("已公布排名。"))
        else:
            raise Http404
        return redirect(call)
    mine = (
        {(s.case_id, s.criterion_id): s.value for s in Score.objects.filter(case__call=call, judge=user)}
        if judge
        else {}
    )
    sheet = (
        [
            (c, [(k, mine.get((c.pk, k.pk), "")) for k in services.criteria()])
            for c in services.cases_to_score(user, call)
        ]
        if judge
        else []
    )
    context = {
        "call": call,
        "manage": manage,
        "judge": judge,
        "may_submit": has_perm(user, services.SUBMIT) and call.status == Call.Status.OPEN,
        "open": timezone.localdate() <= call.deadline,
        "own": call.cases.filter(unit_id=user.unit_id) if user.unit_id else [],
        "sheet": sheet,
        "criteria": services.criteria(),
        "live": services.ranking(call) if manage and call.status == Call.Status.OPEN else [],
        "cases": call.cases.select_related("unit") if manage else [],
    }
    return render(request, "innovation/call.html", context)


def lectures(request: Any) -> HttpResponse:
    user = request.user
    _in(user)
    manage = has_perm(user, services.MANAGE)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        post = request.POST
        speaker = get_user_model().objects.filter(pk=post.get("speaker") or 0, is_active=True).first()
        unit = Unit.objects.filter(pk=post.get("unit") or 0).first()
        day_text, topic = post.get("date", ""), post.get("topic", "")
        run_action(request, None, lambda _d: services.lecture_add(
            actor=user, date=posted_date(day_text), speaker=speaker, unit=unit, topic=topic,
            materials=request.FILES.get("materials")), _("已安排科室讲堂。"))  # fmt: skip
        return redirect("innovation:lectures")
    found = searched(
        Lecture.objects.select_related("speaker", "unit"), request, ["topic", "unit__name", "speaker__real_name"]
    )
    found = found.filter(date__year=timezone.localdate().year)
    if wants_export(request):
        rows = [[x.date, x.unit.name, str(x.speaker), x.topic] for x in found]
        headers = [_("日期"), _("科室"), _("主讲人"), _("题目")]
        return xlsx_response(xlsx_bytes(headers, rows, title=_("科室讲堂")), f"{_('科室讲堂')}.xlsx")
    context = {
        "lectures": found,
        "manage": manage,
        "people": get_user_model().objects.filter(is_active=True, unit__isnull=False).order_by("unit__sort_order", "id")
        if manage
        else [],
        "sections": Unit.objects.filter(kind=Unit.Kind.SECTION).order_by("sort_order", "id") if manage else [],
    }
    return render(request, "innovation/lectures.html", context)
