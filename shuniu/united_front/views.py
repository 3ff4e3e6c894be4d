"""Pages of 统战对象, for the 统战 staff only (everyone else: 404 on a contact, 403 on the list): the contacts
(search, category, .xlsx with masked numbers), a contact with its records and suggestions, the audited reveal of
the full numbers, the raise of a suggestion to a supervision task."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from shuniu.core.access import has_perm
from shuniu.core.actions import run_action
from shuniu.core.forms import posted_date
from shuniu.core.listing import Column, export_xlsx, searched, wants_export
from shuniu.core.pagination import CappedPaginator
from shuniu.org.models import Unit
from shuniu.united_front import services
from shuniu.united_front.models import Category, Record

COLUMNS = [
    Column(_("编号"), "code"),
    Column(_("姓名"), "name"),
    Column(_("类别"), "category.name"),
    Column(_("工作单位"), "organisation"),
    Column(_("职务"), "position"),
    Column(_("党派团体"), "affiliation"),
    Column(_("联系电话"), "phone_masked"),
    Column(_("联系干部"), lambda c: str(c.keeper or "")),
]


def contacts(request: Any) -> HttpResponse:
    user = request.user
    if not has_perm(user, services.MANAGE):
        raise PermissionDenied
    if request.method == "POST":
        post = request.POST
        category = Category.objects.filter(pk=post.get("category") or 0).first()
        keeper = get_user_model().objects.filter(pk=post.get("keeper") or 0).first()
        done: list[Any] = []
        if run_action(request, None, lambda _d: done.append(services.contact_create(
            actor=user, name=post.get("name", ""), category=category, organisation=post.get("organisation", ""),
            position=post.get("position", ""), affiliation=post.get("affiliation", ""), phone=post.get("phone", ""),
            id_number=post.get("id_number", ""), keeper=keeper)), _("已登记统战对象。")):  # fmt: skip
            return redirect(done[0])
        return redirect("united_front:contacts")
    qs = searched(services.visible(user), request, ["code", "name", "organisation", "position", "affiliation"])
    if request.GET.get("category", "").isdigit():
        qs = qs.filter(category_id=int(request.GET["category"]))
    if wants_export(request):
        return export_xlsx(qs, COLUMNS, _("统战对象名册"))
    context = {
        "page": CappedPaginator(qs, 50).get_page(request.GET.get("page")),
        "categories": services.categories(),
        "keepers": get_user_model()
        .objects.filter(is_active=True, groups__permissions__codename="manage_contact")
        .distinct(),
    }
    return render(request, "united_front/contacts.html", context)


def contact(request: Any, code: str) -> HttpResponse:
    user = request.user
    found = get_object_or_404(services.visible(user), code=code)
    revealed: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        what = post.get("what")
        if what == "reveal":
            revealed = services.personal_data(viewer=user, contact=found)
        elif what == "record":
            run_action(request, None, lambda _d: services.record_add(
                actor=user, contact=found, date=posted_date(post.get("date", "")), kind=post.get("kind", ""),
                content=post.get("content", "")), _("已记录。"))  # fmt: skip
            return redirect(found)
        elif what == "suggestion":
            run_action(request, None, lambda _d: services.suggestion_add(
                actor=user, contact=found, title=post.get("title", ""), content=post.get("content", ""),
                received_on=posted_date(post.get("received_on", ""))), _("已登记建言献策。"))  # fmt: skip
            return redirect(found)
        elif what == "raise":
            suggestion = get_object_or_404(found.suggestions, code=post.get("code", ""))
            unit = Unit.objects.filter(pk=post.get("lead_unit") or 0).first()
            run_action(request, None, lambda _d: services.suggestion_to_task(
                actor=user, suggestion=suggestion, lead_unit=unit, due_date=posted_date(post.get("due_date", ""))),
                _("已转督查督办。"))  # fmt: skip
            return redirect(found)
        else:
            raise Http404
    context = {
        "c": found,
        "records": found.records.select_related("recorded_by"),
        "suggestions": found.suggestions.all(),
        "kinds": Record.Kind.choices,
        "units": Unit.objects.filter(is_active=True).order_by("sort_order", "id").only("id", "name"),
        "revealed": revealed,
        "may_reveal": has_perm(user, services.PERSONAL),
    }
    return render(request, "united_front/contact.html", context)
