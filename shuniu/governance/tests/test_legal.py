import datetime as dt
import io

from django.core.exceptions import ValidationError
from docx import Document

from shuniu.governance.legal import services as legal
from shuniu.governance.models import LegalWorker, MediationCase
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.org.models import Unit
from shuniu.org.testing import make_unit

D = dt.date


class LegalTests(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.town = make_unit("锦秋街道", Unit.Kind.TOWN, cls.county)
        cls.village = make_unit("锦秋社区", Unit.Kind.VILLAGE, cls.town)
        cls.other_village = make_unit("乐安社区", Unit.Kind.VILLAGE, cls.town)
        cls.justice = make_unit("县司法局", Unit.Kind.DEPARTMENT, cls.county)
        cls.adviser = LegalWorker.objects.create(name="许律师", role="adviser", village=cls.village)
        cls.mediator = LegalWorker.objects.create(name="许正平", role="mediator", village=cls.village)

    def test_it_routes_a_legal_question_to_the_village_adviser(self):
        req = self.receive(
            request_type="consult",
            title="宅基地继承怎么办",
            content="父亲去世后宅基地怎么继承",
            town=self.other_village,
        )
        adviser = legal.route_legal_consultation(actor=self.operator, req=req)
        self.assertEqual((adviser, req.handling_unit, req.status), (self.adviser, self.justice, "dispatched"))

    def test_it_runs_a_mediation_case_and_renders_the_agreement(self):
        case = legal.case_open(
            actor=self.operator,
            applicant="王某",
            respondent="李某",
            dispute_type="neighbour",
            facts="李某加盖房屋影响王某采光。",
            mediator=self.mediator,
            opened_on=D(2026, 9, 1),
        )
        self.assertTrue(case.code.startswith("TJ-2026-"))
        self.assertTrue(legal.overdue(case, D(2026, 10, 5)))
        self.assertFalse(legal.overdue(case, D(2026, 9, 20)))
        legal.session_add(actor=self.operator, case=case, held_on=D(2026, 9, 5), notes="双方到场，初步沟通。")
        with self.assertRaises(ValidationError):
            legal.case_close(actor=self.operator, case=case, status="succeeded", agreement="")
        legal.case_close(
            actor=self.operator,
            case=case,
            status="succeeded",
            agreement="李某拆除加盖部分，王某不再追究。",
            closed_on=D(2026, 9, 20),
        )
        text = "\n".join(p.text for p in Document(io.BytesIO(legal.agreement_docx(case))).paragraphs)
        self.assertIn("人民调解协议书", text)
        self.assertIn("李某拆除加盖部分", text)
        self.assertFalse(legal.overdue(case, D(2026, 12, 1)))

    def test_it_shows_pages_to_the_office_only(self):
        case = legal.case_open(
            actor=self.operator,
            applicant="王某",
            respondent="李某",
            dispute_type="family",
            facts="赡养纠纷。",
            mediator=self.mediator,
            opened_on=D(2026, 9, 1),
        )
        self.client.force_login(self.operator)
        self.assertContains(self.client.get("/governance/mediation/"), "超过一个月")
        self.assertContains(self.client.get("/governance/legal/"), "许律师")
        self.client.post(f"/governance/mediation/{case.code}/", {"action": "close", "status": "failed"})
        case.refresh_from_db()
        self.assertEqual(case.status, "failed")
        self.assertEqual(self.client.get(f"/governance/mediation/{case.code}/?agreement=1").status_code, 404)
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/governance/mediation/").status_code, 403)
        self.assertEqual(MediationCase.objects.count(), 1)


class MediatorAccessTests(GovernanceTestCase):
    """The 调解员 sees and works his community's cases; another community's 调解员 gets 404; a unit clerk 403."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from shuniu.org.testing import make_user

        cls.town = make_unit("锦秋街道", Unit.Kind.TOWN, cls.county)
        cls.village = make_unit("锦秋社区", Unit.Kind.VILLAGE, cls.town)
        cls.other_village = make_unit("乐安社区", Unit.Kind.VILLAGE, cls.town)
        cls.justice = make_unit("县司法局", Unit.Kind.DEPARTMENT, cls.county)
        cls.xu = make_user("tiaojie", cls.justice, "mediator", real_name="许正平")
        cls.li = make_user("tiaojie2", cls.justice, "mediator", real_name="李调解")
        cls.mediator = LegalWorker.objects.create(name="许正平", role="mediator", village=cls.village, user=cls.xu)
        LegalWorker.objects.create(name="李调解", role="mediator", village=cls.other_village, user=cls.li)
        cls.case = legal.case_open(
            actor=cls.operator,
            applicant="王某",
            respondent="李某",
            dispute_type="neighbour",
            facts="院内加盖房屋影响采光",
            mediator=cls.mediator,
            opened_on=D(2026, 11, 2),
        )

    def test_it_lets_the_mediator_see_and_work_his_cases(self):
        self.client.force_login(self.xu)
        self.assertContains(self.client.get("/governance/mediation/"), self.case.code)
        url = self.case.get_absolute_url()
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(url, {"action": "session", "held_on": "2026-11-05", "notes": "双方到场，初步沟通"})
        self.client.post(url, {"action": "close", "status": "succeeded", "agreement": "李某拆除加盖部分"})
        self.case.refresh_from_db()
        self.assertEqual((self.case.status, self.case.sessions.count()), ("succeeded", 1))
        self.assertEqual(self.client.post("/governance/mediation/", {"applicant": "x"}).status_code, 403)
        self.assertContains(self.client.get("/governance/legal/"), "许正平")

    def test_it_hides_the_case_from_another_mediator_and_refuses_a_clerk(self):
        self.client.force_login(self.li)
        self.assertNotContains(self.client.get("/governance/mediation/"), self.case.code)
        url = self.case.get_absolute_url()
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(url, {"action": "session", "held_on": "2026-11-05", "notes": "x"}).status_code, 404
        )
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/governance/mediation/").status_code, 403)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_refuses_a_marked_text_in_a_session_whatever_the_entry_point(self):
        with self.assertRaisesMessage(ValidationError, "国家秘密"):
            legal.session_add(actor=self.xu, case=self.case, held_on=D(2026, 11, 5), notes="机密★ 材料")
        self.assertEqual(self.case.sessions.count(), 0)
