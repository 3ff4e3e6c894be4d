from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "shuniu.documents"
    label = "documents"
    verbose_name = _("办文")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.documents import todos  # noqa: F401
        from shuniu.documents.policies import (
            ANY,
            APPROVE_VOID,
            CONFIG,
            DRAFT,
            HANDLE,
            INSTRUCT,
            ISSUE,
            REVIEW_DEPT,
            REVIEW_OFFICE,
            SIGN,
            VIEW_ALL,
            VOID,
        )

        registry.urls("documents/", "shuniu.documents.urls", order=40)
        registry.api_router("shuniu.documents.api", order=40)
        registry.nav(_("办文"), "documents:home", order=40, allowed=registry.perm(*ANY))
        registry.audit_actions(
            receive=_("收文签收"),
            sign=_("签收/签发"),
            register=_("登记"),
            distribute=_("分发"),
            propose=_("拟办"),
            instruct=_("领导批示"),
            read=_("阅毕"),
            urge=_("催办"),
            circulate=_("传阅"),
            draft=_("拟稿"),
            edit=_("修改正文"),
            attach=_("添加附件"),
            submit=_("送审"),
            dept_approve=_("部门审核"),
            office_approve=_("核稿"),
            countersign=_("会签"),
            reopen=_("退回重签"),
            number=_("编号"),
            seal=_("用印"),
            withdraw=_("撤销"),
            void_request=_("申请作废文号"),
            void=_("作废文号"),
            void_refuse=_("不同意作废"),
        )
        registry.audit_fields(
            receipt_number=_("收文号"),
            doc_number=_("发文字号"),
            signer_name=_("签发人"),
            signed_as_delegate=_("代签"),
            handling_units=_("承办单位"),
            readers=_("传阅人"),
            delivered=_("分发单位"),
            urged=_("催办人数"),
            document=_("公文"),
            tasks=_("督办事项"),
        )
        registry.backlink("supervision.instruction", _incoming_links)
        registry.grant("doc_clerk", VIEW_ALL, HANDLE, DRAFT, REVIEW_OFFICE, ISSUE, VOID)
        registry.grant("office_director", VIEW_ALL, HANDLE, INSTRUCT, REVIEW_OFFICE, SIGN, APPROVE_VOID, VOID, CONFIG)
        registry.grant("county_leader", VIEW_ALL, INSTRUCT, SIGN)
        registry.grant("secretary", VIEW_ALL)
        registry.grant("section_head", DRAFT, REVIEW_DEPT, HANDLE)
        registry.grant("liaison", DRAFT, REVIEW_DEPT, HANDLE)
        registry.grant("handler", DRAFT)


def _incoming_links(instruction_id: int) -> list[tuple[str, str]]:
    """The incoming documents a leader's instruction was written on (shown on the instruction's and tasks' pages)."""
    from shuniu.documents.models import Incoming

    rows = Incoming.objects.filter(instruction_id=instruction_id).only("code", "receipt_number", "title")
    return [(f"{_('收文')} {i.receipt_number} {i.title}", i.get_absolute_url()) for i in rows]
