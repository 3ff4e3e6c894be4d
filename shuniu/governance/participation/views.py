from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from shuniu.core.access import authorize, get_for_user
from shuniu.core.actions import run_action
from shuniu.core.guard import GuardedFormMixin
from shuniu.core.listing import Column, ListSpec
from shuniu.governance.models import EventItem, ParticipationEvent
from shuniu.governance.participation import services as events
from shuniu.governance.participation.policies import event_policy
from shuniu.org.http import AuthedRequest
from shuniu.org.models import Unit


class EventForm(GuardedFormMixin, forms.ModelForm[ParticipationEvent]):
    guard_where = "governance.event"

    class Meta:
        model = ParticipationEvent
        fields = ["kind", "title", "held_on", "town", "place", "hosts", "participants", "minutes"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}), "minutes": forms.Textarea(attrs={"rows": 3})}


class ItemForm(GuardedFormMixin, forms.Form):
    guard_where = "governance.event_item"
    content = forms.CharField(label=_("群众提出的事项"), widget=forms.Textarea(attrs={"rows": 2}))
    raised_by = forms.CharField(label=_("提出人"), max_length=50, required=False)


class TaskForm(forms.Form):
    lead_unit = forms.ModelChoiceField(
        label=_("牵头单位"),
        queryset=Unit.objects.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWN]).order_by("path"),
    )


EVENTS = ListSpec(
    search=("title", "place", "hosts", "town__name"),
    sorts={"held": "held_on", "kind": "kind", "title": "title"},
    default="-held",
    columns=[
        Column(_("日期"), "held_on"),
        Column(_("类型"), "kind"),
        Column(_("主题"), "title"),
        Column(_("乡镇街道"), "town.name"),
        Column(_("地点"), "place"),
        Column(_("主持"), "hosts"),
        Column(_("参加人员"), "participants"),
    ],
    filename="民主议政日和百姓夜话",
)


def event_list(request: AuthedRequest) -> HttpResponse:
    if not (event_policy.sees_all(request.user) or event_policy.can(request.user, "create")):
        raise PermissionDenied
    can_edit = event_policy.can(request.user, "create")
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        event = None

        def create(data: dict[str, object]) -> None:
            nonlocal event
            event = events.event_create(actor=request.user, **data)  # type: ignore[arg-type]

        if run_action(request, form, create) and event is not None:
            return redirect("governance:event-detail", code=event.code)
    rows, sort, file = EVENTS.apply(
        request, event_policy.visible(request.user, ParticipationEvent.objects.select_related("town"))
    )
    if file is not None:
        return file
    context = {"events": rows[:100], "form": form, "can_edit": can_edit, "sort": sort}
    return render(request, "governance/event_list.html", context)


def event_detail(request: AuthedRequest, code: str) -> HttpResponse:
    queryset = ParticipationEvent.objects.select_related("town")
    event = get_for_user(event_policy, request.user, queryset=queryset, code=code)
    items = event.items.select_related("request", "task")
    context = {
        "event": event,
        "items": items,
        "item_form": ItemForm(),
        "task_form": TaskForm(),
        "can_edit": event_policy.can(request.user, "item", event),
    }
    return render(request, "governance/event_detail.html", context)


def event_action(request: AuthedRequest, code: str, action: str) -> HttpResponse:
    if request.method != "POST":
        raise Http404
    event = get_for_user(event_policy, request.user, code=code)
    authorize(event_policy, request.user, "item", event)
    item = None
    if "item" in request.POST:
        item = get_object_or_404(EventItem, pk=request.POST["item"], event=event)
    if action == "add_item":
        run_action(
            request,
            ItemForm(request.POST, user=request.user),
            lambda d: events.item_add(actor=request.user, event=event, **d),
        )
    elif action == "to_request" and item is not None:
        run_action(request, None, lambda d: events.item_to_request(actor=request.user, item=item))
    elif action == "to_task" and item is not None:
        run_action(
            request,
            TaskForm(request.POST),
            lambda d: events.item_to_task(actor=request.user, item=item, lead_unit=d["lead_unit"]),
        )
    elif action == "outcome" and item is not None:
        run_action(
            request,
            None,
            lambda d: events.item_set_outcome(actor=request.user, item=item, outcome=request.POST.get("outcome", "")),
        )
    elif action == "publish":
        run_action(
            request,
            None,
            lambda d: events.event_publish(actor=request.user, event=event, published=not event.published),
        )
    else:
        raise Http404
    return redirect("governance:event-detail", code=code)
