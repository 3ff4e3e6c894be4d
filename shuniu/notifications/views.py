from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shuniu.notifications.models import Notification
from shuniu.notifications.services import notification_mark_read
from shuniu.org.http import AuthedRequest


def inbox(request: AuthedRequest) -> HttpResponse:
    qs = Notification.objects.filter(recipient=request.user)
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": bool(request.GET.get("unread"))})


@require_POST
def mark_read(request: AuthedRequest, code: str) -> HttpResponse:
    notification = get_object_or_404(Notification, recipient=request.user, code=code)
    notification_mark_read(user=request.user, notification=notification)
    if request.headers.get("HX-Request"):
        return HttpResponse("")
    return redirect(notification.url or "notifications:inbox")


@require_POST
def mark_all_read(request: AuthedRequest) -> HttpResponse:
    notification_mark_read(user=request.user)
    return redirect("notifications:inbox")
