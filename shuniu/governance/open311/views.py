"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): hotline systems and apps file and read requests.

JSON only. GET calls are public (no personal data is ever returned); POST needs `api_key`, a personal access
token of an account allowed to receive requests. Errors are `[{"code": …, "description": …}]`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from shuniu.core.models import ApiToken
from shuniu.core.privacy import redact
from shuniu.governance.models import Category, CitizenRequest
from shuniu.governance.portal.views import TRACK_LIMIT, throttled
from shuniu.governance.requests import services
from shuniu.governance.requests.policies import request_policy
from shuniu.governance.requests.transitions import FINISHED_STATUSES

CLOSED = FINISHED_STATUSES
MAX_RESULTS = 1000  # the specification's cap on one search
PAGE_SIZE, MAX_PAGE_SIZE = 50, 100


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _error(status: int, description: str) -> JsonResponse:
    return _json([{"code": status, "description": description}], status=status)


def _service(category: Category) -> dict[str, Any]:
    return {
        "service_code": str(category.pk),
        "service_name": category.name,
        "description": category.name,
        "metadata": False,
        "type": "realtime",
        "keywords": category.keywords.replace(" ", ","),
        "group": category.default_unit.name if category.default_unit else "",
    }


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _request(req: CitizenRequest) -> dict[str, Any]:
    expected = None
    if req.due_date:
        expected = timezone.make_aware(dt.datetime.combine(req.due_date, dt.time(18))).isoformat()
    # GET requests is public (request_policy.public()): a request whose reply was published shows its text and
    # reply with numbers and the caller's name masked; any other shows its status and service, never its text.
    public = request_policy.is_public(req)
    status_text = str(req.get_status_display())
    notes = redact(req.reply, [req.citizen_name]) if public else status_text
    return {
        "service_request_id": req.code,
        "status": "closed" if req.status in CLOSED else "open",
        "status_notes": notes,
        "service_name": req.category.name if req.category else "",
        "service_code": str(req.category_id or ""),
        "description": redact(req.content, [req.citizen_name]) if public else "",
        "agency_responsible": req.handling_unit.name if req.handling_unit else "",
        "service_notice": "",
        "requested_datetime": _iso(req.created_at),
        "updated_datetime": _iso(req.updated_at),
        "expected_datetime": expected,
        "address": req.address if public else "",
        "address_id": "",
        "zipcode": "",
        "lat": float(req.latitude) if public and req.latitude is not None else None,
        "long": float(req.longitude) if public and req.longitude is not None else None,
        "media_url": "",
    }


@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    url = request.build_absolute_uri(reverse("open311:services"))[: -len("services.json")]
    return _json(
        {
            "changeset": "2026-11-26T00:00:00+08:00",
            "contact": "县委办公室 12345 热线",
            "key_service": "向县委办公室申请访问令牌",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": url,
                    "changeset": "2026-11-26T00:00:00+08:00",
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        }
    )


@require_GET
def services_list(request: HttpRequest) -> JsonResponse:
    categories = Category.objects.filter(is_active=True).select_related("default_unit")
    return _json([_service(c) for c in categories])


@require_GET
def service_definition(request: HttpRequest, service_code: str) -> JsonResponse:
    category = Category.objects.filter(pk=service_code, is_active=True).first() if service_code.isdigit() else None
    if category is None:
        return _error(404, f"service_code {service_code} not found")
    return _json({"service_code": str(category.pk), "attributes": []})


def _api_user(key: str) -> Any:
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None


def _coordinates(lat: str, long: str) -> tuple[Decimal | None, Decimal | None]:
    if not (lat and long):
        return None, None
    step = Decimal("0.000001")
    values = Decimal(lat).quantize(step), Decimal(long).quantize(step)
    if not (-90 <= values[0] <= 90 and -180 <= values[1] <= 180):
        raise ValueError("out of range")
    return values


def _create(request: HttpRequest) -> JsonResponse:
    data = request.POST
    user = _api_user(data.get("api_key", ""))
    if user is None or not request_policy.can(user, "receive"):
        return _error(403, "api_key is missing, invalid, or not allowed to file requests")
    code = data.get("service_code", "")
    category = Category.objects.filter(pk=code, is_active=True).first() if code.isdigit() else None
    if category is None:
        return _error(400, "service_code is required and must be one of services.json")
    description = data.get("description", "").strip()
    if not description:
        return _error(400, "description is required")
    if not (data.get("lat") and data.get("long")) and not data.get("address_string"):
        return _error(400, "a location is required: lat and long, or address_string")
    name = f"{data.get('last_name', '')}{data.get('first_name', '')}".strip()
    try:
        lat, long = _coordinates(data.get("lat", ""), data.get("long", ""))
    except (InvalidOperation, ValueError):
        return _error(400, "lat and long must be decimal degrees")
    try:
        req = services.request_receive(
            actor=user,
            channel="mobile",
            request_type="complaint",
            title=description[:60],
            content=description,
            category=category,
            citizen_name=name,
            phone=data.get("phone", ""),
            anonymous=not data.get("phone"),
            address=data.get("address_string", "")[:200],
            latitude=lat,
            longitude=long,
        )
    except ValidationError as exc:
        return _error(400, "; ".join(exc.messages))
    return _json([{"service_request_id": req.code, "service_notice": "", "account_id": None}], status=201)


def _page(request: HttpRequest) -> tuple[int, int] | JsonResponse:
    """`page` (from 1) and `page_size` (at most 100, default 50): the lists are paged like the portal's."""
    page, size = request.GET.get("page", "1"), request.GET.get("page_size", str(PAGE_SIZE))
    if not (page.isdigit() and size.isdigit() and int(page) >= 1 and 1 <= int(size) <= MAX_PAGE_SIZE):
        return _error(400, f"page must be 1 or more, page_size 1 to {MAX_PAGE_SIZE}")
    start = (int(page) - 1) * int(size)
    return start, min(start + int(size), MAX_RESULTS)


def _search(request: HttpRequest) -> JsonResponse:
    window = _page(request)
    if isinstance(window, JsonResponse):
        return window
    first, last = window
    qs = CitizenRequest.objects.select_related("category", "handling_unit").order_by("-created_at", "-id")
    ids = [i for i in request.GET.get("service_request_id", "").split(",") if i]
    if ids:
        return _json([_request(r) for r in qs.filter(code__in=ids[:MAX_PAGE_SIZE])])
    params = {k: request.GET.get(k, "") for k in ("start_date", "end_date", "service_code", "status")}
    start, end = parse_datetime(params["start_date"] or ""), parse_datetime(params["end_date"] or "")
    if (params["start_date"] and start is None) or (params["end_date"] and end is None):
        return _error(400, "start_date and end_date must be ISO 8601 (e.g. 2026-10-01T00:00:00+08:00)")
    end = end or timezone.now()
    start = start or end - dt.timedelta(days=90)
    if end - start > dt.timedelta(days=90):
        return _error(400, "the date range may be at most 90 days")
    qs = qs.filter(created_at__gte=start, created_at__lte=end)
    if params["service_code"]:
        qs = qs.filter(category_id__in=[c for c in params["service_code"].split(",") if c.isdigit()])
    if params["status"] == "closed":
        qs = qs.filter(status__in=CLOSED)
    elif params["status"] == "open":
        qs = qs.exclude(status__in=CLOSED)
    elif params["status"]:
        return _error(400, "status must be open or closed")
    return _json([_request(r) for r in qs[first:last]])


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_view(request: HttpRequest) -> JsonResponse:
    if request.method == "POST":
        return _create(request)
    return _throttled() if throttled(request, "open311", TRACK_LIMIT) else _search(request)


def _throttled() -> JsonResponse:
    return _error(429, "too many requests from this address; try again in a minute")


@require_GET
def request_detail(request: HttpRequest, code: str) -> JsonResponse:
    if throttled(request, "open311", TRACK_LIMIT):
        return _throttled()
    req = CitizenRequest.objects.select_related("category", "handling_unit").filter(code=code).first()
    if req is None:
        return _error(404, f"service_request_id {code} not found")
    return _json([_request(req)])


@require_GET
def token(request: HttpRequest, token_id: str) -> JsonResponse:
    """Requests are created synchronously, so a token is the request id itself."""
    if throttled(request, "open311", TRACK_LIMIT):
        return _throttled()
    if not CitizenRequest.objects.filter(code=token_id).exists():
        return _error(404, f"token {token_id} not found")
    return _json([{"service_request_id": token_id, "token": token_id}])
