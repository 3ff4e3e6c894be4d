"""发文 (issue 13, points 3, 4, 6, 9): the declared path, the signing rules, versions, the 文号 at 编号 only."""

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.audit.models import AuditRecord
from shuniu.documents import outgoing as services
from shuniu.documents.models import DocNumber, Incoming, Opinion, Outgoing
from shuniu.documents.tests.base import DocumentsTestCase

S = Outgoing.Status


class OutgoingFlowTests(DocumentsTestCase):
    def test_draft_to_archive_with_opinions_number_and_delivery(self):
        document = self.draft(recipients=[self.unit_a, self.unit_b])
        self.assertEqual(document.status, S.DRAFT)
        self.assertEqual(document.doc_number, "")
        self.to_signing(document)
        self.assertEqual(document.status, S.SIGNING)
        services.outgoing_sign(actor=self.director, outgoing=document, reason="同意印发")
        document.refresh_from_db()
        self.assertEqual((document.status, document.signer_name), (S.SIGNED, "办公室主任"))
        self.assertEqual(document.issued_on, document.signed_on)
        self.assertEqual(document.doc_number, "")  # not before 编号
        services.outgoing_number(actor=self.clerk, outgoing=document)
        self.assertEqual(document.doc_number, f"示委办发〔{document.issued_on.year}〕1号")
        services.outgoing_seal(actor=self.clerk, outgoing=document)
        services.outgoing_distribute(actor=self.clerk, outgoing=document)
        delivered = Incoming.objects.filter(source_outgoing=document)
        self.assertEqual({i.unit for i in delivered}, {self.unit_a, self.unit_b})
        self.assertTrue(all(i.status == Incoming.Status.PENDING for i in delivered))
        self.assertEqual(delivered.first().source_doc_number, document.doc_number)
        from shuniu.documents.archive import outgoing_archive

        outgoing_archive(actor=self.clerk, outgoing=document)
        self.assertEqual(document.status, S.ARCHIVED)
        steps = list(document.opinions.values_list("step", flat=True))
        self.assertEqual(steps, [Opinion.Step.DEPT, Opinion.Step.OFFICE, Opinion.Step.SIGN])
        signature = document.opinions.get(step="sign").signature
        self.assertRegex(signature, r"^同意印发　办公室主任　\d{4}年\d{1,2}月\d{1,2}日$")
        actions = set(AuditRecord.objects.filter(object_id=str(document.pk)).values_list("action", flat=True))
        self.assertTrue({"draft", "submit", "dept_approve", "office_approve", "sign", "number", "seal"} <= actions)

    def test_a_typed_doc_number_is_refused_and_nothing_written(self):
        with self.assertRaisesMessage(ValidationError, "不能手工填写"):
            self.draft(doc_number="示委办发〔2026〕99号")
        self.assertFalse(Outgoing.objects.exists())
        response = self.api(
            self.head_a,
            "post",
            "/api/v1/outgoing",
            {
                "title": "关于X的通知",
                "doc_type": "notice",
                "prefix": "示委办发",
                "body": "正文",
                "doc_number": "示委办发〔2026〕1号",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("不能手工填写", response.json()["detail"][0])
        self.assertFalse(Outgoing.objects.exists())

    def test_bad_type_and_telegram_urgency_are_refused_in_chinese(self):
        with self.assertRaisesMessage(ValidationError, "文种"):
            self.draft(doc_type="memo")
        with self.assertRaisesMessage(ValidationError, "电报"):
            self.draft(urgency="平急")
        with self.assertRaisesMessage(ValidationError, "电报"):
            self.draft(urgency="特提")
        self.assertFalse(Outgoing.objects.exists())
        self.assertEqual(self.draft(urgency="特急").urgency, "teji")

    def test_marked_text_is_refused_and_logged(self):
        with self.assertRaises(ValidationError):
            self.draft(body="本文件为机密★1年，请妥善保管。")
        self.assertFalse(Outgoing.objects.exists())

    def test_every_body_edit_is_a_version_and_edits_after_signing_go_back_to_the_signer(self):
        document = self.draft()
        services.outgoing_edit(actor=self.head_a, outgoing=document, body=BODY_V2)
        document.refresh_from_db()
        self.assertEqual(document.version, 2)
        self.assertEqual(
            list(document.versions.values_list("number", "author__username")), [(1, "alice_head"), (2, "alice_head")]
        )
        self.to_signing(document)
        services.outgoing_sign(actor=self.director, outgoing=document)
        with self.assertRaisesMessage(ValidationError, "退回签发人重签"):
            services.outgoing_edit(actor=self.head_a, outgoing=document, body="改了")
        document.refresh_from_db()
        self.assertEqual(document.version, 2)
        services.outgoing_reopen(actor=self.clerk, outgoing=document, reason="第二段需修改")
        document.refresh_from_db()
        self.assertEqual((document.status, document.signer_name, document.issued_on), (S.SIGNING, "", None))
        services.outgoing_edit(actor=self.clerk, outgoing=document, body=BODY_V2 + "\n三、其他")
        document.refresh_from_db()
        self.assertEqual(document.version, 3)
        page = self.api(self.head_a, "get", f"/documents/outgoing/{document.code}/compare/?a=1&b=3")
        self.assertContains(page, "三、其他")
        self.assertContains(page, "table-warning")

    def test_stale_edit_is_refused(self):
        document = self.draft()
        stale = Outgoing.objects.get(pk=document.pk)
        services.outgoing_edit(actor=self.head_a, outgoing=document, body=BODY_V2)
        with self.assertRaisesMessage(ValidationError, "已被他人修改"):
            services.outgoing_edit(actor=self.head_a, outgoing=stale, body="另一个版本")


BODY_V2 = "各乡镇党委，县直各部门：\n一、总体要求\n（一）提高认识。\n二、工作安排\n请于12月25日前报送。"


class SigningRuleTests(DocumentsTestCase):
    def test_an_upward_request_is_signed_by_the_principal_or_by_a_delegate_marked_dai(self):
        document = self.to_signing(
            self.draft(
                title="关于申请安全生产专项经费的请示", doc_type="request", direction="up", main_recipients="县委"
            )
        )
        with self.assertRaisesMessage(ValidationError, "主要负责人"):
            services.outgoing_sign(actor=self.leader, outgoing=document)
        document.refresh_from_db()
        self.assertEqual(document.status, S.SIGNING)
        services.outgoing_sign(actor=self.leader, outgoing=document, delegate=True, reason="同意")
        document.refresh_from_db()
        self.assertTrue(document.signed_as_delegate)
        self.assertIn("（代）", document.opinions.get(step="sign").signature)

    def test_a_request_with_two_main_recipients_is_blocked_at_the_office_review(self):
        document = self.draft(title="关于X的请示", doc_type="request", direction="up", main_recipients="县委、县政府")
        services.outgoing_submit(actor=self.head_a, outgoing=document)
        services.outgoing_dept_approve(actor=self.head_a, outgoing=document)
        with self.assertRaisesMessage(ValidationError, "只写一个主送机关"):
            services.outgoing_office_approve(actor=self.clerk, outgoing=document)
        document.refresh_from_db()
        self.assertEqual(document.status, S.OFFICE_REVIEW)

    def test_a_joint_document_needs_every_countersignature_first(self):
        document = self.to_signing(self.draft(countersign_units=[self.unit_b]))
        with self.assertRaisesMessage(ValidationError, "会签尚未完成"):
            services.outgoing_sign(actor=self.director, outgoing=document)
        with self.assertRaises(PermissionDenied):  # A cannot countersign for B
            services.outgoing_countersign(actor=self.head_a, outgoing=document, reason="同意")
        bob_head = self.make_liaison_b()
        services.outgoing_countersign(actor=bob_head, outgoing=document, reason="同意会签")
        services.outgoing_sign(actor=self.director, outgoing=document)
        document.refresh_from_db()
        self.assertEqual(document.status, S.SIGNED)

    def make_liaison_b(self):
        from shuniu.org.testing import make_user

        return make_user("bob_head", self.unit_b, "liaison", real_name="住建联络员")

    def test_the_check_lists_blocks_and_warnings_in_chinese(self):
        from shuniu.documents.check import check

        document = self.draft(title="安全生产", doc_type="request", direction="down", main_recipients="县委、县政府")
        codes = {f.code: f.level for f in check(document)}
        self.assertEqual(codes["request_recipients"], "block")
        self.assertEqual(codes["title"], "warn")
        self.assertEqual(codes["request_direction"], "warn")
        document.doc_number = "示委办发〔2026〕第012号"
        self.assertIn("number_form", {f.code for f in check(document)})
        document.doc_number = "示委办发〔2026〕12号"
        self.assertNotIn("number_form", {f.code for f in check(document)})
        document.urgency = "pingji"
        self.assertIn("urgency", {f.code for f in check(document)})


class OutgoingAccessTests(DocumentsTestCase):
    def test_outsider_404_read_only_403_and_list_queries(self):
        document = self.draft()
        self.assertEqual(self.api(self.clerk_b, "get", f"/documents/outgoing/{document.code}/").status_code, 404)
        self.assertEqual(self.api(self.clerk_b, "get", f"/api/v1/outgoing/{document.code}").status_code, 404)
        # the handler of unit A sees the draft but may not number or sign it
        self.assertEqual(self.api(self.clerk_a, "get", f"/documents/outgoing/{document.code}/").status_code, 200)
        self.assertEqual(
            self.api(self.clerk_a, "post", f"/api/v1/outgoing/{document.code}/number", {}).status_code, 403
        )
        self.assertEqual(self.api(self.auditor, "get", "/documents/outgoing/").status_code, 403)
        for i in range(6):
            self.draft(title=f"关于第{i}项工作的通知")
        self.client.force_login(self.clerk)
        self.client.get("/documents/outgoing/")  # permissions cached from here on
        with self.assertNumQueries(8):  # session, user, versions, whole words?, count, filter units, badge, rows
            response = self.client.get("/documents/outgoing/?q=通知")
        self.assertEqual(response.status_code, 200)
        with self.assertNumQueries(6):  # session, user, versions, whole words?, count, rows
            self.client.get("/api/v1/outgoing?q=通知")

    def test_api_create_number_and_list(self):
        response = self.api(
            self.head_a,
            "post",
            "/api/v1/outgoing",
            {
                "title": "关于X的通知",
                "doc_type": "notice",
                "prefix": "示委办发",
                "body": "正文",
                "main_recipients": "各部门",
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        code = response.json()["code"]
        self.assertIsNone(response.json()["doc_number"])
        document = Outgoing.objects.get(code=code)
        self.to_signing(document)
        sign = self.api(self.director, "post", f"/api/v1/outgoing/{code}/sign", {"opinion": "同意"})
        self.assertEqual(sign.status_code, 200, sign.content)
        numbered = self.api(self.clerk, "post", f"/api/v1/outgoing/{code}/number", {})
        self.assertEqual(numbered.status_code, 200, numbered.content)
        self.assertRegex(numbered.json()["doc_number"], r"^示委办发〔\d{4}〕1号$")
        again = self.api(self.clerk, "post", f"/api/v1/outgoing/{code}/number", {})
        self.assertEqual(again.status_code, 400)
        self.assertEqual(DocNumber.objects.count(), 1)
        listed = self.api(self.clerk, "get", "/api/v1/outgoing").json()
        self.assertEqual(listed["items"][0]["doc_number"], numbered.json()["doc_number"])


class RegistrySearchTests(DocumentsTestCase):
    def test_a_whole_number_by_equality_a_part_by_its_columns_words_in_titles(self):
        from shuniu.documents import selectors

        first = self.signed(title="关于防汛工作的通知")
        services.outgoing_number(actor=self.clerk, outgoing=first)
        second = self.signed(title="关于2026年度考核的通知")
        services.outgoing_number(actor=self.clerk, outgoing=second)
        year = first.issued_on.year
        qs = Outgoing.objects.all()
        self.assertEqual(list(selectors.search_outgoing(qs, f"示委办发〔{year}〕1号")), [first])
        self.assertEqual(set(selectors.search_outgoing(qs, f"〔{year}〕")), {first, second})
        self.assertEqual(list(selectors.search_outgoing(qs, "2号")), [second])
        self.assertEqual(list(selectors.search_outgoing(qs, "防汛")), [first])
        self.assertEqual(list(selectors.search_outgoing(qs, "2026年度")), [second])  # digits in a word: the title
        self.assertEqual(list(selectors.search_outgoing(qs, "防汛 通知")), [first])
        self.assertEqual(selectors.capped_count(qs, cap=1), 2)


class AttachmentAndArchiveTests(DocumentsTestCase):
    def docx(self, text: str) -> bytes:
        import io

        from docx import Document

        doc = Document()
        doc.add_paragraph(text)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    def test_attachments_only_docx_within_the_limit_and_never_marked(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from shuniu.documents.models import Attachment, DocumentConfig

        document = self.draft()
        with self.assertRaisesMessage(ValidationError, ".docx"):
            services.attachment_add(actor=self.head_a, outgoing=document, upload=SimpleUploadedFile("表.xlsx", b"x"))
        with self.assertRaisesMessage(ValidationError, "国家秘密"):
            services.attachment_add(
                actor=self.head_a,
                outgoing=document,
                upload=SimpleUploadedFile("附件.docx", self.docx("秘密★1年 内部资料")),
            )
        config = DocumentConfig.current()
        config.max_attachment_mb = 1
        config.save()
        big = SimpleUploadedFile("大附件.docx", b"0" * (1024 * 1024 + 1))
        with self.assertRaisesMessage(ValidationError, "1 MB"):
            services.attachment_add(actor=self.head_a, outgoing=document, upload=big)
        self.assertFalse(Attachment.objects.exists())
        services.attachment_add(
            actor=self.head_a, outgoing=document, upload=SimpleUploadedFile("任务分解表.docx", self.docx("任务分解"))
        )
        self.assertEqual(document.files.count(), 1)
        page = self.api(self.head_a, "get", document.get_absolute_url())
        self.assertContains(page, "任务分解表.docx")

    def test_the_archive_package_holds_the_file_the_versions_the_sheet_and_a_manifest(self):
        import hashlib
        import io
        import json
        import zipfile

        from django.core.files.uploadedfile import SimpleUploadedFile

        from shuniu.documents.archive import outgoing_archive

        document = self.draft()
        services.attachment_add(
            actor=self.head_a, outgoing=document, upload=SimpleUploadedFile("附表.docx", self.docx("附表"))
        )
        services.outgoing_edit(actor=self.head_a, outgoing=document, body=BODY_V2)
        document.refresh_from_db()
        self.to_signing(document)
        services.outgoing_sign(actor=self.director, outgoing=document, reason="同意")
        for step in (services.outgoing_number, services.outgoing_seal, services.outgoing_distribute):
            step(actor=self.clerk, outgoing=document)
        outgoing_archive(actor=self.clerk, outgoing=document)
        response = self.api(self.clerk, "get", f"/documents/outgoing/{document.code}/archive.zip")
        self.assertEqual(response.status_code, 200)
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        names = set(archive.namelist())
        self.assertIn(f"{document.code}-正式文件.docx", names)
        self.assertIn(f"{document.code}-发文稿纸.docx", names)
        self.assertTrue({"versions/v1.txt", "versions/v2.txt", "manifest.json"} <= names)
        self.assertTrue(any(n.startswith("attachments/") for n in names))
        manifest = json.loads(archive.read("manifest.json"))
        self.assertEqual(manifest["doc_number"], document.doc_number)
        self.assertEqual([o["step"] for o in manifest["opinions"]], ["dept", "office", "sign"])
        for name, facts in manifest["files"].items():
            self.assertEqual(hashlib.sha256(archive.read(name)).hexdigest(), facts["sha256"], name)
        sheet = archive.read(f"{document.code}-发文稿纸.docx")
        from docx import Document

        text = "\n".join(c.text for t in Document(io.BytesIO(sheet)).tables for r in t.rows for c in r.cells)
        self.assertIn("办公室主任", text)
        self.assertEqual(
            self.api(self.clerk_b, "get", f"/documents/outgoing/{document.code}/archive.zip").status_code, 404
        )
