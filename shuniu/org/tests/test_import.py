import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from shuniu.audit.models import AuditRecord
from shuniu.org.imports import units_import, users_import
from shuniu.org.models import Unit, User
from shuniu.org.testing import BaseTestCase, xlsx

UNIT_HEADER = ["单位名称", "类型", "上级单位", "简称", "排序"]
USER_HEADER = ["登录名", "姓名", "单位", "初始密码", "职务", "手机", "邮箱", "角色"]


class UnitImportTests(BaseTestCase):
    def test_it_imports_a_tree_in_one_go(self):
        report = units_import(
            actor=self.sysadmin,
            fileobj=xlsx(
                [
                    UNIT_HEADER,
                    ["湖滨镇", "乡镇街道", "示范县", "", 1],
                    ["湖滨村", "村/社区", "湖滨镇", "", 1],
                    ["湖滨村第1网格", "grid", "湖滨村", "", 1],
                ]
            ),
        )
        self.assertTrue(report.ok, report.errors)
        self.assertEqual(report.created, 3)
        grid = Unit.objects.get(name="湖滨村第1网格")
        self.assertEqual(grid.depth, 3)
        self.assertTrue(grid.path.startswith(self.county.path))

    def test_it_reports_every_bad_row_and_changes_nothing(self):
        before, audit_before = Unit.objects.count(), AuditRecord.objects.count()
        report = units_import(
            actor=self.sysadmin,
            fileobj=xlsx(
                [
                    UNIT_HEADER,
                    ["好单位", "县直部门", "示范县", "", ""],
                    ["坏类型", "部委", "示范县", "", ""],
                    ["无上级", "科室", "不存在的单位", "", ""],
                    ["", "科室", "示范县", "", ""],
                    ["排序错", "科室", "示范县", "", "abc"],
                    ["县发展和改革局", "县直部门", "示范县", "", ""],
                ]
            ),
        )
        self.assertFalse(report.ok)
        problems = {(e.row, e.column) for e in report.errors}
        self.assertEqual(problems, {(3, "类型"), (4, "上级单位"), (5, "单位名称"), (6, "排序"), (7, "单位名称")})
        self.assertEqual(Unit.objects.count(), before)
        self.assertEqual(AuditRecord.objects.count(), audit_before)

    def test_it_refuses_a_file_that_is_not_excel(self):
        report = units_import(actor=self.sysadmin, fileobj=io.BytesIO("单位名称,类型\n".encode("gbk")))
        self.assertIn("无法读取文件", report.errors[0].problem)

    def test_it_reports_missing_columns(self):
        report = units_import(actor=self.sysadmin, fileobj=xlsx([["名称"], ["x"]]))
        self.assertEqual({e.column for e in report.errors}, {"单位名称", "类型"})

    def test_it_refuses_a_marked_row(self):
        report = units_import(actor=self.sysadmin, fileobj=xlsx([UNIT_HEADER, ["机密★专班", "科室", "示范县", "", ""]]))
        self.assertEqual(report.errors[0].column, "单位名称")
        self.assertIn("国家秘密标志", report.errors[0].problem)

    def test_it_shows_the_report_on_the_page(self):
        self.client.force_login(self.sysadmin)
        upload = SimpleUploadedFile("units.xlsx", xlsx([UNIT_HEADER, ["x", "部委", "", "", ""]]).read())
        r = self.client.post("/org/units/import/", {"file": upload})
        self.assertContains(r, "未导入任何数据")
        self.assertContains(r, "未知类型")

    def test_it_serves_the_template_and_an_export_that_round_trips(self):
        self.client.force_login(self.sysadmin)
        template = load_workbook(io.BytesIO(self.client.get("/org/units/import/?template=1").content)).active
        self.assertEqual([c.value for c in template[1]], UNIT_HEADER)
        export = self.client.get("/org/units/?export=xlsx&q=价格")
        rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
        self.assertEqual(rows[1][:3], ("价格监督检查科", "科室", "县发展和改革局"))

    def test_it_is_forbidden_to_a_read_only_user(self):
        self.client.force_login(self.leader)
        self.assertEqual(self.client.post("/org/units/import/", {}).status_code, 403)


class UserImportTests(BaseTestCase):
    def test_it_leaves_roles_to_the_security_administrator(self):
        report = users_import(
            actor=self.sysadmin,
            fileobj=xlsx(
                [USER_HEADER, ["wangwu", "王五", "县住房和城乡建设局", "Xy7#kq9Lm2", "", "", "", "审计管理员"]]
            ),
        )
        self.assertEqual([(e.row, e.column) for e in report.errors], [(2, "角色")])
        self.assertFalse(User.objects.filter(username="wangwu").exists())

    def test_it_imports_users_with_roles_who_must_change_password(self):
        from django.contrib.auth.models import Permission

        self.sysadmin.user_permissions.add(Permission.objects.get(codename="assign_role"))  # an office without 三员
        self.sysadmin = type(self.sysadmin).objects.get(pk=self.sysadmin.pk)
        report = users_import(
            actor=self.sysadmin,
            fileobj=xlsx(
                [
                    USER_HEADER,
                    ["zhangsan", "张三", "县住房和城乡建设局", "Xy7#kq9Lm2", "科员", "13800001111", "", "承办人"],
                    [
                        "lisi",
                        "李四",
                        "县发展和改革局",
                        "Ab3$zz8Qw1",
                        "主任",
                        "",
                        "lisi@example.cn",
                        "单位联络员、承办人",
                    ],
                ]
            ),
        )
        self.assertTrue(report.ok, report.errors)
        lisi = User.objects.get(username="lisi")
        self.assertTrue(lisi.must_change_password)
        self.assertEqual(set(lisi.groups.values_list("role__slug", flat=True)), {"liaison", "handler"})

    def test_it_reports_bad_rows_and_creates_nobody(self):
        before = User.objects.count()
        report = users_import(
            actor=self.sysadmin,
            fileobj=xlsx(
                [
                    USER_HEADER,
                    ["ok_user", "好人", "县住房和城乡建设局", "Xy7#kq9Lm2", "", "", "", ""],
                    ["alice", "重名", "县住房和城乡建设局", "Xy7#kq9Lm2", "", "", "", ""],
                    ["weak", "弱密码", "县住房和城乡建设局", "password", "", "", "", ""],
                    ["nounit", "无单位", "不存在", "Xy7#kq9Lm2", "", "abc", "", "神仙"],
                    ["two", "两员", "县委办公室", "Xy7#kq9Lm2", "", "", "", "系统管理员、审计管理员"],
                ]
            ),
        )
        cells = {(e.row, e.column) for e in report.errors}
        self.assertEqual(cells, {(3, "登录名"), (4, "初始密码"), (5, "单位"), (5, "手机"), (5, "角色"), (6, "角色")})
        self.assertEqual(User.objects.count(), before)
