from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from shuniu.audit.models import AuditRecord
from shuniu.governance.models import Attachment, CitizenRequest

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


class PortalTests(TestCase):
    def setUp(self):
        caches["throttle"].clear()
        cache.clear()

    def submit(self, ip="127.0.0.1", **extra):
        data = {
            "request_type": "complaint",
            "title": "路灯不亮",
            "content": "锦秋路三盏路灯坏了一个月",
            "phone": "13912345678",
            "citizen_name": "张先生",
        }
        data.update(extra)
        return self.client.post("/portal/submit/", data, REMOTE_ADDR=ip)

    def test_it_takes_a_request_with_photos_and_tracks_it(self):
        r = self.submit(photos=[SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.png", PNG)])
        self.assertEqual(r.status_code, 200)
        req = CitizenRequest.objects.get()
        self.assertContains(r, req.tracking_code)
        self.assertEqual((req.channel, req.status, Attachment.objects.count()), ("web", "received", 2))
        receipt = AuditRecord.objects.get(action="receive", object_id=str(req.pk))
        self.assertEqual((receipt.actor_name, receipt.changes["attachments"]), ("portal", [None, ["a.png", "b.png"]]))
        found = self.client.get("/portal/track/", {"code": req.tracking_code.lower(), "last4": "5678"})
        self.assertContains(found, "已受理")
        self.assertNotContains(found, "13912345678")
        # The submission time in county time (UTC+8), on either database.
        self.assertContains(found, timezone.localtime(req.created_at).strftime("%Y-%m-%d %H:%M"))
        wrong = self.client.get("/portal/track/", {"code": req.tracking_code, "last4": "0000"})
        self.assertContains(wrong, "没有找到")

    def test_it_needs_no_login_and_allows_anonymous_requests(self):
        self.assertEqual(self.client.get("/portal/").status_code, 200)
        r = self.submit(phone="", anonymous="on", citizen_name="")
        req = CitizenRequest.objects.get()
        self.assertTrue(req.anonymous)
        self.assertContains(r, "匿名诉求凭查询码")

    def test_it_refuses_bad_input_and_marked_photos_with_a_message(self):
        self.assertContains(self.submit(phone="123"), "电话号码格式不正确")
        self.assertContains(self.submit(photos=SimpleUploadedFile("x.exe", b"MZ")), "不支持的文件类型")
        self.assertContains(self.submit(title="机密★材料"), "国家秘密标志")
        self.assertFalse(CitizenRequest.objects.exists())

    def test_it_throttles_per_ip(self):
        for _ in range(5):
            self.submit(ip="10.9.9.9")
        self.assertEqual(self.submit(ip="10.9.9.9").status_code, 429)
        self.assertEqual(self.submit(ip="10.9.9.8").status_code, 200)

    def test_it_shows_published_answers_without_personal_data(self):
        self.submit()
        CitizenRequest.objects.update(reply="已更换灯具。", reply_published=True, replied_at="2026-10-20T10:00Z")
        page = self.client.get("/portal/")
        self.assertContains(page, "已更换灯具")
        self.assertNotContains(page, "张先生")
        self.assertNotContains(page, "5678")

    def test_it_masks_numbers_and_the_callers_name_inside_published_texts(self):
        self.submit()
        CitizenRequest.objects.update(
            citizen_name="王小明",
            title="王小明反映路灯不亮，电话13912349876",
            reply="已联系王小明（身份证330102199001011234），灯具已更换。",
            reply_published=True,
            replied_at="2026-10-20T10:00Z",
        )
        for page in (self.client.get("/portal/"), self.client.get("/open311/v2/requests.json")):
            self.assertEqual(page.status_code, 200)
            self.assertNotContains(page, "王小明")
            self.assertNotContains(page, "13912349876")
            self.assertNotContains(page, "330102199001011234")
        self.assertContains(self.client.get("/portal/"), "王某反映路灯不亮，电话139****9876")
