"""The JSON API at /api/v1: one NinjaAPI; each app registers its router (shuniu.core.registry.api_router)."""

from django.utils.module_loading import import_string
from ninja import NinjaAPI

from shuniu.core import registry
from shuniu.core.api import BrowserSessionAuth, TokenAuth, install_error_handlers, staff_only_docs

api = NinjaAPI(
    title="枢纽 Shuniu API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs_decorator=staff_only_docs,  # for signed-in staff and token holders; served from vendored files
)
install_error_handlers(api)
for module in registry.api_routers():
    api.add_router("", import_string(f"{module}.router"))
