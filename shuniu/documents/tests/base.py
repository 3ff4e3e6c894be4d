import datetime as dt
from typing import Any

from shuniu.documents import outgoing as services
from shuniu.documents.models import DocPrefix, Outgoing
from shuniu.org.models import Unit, User
from shuniu.org.testing import BaseTestCase, make_unit, make_user

BODY = "各乡镇党委，县直各部门：\n一、总体要求\n（一）提高认识。各单位要高度重视。\n二、工作安排\n请于12月20日前报送。"


class DocumentsTestCase(BaseTestCase):
    """The personas plus the office's 文书 (clerk), the office director (the principal of 示委办发), a deputy leader."""

    wenmi: Unit
    clerk: User
    director: User
    deputy: User
    prefix: DocPrefix
    letter_prefix: DocPrefix

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.wenmi = make_unit("文秘科", Unit.Kind.SECTION, cls.office)
        cls.clerk = make_user("wenshu", cls.wenmi, "doc_clerk", real_name="文书小刘")
        cls.director = make_user("director", cls.office, "office_director", real_name="办公室主任")
        cls.deputy = make_user("deputy", cls.county, "county_leader", real_name="林副书记")
        cls.prefix = DocPrefix.objects.create(
            prefix="示委办发",
            issuer="中共示范县委办公室",
            mark="中共示范县委办公室文件",
            unit=cls.office,
            principal=cls.director,
        )
        cls.letter_prefix = DocPrefix.objects.create(
            prefix="示委办函",
            issuer="中共示范县委办公室",
            mark="中共示范县委办公室",
            unit=cls.office,
            principal=cls.director,
        )

    def draft(self, **extra: Any) -> Outgoing:
        values: dict[str, Any] = {
            "title": "关于做好岁末年初安全生产工作的通知",
            "doc_type": "notice",
            "prefix": self.prefix,
            "body": BODY,
            "main_recipients": "各乡镇党委，县直各部门",
        }
        values.update(extra)
        return services.outgoing_create(actor=extra.pop("actor", self.head_a), **values)

    def to_signing(self, document: Outgoing) -> Outgoing:
        services.outgoing_submit(actor=self.head_a, outgoing=document)
        services.outgoing_dept_approve(actor=self.head_a, outgoing=document, reason="同意，请办公室核稿")
        services.outgoing_office_approve(actor=self.clerk, outgoing=document, reason="已核")
        return document

    def signed(self, **extra) -> Outgoing:
        document = self.to_signing(self.draft(**extra))
        return services.outgoing_sign(actor=self.director, outgoing=document, reason="同意印发")

    def api(self, user, method, path, payload=None):
        self.client.force_login(user)
        call = getattr(self.client, method)
        return call(path, payload, content_type="application/json") if payload is not None else call(path)


def day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)
