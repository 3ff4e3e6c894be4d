"""年度目标 (issue 15 point 3): goals per section and unit as a tree, progress reported by the unit, the three stages
frozen in order and never changed, the office's progress page, .xlsx; outsiders and read-only users refused."""

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.goals import services
from shuniu.goals.models import Goal, Snapshot
from shuniu.org.testing import BaseTestCase


class GoalTests(BaseTestCase):
    def setUp(self):
        self.top = services.goal_create(
            actor=self.supervisor, year=2026, unit=self.unit_a, title="全县重点项目投资完成120亿元"
        )
        self.sub = services.goal_create(actor=self.supervisor, year=2026, unit=self.unit_a, parent=self.top,
                                        title="新开工项目30个", measure="以统计局月报为准")  # fmt: skip
        self.other = services.goal_create(actor=self.supervisor, year=2026, unit=self.unit_b, title="改造老旧小区20个")

    def test_stages_freeze_in_order_and_keep_what_they_saw(self):
        with self.assertRaisesMessage(ValidationError, "请先完成“年初亮目标”"):
            services.stage_freeze(actor=self.supervisor, year=2026, stage="mid")
        start = services.stage_freeze(actor=self.supervisor, year=2026, stage="start")
        services.goal_report(actor=self.head_a, goal=self.sub, progress=55, note="已开工17个")
        mid = services.stage_freeze(actor=self.supervisor, year=2026, stage="mid")
        services.goal_report(actor=self.head_a, goal=self.sub, progress=100, note="已开工31个", result="achieved",
                             result_note="超额完成")  # fmt: skip
        end = services.stage_freeze(actor=self.supervisor, year=2026, stage="end")
        row = lambda snap: next(r for r in snap.rows if r["code"] == self.sub.code)  # noqa: E731
        self.assertEqual([row(s)["progress"] for s in (start, mid, end)], [0, 55, 100])
        self.assertEqual(row(end)["parent"], self.top.code)
        with self.assertRaisesMessage(ValidationError, "已冻结"):
            services.stage_freeze(actor=self.supervisor, year=2026, stage="end")
        with self.assertRaisesMessage(ValidationError, "成果已冻结"):
            services.goal_report(actor=self.head_a, goal=self.sub, progress=90)
        self.client.force_login(self.clerk_b)  # every unit sees the published goals and the frozen stages
        page = self.client.get("/goals/?year=2026&stage=mid")
        self.assertContains(page, "已开工17个")
        self.assertEqual(self.client.get("/goals/?year=2026&stage=end&export=xlsx").status_code, 200)
        self.assertEqual(Snapshot.objects.count(), 3)

    def test_the_tree_page_reports_and_refusals(self):
        self.client.force_login(self.head_a)
        r = self.client.post(f"/goals/g/{self.sub.code}/report/", {"progress": "60", "note": "已开工18个"}, follow=True)
        self.assertContains(r, "已填报")
        self.assertContains(r, "└ 新开工项目30个")
        self.assertContains(r, "30%")  # the unit's mean progress: (0 + 60) / 2
        self.assertNotContains(r, f'id="btn-report-{self.other.code}"')  # another unit's goal
        self.assertEqual(self.client.post(f"/goals/g/{self.other.code}/report/", {"progress": "10"}).status_code, 403)
        self.other.refresh_from_db()
        self.assertEqual(self.other.progress, 0)
        with self.assertRaises(PermissionDenied):
            services.goal_report(actor=self.head_a, goal=self.other, progress=10)
        with self.assertRaisesMessage(ValidationError, "0 至 100"):
            services.goal_report(actor=self.head_a, goal=self.sub, progress=101)
        with self.assertRaises(ValidationError):
            services.goal_report(actor=self.head_a, goal=self.sub, progress=70, note="机密★ 项目")
        with self.assertRaises(PermissionDenied):  # units report, the office sets goals
            services.goal_create(actor=self.head_a, year=2026, unit=self.unit_a, title="自定目标")
        self.sub.refresh_from_db()
        self.assertEqual(self.sub.progress, 60)
        self.client.force_login(self.supervisor)
        self.client.get("/goals/?year=2026")
        with self.assertNumQueries(9):
            self.client.get("/goals/?year=2026")
        self.client.logout()
        self.assertEqual(self.client.get("/goals/").status_code, 302)  # to the login page
        self.assertEqual(Goal.objects.count(), 3)
