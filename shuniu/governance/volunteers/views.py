from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuniu.core.access import get_for_user
from shuniu.core.actions import run_action
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.listing import Column, ListSpec
from shuniu.governance.models import Signup, Volunteer
from shuniu.governance.portal.views import TRACK_LIMIT, throttled
from shuniu.governance.volunteers import services as volunteers
from shuniu.governance.volunteers.policies import activity_policy, volunteer_policy
from shuniu.org.http import AuthedRequest


class ActivityForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.volunteer"
    title = forms.CharField(label=_("活动名称"), max_length=200)
    held_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点"), max_length=200)
    capacity = forms.IntegerField(label=_("招募人数"), min_value=1, max_value=1000, initial=20)
    description = forms.CharField(label=_("活动内容"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SignupForm(GuardedFormMixin, forms.Form):
    guard_where = "portal.signup"
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(
        label=_("手机号码（不会公开）"), max_length=11, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    skills = forms.CharField(label=_("技能特长（选填）"), max_length=200, required=False)


VOLUNTEERS = ListSpec(
    search=("name", "skills", "organization__name"),
    sorts={"name": "name", "hours": "hours"},
    default="-hours",
    columns=[
        Column(_("姓名"), "name"),
        Column(_("联系电话"), "phone_masked"),  # masked: the full number is personal data
        Column(_("技能特长"), "skills"),
        Column(_("所属组织"), "organization.name"),
        Column(_("服务时长（小时）"), "hours", fmt="0.0"),
        Column(_("星级"), "stars"),
    ],
    filename="志愿者",
)
ACTIVITIES = ListSpec(
    search=("title", "place", "description"),
    sorts={"held": "held_on", "title": "title"},
    default="-held",
    columns=[
        Column(_("活动名称"), "title"),
        Column(_("日期"), "held_on"),
        Column(_("地点"), "place"),
        Column(_("招募人数"), "capacity"),
        Column(_("活动内容"), "description"),
    ],
    filename="志愿活动",
)


def overview(request: AuthedRequest) -> HttpResponse:
    if not volunteers.can_manage(request.user):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST" and run_action(
        request, form, lambda d: volunteers.activity_create(actor=request.user, **d)
    ):
        return redirect("governance:volunteers")
    which = request.GET.get("list", "volunteers")
    people, sort, file = VOLUNTEERS.apply(
        request, volunteer_policy.visible(request.user, Volunteer.objects.select_related("organization"))
    )
    if file is not None and which == "volunteers":
        return file
    activities, _sort, file = ACTIVITIES.apply(request, activity_policy.visible(request.user))
    if file is not None:
        return file
    context = {"volunteers": people[:200], "activities": activities[:50], "form": form, "sort": sort}
    return render(request, "governance/volunteers.html", context)


def activity_detail(request: AuthedRequest, code: str) -> HttpResponse:
    activity = get_for_user(activity_policy, request.user, code=code)  # invisible: 404, like every object
    if request.method == "POST":
        entry = get_object_or_404(Signup, pk=request.POST.get("signup"), activity=activity)
        try:
            hours = Decimal(request.POST.get("hours", ""))
        except ArithmeticError:
            hours = Decimal(-1)
        run_action(request, None, lambda d: volunteers.hours_record(actor=request.user, entry=entry, hours=hours))
        return redirect("governance:volunteer-activity", code=code)
    signups = activity.signups.select_related("volunteer")
    return render(request, "governance/volunteer_activity.html", {"activity": activity, "signups": signups})


def portal_activity(request: HttpRequest, code: str) -> HttpResponse:
    activity = get_object_or_404(activity_policy.public(), code=code, held_on__gte=timezone.localdate())
    form = SignupForm(request.POST or None)
    done = False
    if request.method == "POST":
        if throttled(request, "signup", TRACK_LIMIT):
            return render(request, "portal/throttled.html", status=429)
        done = run_action(request, form, lambda d: volunteers.signup(activity=activity, **d))
    taken = activity.signups.count()
    return render(request, "portal/activity.html", {"activity": activity, "form": form, "done": done, "taken": taken})
