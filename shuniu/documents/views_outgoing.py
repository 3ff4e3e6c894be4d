"""Pages of 发文 (the registry, 拟稿, the document with its 发文稿纸, the check, versions side by side, 签发, the .docx
and the archive package) and of the 文号 ledger (numbers per prefix and year, the gap report, voiding). Thin."""

from __future__ import annotations

import difflib
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.core.access import get_for_user, has_any_perm
from shuniu.core.actions import run_action, transition_view
from shuniu.core.docx_render import DOCX_MIME
from shuniu.core.listing import query_without
from shuniu.core.pagination import CappedPaginator
from shuniu.documents import check, gbt9704, numbers, outgoing, selectors
from shuniu.documents.forms import AttachmentForm, EditForm, OutgoingForm, SignForm, VoidForm
from shuniu.documents.models import DocNumber, DocPrefix, Outgoing
from shuniu.documents.policies import ANY, ledger_policy, outgoing_policy
from shuniu.documents.transitions import OUTGOING_EDITABLE, OUTGOING_FLOW

AuthedRequest = Any
outgoing_transition = transition_view(outgoing_policy, OUTGOING_FLOW)


def outgoing_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not has_any_perm(user, *ANY):
        raise PermissionDenied
    try:
        qs = selectors.filtered(selectors.outgoing_of(user), request.GET, "created_at")
        qs = selectors.search_outgoing(qs, request.GET.get("q", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        qs = selectors.outgoing_of(user)
    qs, sort, export = selectors.OUTGOING_LIST.apply(request, qs)
    if export is not None:
        return export
    context = {
        "page": CappedPaginator(qs, 50).get_page(request.GET.get("page")),
        "sort": sort,
        "statuses": Outgoing.Status.choices,
        "query": query_without(request, "page"),
        "units": selectors.unit_choices(user),
        "can_draft": outgoing_policy.can(user, "create"),
        "active": "outgoing",
    }
    return render(request, "documents/outgoing_list.html", context)


def outgoing_new(request: AuthedRequest) -> HttpResponse:
    if not outgoing_policy.can(request.user, "create"):
        raise PermissionDenied
    form = OutgoingForm(request.POST or None, user=request.user)
    if request.method == "POST":
        made: list[Outgoing] = []

        def call(d: dict[str, Any]) -> None:
            d["doc_number"] = d.get("doc_number") or None
            made.append(outgoing.outgoing_create(actor=request.user, **d))

        if run_action(request, form, call, _("已拟稿。")):
            return redirect(made[0].get_absolute_url())
    return render(request, "documents/outgoing_new.html", {"form": form, "active": "outgoing"})


def _outgoing(request: AuthedRequest, code: str) -> Outgoing:
    queryset = Outgoing.objects.select_related("prefix", "prefix__principal", "drafting_unit", "drafter", "signer")
    return get_for_user(outgoing_policy, request.user, "view", queryset=queryset, code=code)


def outgoing_detail(request: AuthedRequest, code: str) -> HttpResponse:
    document = _outgoing(request, code)
    user = request.user
    if request.method == "POST":
        _post(request, document)
        return redirect(document.get_absolute_url())
    actions = outgoing_policy.allowed_actions(user, document)
    editable = document.status in OUTGOING_EDITABLE and outgoing_policy.can(user, "edit", document)
    context = {
        "d": document,
        "transitions": [t for t in OUTGOING_FLOW if t.name in actions and not t.page],
        "can_sign": "sign" in actions,
        "editable": editable,
        "findings": check.check(document) if document.status in OUTGOING_EDITABLE else [],
        "opinions": list(document.opinions.select_related("unit")),
        "versions": list(document.versions.select_related("author").order_by("-number")),
        "files": list(document.files.all()),
        "countersign_units": list(document.countersign_units.all()),
        "missing_countersign": outgoing.missing_countersign(document),
        "recipients": list(document.recipients.all()),
        "deliveries": list(document.deliveries.select_related("unit")),
        "edit_form": EditForm(initial={"title": document.title, "body": document.body, "version": document.version}),
        "sign_form": SignForm(),
        "attachment_form": AttachmentForm(),
        "active": "outgoing",
    }
    return render(request, "documents/outgoing.html", context)


def _post(request: AuthedRequest, document: Outgoing) -> None:
    op = request.POST.get("op", "")
    user = request.user
    if op == "edit":
        form = EditForm(request.POST, user=user)

        def call(d: dict[str, Any]) -> None:
            if d["version"] != document.version:
                raise ValidationError(_("该公文已被他人修改，请刷新后再改。"))
            outgoing.outgoing_edit(actor=user, outgoing=document, title=d["title"], body=d["body"])

        run_action(request, form, call, _("已保存为新版本。"))
    elif op == "attach":
        upload_form = AttachmentForm(request.POST, request.FILES)
        run_action(
            request,
            upload_form,
            lambda d: outgoing.attachment_add(actor=user, outgoing=document, upload=d["file"]),
            _("已添加附件。"),
        )
    else:
        raise Http404


def outgoing_sign_page(request: AuthedRequest, code: str) -> HttpResponse:
    document = _outgoing(request, code)
    if request.method == "POST":
        form = SignForm(request.POST, user=request.user)
        run_action(
            request,
            form,
            lambda d: outgoing.outgoing_sign(
                actor=request.user, outgoing=document, reason=d["opinion"], delegate=d["delegate"]
            ),
            _("已签发 %(c)s") % {"c": document.code},
        )
    return redirect(document.get_absolute_url())


def outgoing_compare(request: AuthedRequest, code: str) -> HttpResponse:
    """Two versions side by side (?a=1&b=3; default the last two)."""
    document = _outgoing(request, code)
    versions = {v.number: v for v in document.versions.select_related("author")}
    try:
        a = int(request.GET.get("a") or max(document.version - 1, 1))
        b = int(request.GET.get("b") or document.version)
    except ValueError as exc:
        raise Http404 from exc
    if a not in versions or b not in versions:
        raise Http404
    left, right = versions[a], versions[b]
    rows = []
    matcher = difflib.SequenceMatcher(a=left.body.splitlines(), b=right.body.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = left.body.splitlines()[i1:i2], right.body.splitlines()[j1:j2]
        for k in range(max(len(old), len(new))):
            rows.append({"tag": tag, "old": old[k] if k < len(old) else "", "new": new[k] if k < len(new) else ""})
    context = {
        "d": document,
        "left": left,
        "right": right,
        "rows": rows,
        "numbers": sorted(versions),
        "active": "outgoing",
    }
    return render(request, "documents/compare.html", context)


def outgoing_docx(request: AuthedRequest, code: str) -> HttpResponse:
    document = _outgoing(request, code)
    response = HttpResponse(gbt9704.render(document), content_type=DOCX_MIME)
    name = f"{document.doc_number or document.code}{document.title}"[:80]
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.docx"
    return response


def outgoing_archive_file(request: AuthedRequest, code: str) -> HttpResponse:
    document = _outgoing(request, code)
    if not document.archive:
        raise Http404
    with document.archive.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/zip")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.code)}.zip"
    return response


def ledger(request: AuthedRequest) -> HttpResponse:
    """The 文号 ledger of a year: per prefix the used, voided and pending numbers, each prefix's gap report, the void
    requests to decide, and the void form."""
    user = request.user
    if not ledger_policy.can(user, "view"):
        raise PermissionDenied
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 1990), 2100)
    if request.method == "POST":
        _ledger_post(request)
        return redirect(f"{request.path}?year={year}")
    prefixes = list(DocPrefix.objects.all())
    context = {
        "year": year,
        "rows": numbers.ledger(year, prefixes),
        "gaps": {p.prefix: numbers.gaps(p, year) for p in prefixes},
        "pending": DocNumber.objects.filter(status=DocNumber.Status.VOID_PENDING).select_related(
            "prefix", "void_requested_by"
        ),
        "void_form": VoidForm(initial={"year": year}),
        "can_void": ledger_policy.can(user, "void"),
        "can_approve": ledger_policy.can(user, "approve_void"),
        "active": "ledger",
    }
    return render(request, "documents/ledger.html", context)


def _ledger_post(request: AuthedRequest) -> None:
    user = request.user
    if request.POST.get("op") == "decide":
        number = DocNumber.objects.filter(pk=request.POST.get("number") or 0).first()
        if number is None:
            raise Http404
        approve = request.POST.get("decision") == "approve"
        run_action(
            request,
            None,
            lambda _d: numbers.number_void_decide(
                actor=user, number=number, approve=approve, comment=request.POST.get("comment", "")
            ),
            _("已作废 %(n)s") % {"n": number.text} if approve else _("已退回作废申请 %(n)s") % {"n": number.text},
        )
        return
    form = VoidForm(request.POST, user=user)
    run_action(
        request,
        form,
        lambda d: numbers.number_void(
            actor=user, prefix=d["prefix"].prefix, year=d["year"], seq=d["seq"], reason=d["reason"]
        ),
        _("已提交作废申请。"),
    )
