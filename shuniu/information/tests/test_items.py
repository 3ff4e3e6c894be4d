"""Submissions: life cycle, versions, visibility, points, the API, bad input (issue 11, points 1, 4, 5, 10)."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuniu.audit.models import AuditRecord
from shuniu.information import services
from shuniu.information.models import InfoItem, InformationConfig, MustReportType
from shuniu.information.tests.base import InformationTestCase


class ItemLifeCycleTests(InformationTestCase):
    def draft(self, user=None, **kw):
        return services.item_create(
            actor=user or self.officer_a,
            title=kw.get("title", "县发改局推进重点项目“拿地即开工”"),
            body=kw.get("body", "今年以来，县发改局围绕重点项目建设，推行并联审批，平均审批时间缩短40%。"),
            category=kw.get("category", "experience"),
            must_report_type=kw.get("must_report_type"),
        )

    def test_the_nine_must_report_types_and_two_periodicals_are_seeded(self):
        self.assertEqual(MustReportType.objects.count(), 9)
        self.assertTrue(MustReportType.objects.filter(name="涉本地网络舆情").exists())

    def test_draft_submit_edit_adopt_with_versions_the_submitter_reads_the_edited_text(self):
        item = self.draft()
        self.assertEqual(item.status, "draft")
        self.assertRegex(item.code, r"^XX-\d{4}-\d{5}$")
        services.item_submit(actor=self.officer_a, item=item)
        self.assertEqual(item.status, "submitted")
        services.item_edit(actor=self.editor, item=item, title=item.title, body="（编辑后）" + item.body)
        item.refresh_from_db()
        self.assertEqual(item.status, "editing")
        self.assertEqual(list(item.versions.values_list("number", flat=True)), [1, 2])
        self.assertTrue(item.versions.get(number=1).body.startswith("今年以来"))  # the original is kept
        self.client.force_login(self.officer_a)
        page = self.client.get(item.get_absolute_url()).content.decode()
        self.assertIn("（编辑后）", page)  # the submitter sees the edited text
        adoption = services.item_adopt(actor=self.editor, item=item, level="city", periodical="市委办《每日要情》")
        self.assertEqual((item.status, adoption.points, item.points), ("adopted", 10, 10))

    def test_return_needs_a_reason_and_a_returned_item_can_be_resubmitted(self):
        item = self.draft()
        services.item_submit(actor=self.officer_a, item=item)
        with self.assertRaises(ValidationError):
            services.item_return(actor=self.editor, item=item, reason="")
        services.item_return(actor=self.editor, item=item, reason="要素不全，请补充数据来源")
        self.assertEqual((item.status, item.status_reason), ("returned", "要素不全，请补充数据来源"))
        services.item_edit(actor=self.officer_a, item=item, title=item.title, body=item.body + "（数据来源：县统计局）")
        services.item_submit(actor=self.officer_a, item=item)
        self.assertEqual(item.status, "submitted")
        services.item_archive(actor=self.editor, item=item, reason="与已采用信息重复")
        self.assertEqual(item.status, "archived")

    def test_units_see_their_own_the_information_section_sees_all(self):
        item = self.draft()
        self.client.force_login(self.officer_b)
        self.assertEqual(self.client.get(item.get_absolute_url()).status_code, 404)  # outsider
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(item.get_absolute_url()).status_code, 200)
        r = self.api(self.officer_b, "get", f"/api/v1/info-items/{item.code}")
        self.assertEqual(r.status_code, 404)
        # a read-only user (a leader sees the item) may not adopt it: 403, nothing written
        services.item_submit(actor=self.officer_a, item=item)
        r = self.api(
            self.leader,
            "post",
            f"/api/v1/info-items/{item.code}/adoptions",
            {"level": "county", "periodical": "信息快报"},
        )
        self.assertEqual(r.status_code, 403)
        self.assertFalse(item.adoptions.exists())
        # once submitted, the unit can no longer edit (a new version is the 信息科's)
        self.client.force_login(self.officer_a)
        self.assertEqual(self.client.get(f"/information/items/{item.code}/edit/").status_code, 403)

    def test_points_add_up_across_levels_and_periodicals_and_every_point_is_explained(self):
        item = self.draft()
        services.item_submit(actor=self.officer_a, item=item)
        services.item_adopt(actor=self.editor, item=item, level="county", periodical="信息快报")
        services.item_adopt(actor=self.editor, item=item, level="province", periodical="省委办《快报》")
        services.item_instruct(
            actor=self.editor, item=item, level="city", leader="市委副书记李某", text="此做法很好，请推广。"
        )
        item.refresh_from_db()
        self.assertEqual(item.points, 5 + 20 + 30)
        r = self.api(self.officer_a, "get", f"/api/v1/info-items/{item.code}")
        body = r.json()
        self.assertEqual(body["points"], 55)
        self.assertEqual([p["points"] for p in body["breakdown"]], [5, 20, 30])
        self.assertEqual(body["breakdown"][2]["rule"], "市委办层级领导批示 +30 分")
        self.assertEqual(body["breakdown"][0]["periodical"], "信息快报")

    def test_rules_are_data_and_their_changes_are_audited_old_adoptions_keep_their_points(self):
        item = self.draft()
        services.item_submit(actor=self.officer_a, item=item)
        services.item_adopt(actor=self.editor, item=item, level="county", periodical="信息快报")
        services.config_update(actor=self.editor, points_county=8)
        self.assertTrue(
            AuditRecord.objects.filter(
                object_type="information.informationconfig", changes__points_county=[5, 8]
            ).exists()
        )
        services.item_adopt(actor=self.editor, item=item, level="county", periodical="每日要情")
        item.refresh_from_db()
        self.assertEqual(item.points, 5 + 8)
        self.assertTrue(InformationConfig.current().keep_points_out_of_assessment)  # the 2024 rule is on by default


class ItemApiTests(InformationTestCase):
    def test_create_submit_adopt_instruct_through_the_api(self):
        r = self.api(
            self.officer_a,
            "post",
            "/api/v1/info-items",
            {
                "title": "群众反映东关农贸市场周边停车难",
                "body": "近期多名群众反映……",
                "category": "problem",
                "must_report_type": "群众关心的热点难点",
                "event_time": "2026-11-30T09:00:00+08:00",
            },
        )
        self.assertEqual(r.status_code, 201, r.content)
        code = r.json()["code"]
        self.assertEqual((r.json()["status"], r.json()["category_label"]), ("draft", "问题建议"))
        self.assertEqual(r.json()["event_time"], "2026-11-30T09:00:00+08:00")
        r = self.api(self.officer_a, "post", f"/api/v1/info-items/{code}/submit", {})
        self.assertEqual(r.json()["status"], "submitted")
        r = self.api(
            self.editor, "post", f"/api/v1/info-items/{code}/adoptions", {"level": "central", "periodical": "中办信息"}
        )
        self.assertEqual((r.status_code, r.json()["points"]), (201, 50))
        r = self.api(
            self.editor,
            "post",
            f"/api/v1/info-items/{code}/instructions",
            {"level": "county", "leader": "县委书记", "text": "请住建局牵头研究。"},
        )
        self.assertEqual((r.status_code, r.json()["points"]), (201, 60))

    def test_bad_input_is_a_clear_400_and_nothing_is_written(self):
        before = InfoItem.objects.count()
        r = self.api(
            self.officer_a, "post", "/api/v1/info-items", {"title": "标题", "body": "正文", "category": "gossip"}
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("类别应为", r.content.decode())
        r = self.api(
            self.officer_a,
            "post",
            "/api/v1/info-items",
            {"title": "标题", "body": "正文", "must_report_type": "不存在"},
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("必报类型", r.content.decode())
        r = self.api(
            self.officer_a, "post", "/api/v1/info-items", {"title": "关于某事的报告", "body": "机密★10年 内容"}
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("国家秘密标志", r.content.decode())
        self.assertEqual(InfoItem.objects.count(), before)
        item = services.item_create(actor=self.officer_a, title="一条信息", body="正文内容")
        services.item_submit(actor=self.officer_a, item=item)
        r = self.api(
            self.editor, "post", f"/api/v1/info-items/{item.code}/adoptions", {"level": "township", "periodical": "x"}
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("层级应为", r.content.decode())
        self.assertFalse(item.adoptions.exists())

    def test_the_inbox_reads_in_a_fixed_number_of_queries(self):
        for n in range(3):
            item = services.item_create(actor=self.officer_a, title=f"信息{n}", body=f"正文{n} 内容不同 {n * 7}")
            services.item_submit(actor=self.officer_a, item=item)
        self.client.force_login(self.editor)
        self.client.get("/information/inbox/")
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get("/information/inbox/").status_code, 200)
        for n in range(3, 9):
            item = services.item_create(actor=self.officer_b, title=f"信息{n}", body=f"正文{n} 另一个 {n * 13}")
            services.item_submit(actor=self.officer_b, item=item)
        with CaptureQueriesContext(connection) as many:
            self.client.get("/information/inbox/")
        self.assertEqual(len(few), len(many))
