"""The JSON API at /api/v1: one NinjaAPI, each app adds its router."""

from ninja import NinjaAPI

from shuniu.core.api import BrowserSessionAuth, TokenAuth, install_error_handlers
from shuniu.governance.requests.api import router as governance_router
from shuniu.org.api import router as org_router
from shuniu.supervision.api import router as supervision_router

api = NinjaAPI(
    title="枢纽 Shuniu API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("", org_router)
api.add_router("", supervision_router)
api.add_router("", governance_router)
