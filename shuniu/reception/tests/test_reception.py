"""公务接待 (issue 15 point 1): no reception without a 公函, the 审批单 refused when its plan breaks a rule, the
接待清单 compared with the 公函, one working meal, the 陪餐 limit, rank standards, no cash, the reimbursement pack,
the year's statistics, the check API; outsiders 404, read-only 403, nothing written on bad input."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user
from shuniu.reception import rules, services
from shuniu.reception.models import Letter, RankStandard, Reception

D = dt.date


class ReceptionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.jdb = make_unit("接待办", Unit.Kind.SECTION, cls.office)
        cls.officer = make_user("jiedai", cls.jdb, "reception_officer", real_name="钱接待")
        cls.director = make_user("director", cls.office, "office_director", real_name="刘主任")

    def letter_data(self, **kw):
        data = {
            "sending_unit": "临沂市委办公室",
            "doc_number": "临委办函〔2026〕15号",
            "guests": "张明 副主任\n李华 科长\n王强 科员\n赵丽 科员",
            "guest_count": 4,
            "start_date": D(2026, 11, 18),
            "end_date": D(2026, 11, 19),
            "activities": "考察调研基层治理“百姓夜话”工作，座谈交流",
        }
        data.update(kw)
        return data

    def apply(self, **kw):
        plan = {"host_unit": self.office, "purpose": "接待临沂市委办公室考察组", "planned_guests": 4,
                "planned_accompanying": 2, "planned_meals": 1, "budget": Decimal(1200)}  # fmt: skip
        plan.update(kw)
        return services.reception_request(actor=self.officer, letter=self.letter_data(), **plan)


class RuleTests(ReceptionTestCase):
    def test_the_accompanying_limit_and_the_other_rules(self):
        self.assertEqual([rules.accompany_limit(n) for n in (1, 10, 11, 12, 30, 31)], [3, 3, 3, 4, 10, 10])
        self.assertEqual(rules.check(guests=10, accompanying=3, working_meals=1), [])
        found = rules.check(guests=12, accompanying=5, working_meals=2, ranks=["厅局级"],
                            meal_per_person=Decimal("130.5"), room_per_night=Decimal(480), cash=True)  # fmt: skip
        self.assertEqual([b.rule for b in found], ["working_meals", "accompanying", "meal_standard", "cash"])
        self.assertIn("陪餐上限4人，安排5人", found[1].text)
        self.assertIn("超过厅局级标准120.00元", found[2].text)
        # the highest rank present sets the standard
        self.assertEqual(rules.standard(["县处级及以下", "省部级"]).rank, "省部级")

    def test_the_check_api(self):
        self.client.force_login(self.officer)
        r = self.client.post(
            "/api/v1/receptions/check",
            {"guests": 15, "accompanying": 6, "working_meals": 1},
            content_type="application/json",
        )
        self.assertEqual(r.status_code, 200, r.content)
        self.assertEqual([b["rule"] for b in r.json()["breaches"]], ["accompanying"])
        ok = self.client.post(
            "/api/v1/receptions/check",
            {"guests": 8, "accompanying": 3, "working_meals": 1},
            content_type="application/json",
        )
        self.assertEqual(ok.json(), {"breaches": []})
        bad = self.client.post(
            "/api/v1/receptions/check",
            {"guests": 0, "accompanying": "三", "working_meals": 1},
            content_type="application/json",
        )
        self.assertIn(bad.status_code, (400, 422))
        self.client.force_login(self.clerk_b)
        self.assertEqual(
            self.client.post(
                "/api/v1/receptions/check",
                {"guests": 1, "accompanying": 0, "working_meals": 0},
                content_type="application/json",
            ).status_code,
            403,
        )


class FlowTests(ReceptionTestCase):
    def test_no_letter_no_reception_and_a_plan_that_breaks_a_rule_writes_nothing(self):
        with self.assertRaisesMessage(ValidationError, "没有公函不得安排公务接待"):
            services.reception_apply(actor=self.officer, letter=None, host_unit=self.office, purpose="接待",
                                     planned_guests=2, planned_accompanying=1, planned_meals=1)  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "工作餐1次"):
            self.apply(planned_meals=2)
        with self.assertRaisesMessage(ValidationError, "多于公函所列4人"):
            self.apply(planned_guests=6)
        with self.assertRaises(ValidationError):
            services.reception_request(actor=self.officer, letter=self.letter_data(activities="机密★ 考察"),
                                       host_unit=self.office, purpose="接待", planned_guests=1,
                                       planned_accompanying=0, planned_meals=0)  # fmt: skip
        with self.assertRaises(PermissionDenied):
            services.reception_request(
                actor=self.clerk_b, letter=self.letter_data(), host_unit=self.office, purpose="接待",
                planned_guests=1, planned_accompanying=0, planned_meals=0)  # fmt: skip
        self.assertFalse(Letter.objects.exists() or Reception.objects.exists())
        self.client.force_login(self.officer)
        form = {**{k: str(v) for k, v in self.letter_data().items()}, "host_unit": self.office.pk,
                "purpose": "接待考察组", "planned_guests": 4, "planned_accompanying": 4, "planned_meals": 1,
                "budget": 0}  # fmt: skip
        r = self.client.post("/reception/new/", form, follow=True)
        self.assertContains(r, "陪餐人数不得超过3人")
        self.assertFalse(Letter.objects.exists())

    def test_approve_list_compare_complete_and_pack(self):
        reception = self.apply()
        with self.assertRaises(PermissionDenied):  # the applicant does not approve his own
            services.reception_approve(actor=self.officer, reception=reception)
        with self.assertRaisesMessage(ValidationError, "审批同意后"):
            services.guest_add(actor=self.officer, reception=reception, name="张明", unit="临沂市委办公室")
        self.client.force_login(self.director)
        self.client.post(f"/reception/r/{reception.code}/do/approve/", {"reason": "同意，按标准接待"})
        reception.refresh_from_db()
        self.assertEqual((reception.status, reception.approved_by), ("approved", self.director))
        officer_rank = RankStandard.objects.get(rank="县处级及以下")
        for name, position in (("张明", "副主任"), ("李华", "科长"), ("周新", "司机")):
            services.guest_add(actor=self.officer, reception=reception, name=name, unit="临沂市委办公室",
                               position=position, rank=officer_rank)  # fmt: skip
        add = lambda **kw: services.item_add(actor=self.officer, reception=reception, **kw)  # noqa: E731
        add(
            kind="meal",
            date=D(2026, 11, 18),
            place="县委机关食堂",
            content="工作餐",
            guests=3,
            accompanying=4,
            cost=560,
        )
        add(kind="room", date=D(2026, 11, 18), place="县委招待所", content="标准间", guests=3, nights=1, cost=1080)
        add(kind="activity", date=D(2026, 11, 20), place="湖滨镇", content="参观景区", guests=3)
        with self.assertRaisesMessage(ValidationError, "不得以现金方式支付"):
            add(kind="meal", date=D(2026, 11, 19), place="饭店", content="晚餐", guests=3, cost=300, payment="cash")
        with self.assertRaisesMessage(ValidationError, "费用应为金额数字"):
            add(kind="transport", date=D(2026, 11, 19), place="县城", content="用车", cost="=1+1")
        self.client.force_login(self.officer)
        page = self.client.get(reception.get_absolute_url())
        self.assertContains(page, "陪餐上限3人，安排4人")
        self.assertContains(page, "公函未列明的人员：周新")
        self.assertContains(page, "公函来访日期（2026-11-18至2026-11-19）以外的安排：11月20日")
        self.assertContains(page, "公函未列明的公务活动：参观景区")
        self.assertNotContains(page, "超过县处级及以下标准")  # 560 / 7 = 80 a meal, 360 a night: within
        r = self.client.post(f"/reception/r/{reception.code}/do/complete/", follow=True)
        reception.refresh_from_db()
        self.assertEqual(reception.status, "done")
        self.assertEqual({b["rule"] for b in reception.breaches}, {"accompanying", "letter"})
        archive = zipfile.ZipFile(io.BytesIO(self.client.get(f"/reception/r/{reception.code}/pack/").content))
        self.assertEqual(
            sorted(archive.namelist()),
            ["1-公函登记.docx", "2-公务接待审批单.docx", "3-公务接待清单.docx", "4-发票（未上传）.txt"],
        )
        stats = self.client.get("/reception/stats/?year=2026")
        self.assertContains(stats, "1640")
        self.assertEqual(self.client.get("/reception/stats/?year=2026&export=xlsx").status_code, 200)
        self.assertIsNotNone(r)

    def test_the_list_outsiders_and_read_only_users(self):
        reception = self.apply()
        self.apply(purpose="接待省委政研室调研组")
        self.client.force_login(self.officer)
        self.client.get("/reception/")
        with self.assertNumQueries(6):
            page = self.client.get("/reception/?year=2026&q=临沂")
        self.assertContains(page, reception.code)
        self.assertEqual(self.client.get("/reception/?year=2026&export=xlsx").status_code, 200)
        self.client.force_login(self.clerk_b)  # no reception right at all
        self.assertEqual(self.client.get("/reception/").status_code, 403)
        self.assertEqual(self.client.get(reception.get_absolute_url()).status_code, 404)
        self.client.force_login(self.leader)  # county leaders read, never write
        self.assertEqual(self.client.get(reception.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.post(f"/reception/r/{reception.code}/do/approve/").status_code, 403)
        self.assertEqual(self.client.get("/reception/new/").status_code, 403)
        reception.refresh_from_db()
        self.assertEqual(reception.status, "pending")
