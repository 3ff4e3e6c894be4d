import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from shuniu.core.classification import find_marking
from shuniu.core.models import ClassificationRefusal
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase

CAUGHT = [
    ("机密★", "机密★"),
    ("绝密★", "绝密★"),
    ("秘密★", "秘密★"),
    ("机密★10年", "机密★10年"),
    ("秘密★1年", "秘密★1年"),
    ("绝密★长期", "绝密★长期"),
    ("机密 ★ 5年", "机密★5年"),
    ("机密　★", "机密★"),
    ("秘密☆", "秘密★"),
    ("机密*", "机密★"),
    ("机密＊", "机密★"),
    ("机密＊１０年", "机密★10年"),
    ("绝 密 ★", "绝密★"),
    ("关于某事项的报告（机密★10年）", "机密★10年"),
    ("文件标注：秘密★，请妥善保管", "秘密★"),
    ("绝密级", "绝密级"),
    ("机密级", "机密级"),
    ("秘密级", "秘密级"),
    ("本件为机密级文件", "机密级"),
    ("密级：秘密 级", "秘密级"),
    ("标题\n秘密★6个月", "秘密★"),
    ("机密★五年", "机密★五年"),
]
PASSED = [
    "商业秘密",
    "保密工作",
    "秘密投票",
    "保守国家秘密是每个公民的义务",
    "机密文件管理制度学习",
    "商业秘密★",
    "加强保密宣传教育",
    "这是**秘密**投票",
    "我们有个小秘密",
    "秘密花园小区物业投诉",
    "绝对密封的包装",
    "机关密码管理",
    "密级标注规范培训",
    "非秘密级资料",
    "★五星级服务",
    "秘书科工作安排",
    "机要科收文登记",
    "涉密人员培训通知",
    "保密办检查",
    "关于机密性和完整性的技术要求",
    "",
    "Confidential ★ not Chinese",
]


class FindMarkingTests(BaseTestCase):
    def test_it_catches_markings(self):
        self.assertGreaterEqual(len(CAUGHT), 20)
        for text, expected in CAUGHT:
            with self.subTest(text=text):
                self.assertEqual(find_marking(text), expected)

    def test_it_lets_ordinary_words_pass(self):
        self.assertGreaterEqual(len(PASSED), 20)
        for text in PASSED:
            with self.subTest(text=text):
                self.assertIsNone(find_marking(text))

    def test_it_accepts_none(self):
        self.assertIsNone(find_marking(None))


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph("关于推进重点工作的通知")
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class GuardTests(BaseTestCase):
    def test_it_refuses_a_marked_unit_name_on_the_page_and_logs_it(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post("/org/units/new/", {"name": "机密★联络组", "kind": "section", "sort_order": 0})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "国家秘密标志")
        self.assertFalse(Unit.objects.filter(name__startswith="机密").exists())
        refusal = ClassificationRefusal.objects.get()
        self.assertEqual((refusal.username, refusal.marking), ("sysadmin", "机密★"))

    def test_it_refuses_a_marked_docx_body_and_file_name(self):
        from django.core.exceptions import ValidationError

        from shuniu.core.guard import check_upload

        upload = SimpleUploadedFile("通知.docx", _docx("（绝密★长期）内部事项"))
        with self.assertRaisesMessage(ValidationError, "绝密★长期"):
            check_upload(upload, user=self.clerk_a, where="test")
        named = SimpleUploadedFile("秘密★材料.pdf", b"%PDF-1.4")
        with self.assertRaisesMessage(ValidationError, "秘密★"):
            check_upload(named, user=self.clerk_a, where="test")
        self.assertEqual(ClassificationRefusal.objects.count(), 2)

    def test_it_accepts_a_clean_docx_and_refuses_bad_types_and_broken_docx(self):
        from django.core.exceptions import ValidationError

        from shuniu.core.guard import check_upload

        check_upload(SimpleUploadedFile("通知.docx", _docx("做好保密工作")), user=self.clerk_a, where="t")
        with self.assertRaisesMessage(ValidationError, "不支持的文件类型"):
            check_upload(SimpleUploadedFile("x.exe", b"MZ"), user=self.clerk_a, where="t")
        with self.assertRaisesMessage(ValidationError, "无法读取该Word文件"):
            check_upload(SimpleUploadedFile("x.docx", b"not a zip"), user=self.clerk_a, where="t")

    def test_it_refuses_oversize_files(self):
        from django.core.exceptions import ValidationError

        from shuniu.core.guard import check_upload

        with self.settings(SHUNIU_MAX_UPLOAD_BYTES=10), self.assertRaisesMessage(ValidationError, "文件过大"):
            check_upload(SimpleUploadedFile("a.txt", b"x" * 11), user=self.clerk_a, where="t")

    def test_it_guards_the_api(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post(
            "/api/v1/units", {"name": "秘密级小组", "kind": "section"}, content_type="application/json"
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("国家秘密标志", r.json()["detail"][0])

    def test_it_shows_refusals_only_to_the_security_administrator(self):
        ClassificationRefusal.objects.create(username="x", where="w", marking="机密★", excerpt="机密★")
        self.client.force_login(self.secadmin)
        self.assertContains(self.client.get("/security/refusals/"), "机密★")
        for persona in (self.sysadmin, self.auditor, self.clerk_a):
            self.client.force_login(persona)
            self.assertEqual(self.client.get("/security/refusals/").status_code, 403)
