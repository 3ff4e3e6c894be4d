"""办文 as people do it (issue 13, point 11): an incoming document from 签收 to a leader's 批示 that creates a task; an
outgoing document from 拟稿 through 签发 and 编号 to 分发; the .docx downloads."""

import io

from docx import Document

from shuniu.core.browser import BrowserTestCase
from shuniu.documents.models import DocPrefix, Incoming, Outgoing
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import BrowserPeople

PASSWORD = BrowserPeople.PASSWORD


class DocumentsBrowserTests(BrowserPeople, BrowserTestCase):
    def test_incoming_to_instruction_and_task_outgoing_to_distribution_and_the_docx(self):
        ensure_roles()
        county = self.unit("示范县", Unit.Kind.LEADERSHIP)
        office = self.unit("县委办公室", Unit.Kind.OFFICE, county)
        fgj = self.unit("县发展和改革局", Unit.Kind.DEPARTMENT, county)
        zjj = self.unit("县住房和城乡建设局", Unit.Kind.DEPARTMENT, county)
        self.user("wenshu", office, "doc_clerk", "周文华")
        director = self.user("director", office, "office_director", "刘明哲")
        self.user("shuji", county, "county_leader", "李国栋")
        self.user("fgj_liaison", fgj, "liaison", "何立新")
        self.user("zjj_liaison", zjj, "liaison", "马俊杰")
        DocPrefix.objects.create(
            prefix="示委办发",
            issuer="中共示范县委办公室",
            mark="中共示范县委办公室文件",
            unit=office,
            principal=director,
        )
        url = self.live_server_url
        page = self.new_page()

        # 收文: 签收 → 登记 → 拟办 → 领导批示 → 督办
        self.login(page, "wenshu", PASSWORD)
        page.goto(f"{url}/documents/incoming/new/")
        page.fill("#id_title", "关于开展营商环境专项督查的通知")
        page.fill("#id_source_org", "市政府办公室")
        page.fill("#id_source_doc_number", "市政办发〔2026〕35号")
        page.select_option("#id_urgency", "jiaji")
        page.click("#btn-save")
        page.wait_for_selector("#incoming-status >> text=已签收")
        page.click("#btn-register")
        page.wait_for_selector("#incoming-status >> text=已登记")
        page.check("#id_mode_1")
        page.fill("#id_proposal", "拟请李国栋同志阅示，由县发改局牵头落实。")
        page.select_option("#id_leader", label="李国栋")
        page.click("#btn-route")
        page.wait_for_selector("#incoming-status >> text=待批示")
        self.shot(page, "documents-incoming-proposed", full_page=True)
        document = Incoming.objects.get()
        self.as_user(page, "shuji")
        page.goto(f"{url}{document.get_absolute_url()}")
        page.fill("#id_text", "请县发改局牵头、住建局配合，逐项整改，月底前报结果。")
        page.select_option("#id_lead_unit", label="县发展和改革局")
        page.select_option("#id_handling_units", label="县住房和城乡建设局")
        page.check("#id_to_task")
        page.fill("#id_task_title", "营商环境专项督查问题整改")
        page.click("#btn-instruct")
        page.wait_for_selector("#tasks")
        self.assertIn("DB-", page.inner_text("#tasks"))
        self.assertIn("请县发改局牵头", page.inner_text("#instruction"))
        self.shot(page, "documents-incoming-instructed", full_page=True)

        # 发文: 拟稿 → 部门审核 → 核稿 → 签发 → 编号 → 用印 → 分发
        self.as_user(page, "fgj_liaison")
        page.goto(f"{url}/documents/outgoing/new/")
        page.fill("#id_title", "关于营商环境专项督查问题整改情况的报告")
        page.select_option("#id_doc_type", "report")
        page.select_option("#id_prefix", label="示委办发")
        page.select_option("#id_direction", "up")
        page.fill("#id_main_recipients", "县委办公室")
        page.fill("#id_body", "县委办公室：\n一、整改进展\n（一）已完成12项。\n二、下一步安排\n特此报告。")
        page.select_option("#id_recipients", label="县住房和城乡建设局")
        page.click("#btn-save")
        page.wait_for_selector("#outgoing-status >> text=拟稿")
        page.click("#btn-submit")
        page.wait_for_selector("#outgoing-status >> text=部门审核")
        page.click("#btn-dept-approve")
        page.wait_for_selector("#outgoing-status >> text=办公室核稿")
        outgoing = Outgoing.objects.get()
        self.as_user(page, "wenshu")
        page.goto(f"{url}{outgoing.get_absolute_url()}")
        page.click("#btn-office-approve")
        page.wait_for_selector("#outgoing-status >> text=待签发")
        self.as_user(page, "director")
        page.goto(f"{url}{outgoing.get_absolute_url()}")
        self.shot(page, "documents-outgoing-signing", full_page=True)
        page.click("#btn-sign")
        page.wait_for_selector("#outgoing-status >> text=已签发")
        self.as_user(page, "wenshu")
        page.goto(f"{url}{outgoing.get_absolute_url()}")
        page.click("#btn-number")
        page.wait_for_selector("#outgoing-status >> text=已编号")
        self.assertRegex(page.inner_text("#doc-number"), r"^示委办发〔\d{4}〕1号$")
        page.click("#btn-seal")
        page.wait_for_selector("#outgoing-status >> text=已用印")
        page.click("#btn-distribute")
        page.wait_for_selector("#outgoing-status >> text=已分发")
        self.assertIn("县住房和城乡建设局", page.inner_text("#deliveries"))
        self.shot(page, "documents-outgoing-distributed", full_page=True)
        with page.expect_download() as info:
            page.click("#download-docx")
        data = open(info.value.path(), "rb").read()  # noqa: SIM115
        texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
        self.assertEqual(texts[0], "中共示范县委办公室文件")
        self.assertTrue(any("签发人：刘明哲" in t for t in texts))
        self.as_user(page, "zjj_liaison")
        page.goto(f"{url}/documents/incoming/?status=pending")
        page.click("text=关于营商环境专项督查问题整改情况的报告")
        page.click("#btn-sign")
        page.wait_for_selector("#incoming-status >> text=已签收")
        self.shot(page, "documents-delivered-signed", full_page=True)
