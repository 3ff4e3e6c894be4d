"""The public portal (no login): submit a request, track it, read published answers (SPEC §9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuniu.audit.context import client_ip
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.privacy import redact
from shuniu.governance.models import (
    Category,
    CitizenRequest,
    ParticipationEvent,
    RequestType,
)
from shuniu.governance.requests import services
from shuniu.governance.requests.policies import request_policy
from shuniu.governance.volunteers.policies import activity_policy
from shuniu.org.models import Unit

SUBMIT_LIMIT = ("PORTAL_SUBMITS_PER_HOUR", 3600)  # submissions per IP per hour (setting, default 5)
TRACK_LIMIT = ("PORTAL_LOOKUPS_PER_MINUTE", 60)  # lookups per IP per minute (setting, default 30)
MAX_PHOTOS = 3


def throttled(request: HttpRequest, kind: str, limit: tuple[str, int], counters: Any = None) -> bool:
    """True when this IP has used up its `limit` (setting name of the count, seconds) for `kind`. The counters are
    the "throttle" cache, shared by every worker in production (Redis, or the database cache)."""
    key = f"portal:{kind}:{client_ip(request.META)}"
    count, window = getattr(settings, limit[0]), limit[1]
    counters = counters if counters is not None else caches["throttle"]
    counters.add(key, 0, window)
    try:
        used = counters.incr(key)
    except ValueError:  # expired between add and incr
        counters.set(key, 1, window)
        used = 1
    return used > count


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class PortalForm(GuardedFormMixin, forms.Form):
    guard_where = "portal.submit"
    request_type = forms.ChoiceField(label=_("诉求类型"), choices=RequestType.choices, initial=RequestType.COMPLAINT)
    category = forms.ModelChoiceField(label=_("类别"), required=False, queryset=Category.objects.filter(is_active=True))
    title = forms.CharField(label=_("标题"), max_length=100)
    content = forms.CharField(label=_("具体情况"), widget=forms.Textarea(attrs={"rows": 5}), max_length=3000)
    town = forms.ModelChoiceField(
        label=_("所在乡镇街道"), required=False, queryset=Unit.objects.filter(kind=Unit.Kind.TOWN).order_by("path")
    )
    address = forms.CharField(label=_("具体地点"), max_length=200, required=False)
    citizen_name = forms.CharField(label=_("您的称呼"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("手机号码（用于回访和查询，不会公开）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    anonymous = forms.BooleanField(label=_("匿名反映（将无法回访）"), required=False)
    photos = MultipleFileField(label=_("照片（最多3张）"), required=False)


def portal_home(request: HttpRequest) -> HttpResponse:
    # Published answers are read by anyone: numbers and the caller's name are masked in the texts too.
    published = [
        {
            **row,
            "title": redact(row["title"], [row["citizen_name"]]),
            "reply": redact(row["reply"], [row["citizen_name"]]),
        }
        for row in request_policy.public()
        .values("title", "reply", "replied_at", "citizen_name", "handling_unit__name", "category__name")
        .order_by("-replied_at")[:10]
    ]
    today = timezone.localdate()
    upcoming = ParticipationEvent.objects.filter(held_on__gte=today).select_related("town").order_by("held_on")[:5]
    results = (
        ParticipationEvent.objects.filter(published=True, held_on__lt=today)
        .prefetch_related("items")
        .order_by("-held_on")[:3]
    )
    activities = activity_policy.public().filter(held_on__gte=today).order_by("held_on")[:5]
    context = {"published": published, "upcoming": upcoming, "results": results, "activities": activities}
    return render(request, "portal/home.html", context)


def portal_submit(request: HttpRequest) -> HttpResponse:
    form = PortalForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if throttled(request, "submit", SUBMIT_LIMIT):
            return render(request, "portal/throttled.html", status=429)
        if form.is_valid():
            photos = form.cleaned_data["photos"]
            try:
                if len(photos) > MAX_PHOTOS:
                    raise ValidationError(_("最多上传3张照片。"))
                data = {k: v for k, v in form.cleaned_data.items() if k != "photos"}
                req = services.request_receive(actor=None, channel="web", attachments=photos, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return render(request, "portal/submitted.html", {"req": req})
    return render(request, "portal/submit.html", {"form": form})


TRACK_FIELDS = (
    "title",
    "status",
    "status_reason",
    "redirect_advice",
    "reply",
    "created_at",
    "due_date",
    "handling_unit__name",
)
# The portal's busiest query, in plain SQL: building it through the ORM costs more than running it (bench/RESULTS.md).
_TRACK_SQL = (
    "SELECT r.title, r.status, r.status_reason, r.redirect_advice, r.reply, r.created_at, r.due_date, u.name "
    "FROM governance_citizenrequest r LEFT JOIN org_unit u ON u.id = r.handling_unit_id "
    "WHERE r.tracking_code = %s AND r.phone_last4 = %s"
)


def tracked_request(code: str, last4: str) -> dict[str, Any] | None:
    """The public facts of the request with this tracking code and phone ending, or None."""
    if len(last4) != 4 or not code:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_TRACK_SQL, [code, last4])
        row = cursor.fetchone()
    if row is None:
        return None
    found = dict(zip(TRACK_FIELDS, row, strict=True))
    if timezone.is_naive(found["created_at"]):  # SQLite hands plain SQL its UTC datetimes without a zone
        found["created_at"] = timezone.make_aware(found["created_at"], dt.UTC)
    found["status_label"] = CitizenRequest.Status(found["status"]).label
    return found


def portal_track(request: HttpRequest) -> HttpResponse:
    code, last4 = request.GET.get("code", "").strip().upper(), request.GET.get("last4", "").strip()
    context: dict[str, Any] = {"code": code, "last4": last4}
    if code:
        if throttled(request, "track", TRACK_LIMIT):
            return render(request, "portal/throttled.html", status=429)
        req = tracked_request(code, last4)
        context["req"] = req
        context["not_found"] = req is None
    return render(request, "portal/track.html", context)
