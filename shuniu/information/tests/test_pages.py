"""Pages for every role (issue 11, point 9), the guard on every declared transition through the page and the API
(point 10)."""

import datetime as dt

from shuniu.core.models import ClassificationRefusal
from shuniu.information import periodicals, services, urgent
from shuniu.information.models import InfoItem, Periodical
from shuniu.information.tests.base import TZ, InformationTestCase
from shuniu.information.transitions import INFO_FLOW

MARKED = "秘密★1年"


class PageTests(InformationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = services.item_create(actor=cls.officer_a, title="县发改局一条信息", body="正文内容，有数据。")
        services.item_submit(actor=cls.officer_a, item=cls.item)
        services.item_adopt(actor=cls.editor, item=cls.item, level="county", periodical="信息快报")
        cls.issue = periodicals.issue_compile(
            actor=cls.editor, periodical=Periodical.objects.get(name="信息快报"), codes=[cls.item.code]
        )
        periodicals.issue_publish(actor=cls.editor, issue=cls.issue)
        cls.event = urgent.event_create(
            actor=cls.officer_a,
            title="一起火情",
            level="general",
            occurred_at=dt.datetime.now(TZ) - dt.timedelta(minutes=5),
            place="城东街道",
            summary="已扑灭",
        )

    def test_every_role_sees_its_pages_in_chinese(self):
        pages = {
            self.officer_a: [
                "/information/",
                "/information/new/",
                self.item.get_absolute_url(),
                "/information/commissions/",
                "/information/issues/",
                self.issue.get_absolute_url(),
                "/information/events/",
                self.event.get_absolute_url(),
            ],
            self.editor: [
                "/information/",
                "/information/inbox/",
                self.item.get_absolute_url(),
                "/information/commissions/",
                "/information/issues/",
                "/information/events/",
                "/information/rankings/",
                "/information/rules/",
                f"/information/items/{self.item.code}/edit/"
                if False
                else "/information/rankings/?by=author&period=month&n=11",
            ],
            self.director: [
                "/information/",
                "/information/events/",
                self.event.get_absolute_url(),
                "/information/rankings/",
            ],
            self.leader: [
                "/information/",
                self.item.get_absolute_url(),
                "/information/issues/",
                self.issue.get_absolute_url(),
                "/information/events/",
            ],
            self.duty: ["/information/events/", self.event.get_absolute_url()],
        }
        for user, urls in pages.items():
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    r = self.client.get(url)
                    self.assertEqual(r.status_code, 200)
                    self.assertIn("信息", r.content.decode())
        self.client.force_login(self.leader)
        self.assertContains(self.client.get(self.item.get_absolute_url()), "登记批示")  # the leader's 批示

    def test_outsiders_get_404_and_roles_without_the_module_403(self):
        self.client.force_login(self.officer_b)
        for url in (self.item.get_absolute_url(), self.event.get_absolute_url()):
            self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.auditor)  # 三员: no business data
        for url in ("/information/", "/information/inbox/", "/information/rankings/", "/information/events/"):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.get(self.item.get_absolute_url()).status_code, 404)
        self.client.force_login(self.officer_a)
        self.assertEqual(self.client.get("/information/inbox/").status_code, 403)
        r = self.client.post(f"/information/issues/{self.issue.pk}/reissue/", {"reason": "x"})
        self.assertEqual(r.status_code, 403)
        self.assertEqual(self.issue.corrections.count(), 0)  # a unit cannot re-issue

    def test_a_marked_text_is_refused_on_every_transition_page_and_api(self):
        fresh = services.item_create(actor=self.officer_a, title="待报送", body="正文")
        self.client.force_login(self.officer_a)
        r = self.client.post(
            "/information/new/", {"title": f"关于{MARKED}的信息", "body": "x", "category": "news"}, follow=True
        )
        self.assertContains(r, "国家秘密标志")
        services.item_submit(actor=self.officer_a, item=fresh)
        self.client.force_login(self.editor)
        for transition in INFO_FLOW:
            if transition.page:
                continue
            data = {"reason": MARKED, "level": "county", "periodical": MARKED, "leader": MARKED, "text": MARKED}
            with self.subTest(transition.name):
                before = InfoItem.objects.get(pk=fresh.pk).status
                self.client.post(f"/information/items/{fresh.code}/do/{transition.name}/", data)
                if transition.reason_required or transition.texts or transition.inputs:
                    self.assertEqual(InfoItem.objects.get(pk=fresh.pk).status, before)
        r = self.api(
            self.editor, "post", f"/api/v1/info-items/{fresh.code}/adoptions", {"level": "county", "periodical": MARKED}
        )
        self.assertEqual(r.status_code, 400)
        self.assertFalse(fresh.adoptions.exists())
        r = self.api(
            self.officer_a,
            "post",
            f"/api/v1/urgent-events/{self.event.code}/reports",
            {"kind": "initial", "channel": "phone", "text": MARKED},
        )
        self.assertEqual(r.status_code, 400)
        self.assertTrue(ClassificationRefusal.objects.exists())
        edit = {"title": "t", "body": "b", "category": "news"}
        self.assertEqual(self.client.post(f"/information/items/{fresh.code}/edit/", edit).status_code, 403)
        self.client.force_login(self.editor)  # once submitted, only the 信息科 edits
        r = self.client.post(
            f"/information/items/{fresh.code}/edit/", {"title": "t", "body": MARKED, "category": "news"}, follow=True
        )
        self.assertContains(r, "国家秘密标志")
        self.assertEqual(InfoItem.objects.get(pk=fresh.pk).body, "正文")
