"""The JSON API at /api/v1: one NinjaAPI; each app registers its router (shuniu.core.registry.api_router)."""

from typing import Any

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI

from shuniu.core import registry
from shuniu.core.api import BrowserSessionAuth, TokenAuth, install_error_handlers, staff_only_docs

ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "detail": {}},
    "required": ["error"],
}
# Every operation may answer these, with the one error shape of SPEC §2.8: documented once for all.
ERRORS = {
    "400": gettext_noop("输入有误（中文说明在 detail 中）"),
    "401": gettext_noop("需要登录或有效的访问令牌"),
    "403": gettext_noop("没有权限执行该操作"),
    "404": gettext_noop("未找到该对象（或无权查看）"),
    "405": gettext_noop("不支持该请求方法"),
    "422": gettext_noop("参数不符合接口定义"),
    "429": gettext_noop("请求过于频繁"),
}


class ShuniuAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, text in ERRORS.items():
                    responses.setdefault(
                        code,
                        {
                            "description": _(text),  # in the language of whoever reads the document
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        },
                    )
        return schema


api = ShuniuAPI(
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
