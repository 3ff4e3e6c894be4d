import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command

from shuniu.governance.models import GovernanceConfig
from shuniu.governance.requests import services
from shuniu.governance.requests.selectors import three_rates
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase

D = dt.date
DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "requests_dev.jsonl"


class SuggestTests(GovernanceTestCase):
    def test_it_learns_from_past_dispatches(self):
        for title in ("小区物业不修电梯", "物业费乱收", "小区电梯停运"):
            req = self.receive(title=title, content=title)
            services.request_dispatch(actor=self.operator, req=req, unit=self.unit_b, today=D(2026, 9, 30))
        self.client.force_login(self.operator)
        r = self.client.post(
            "/api/v1/requests/suggest-units",
            {"title": "电梯坏了", "content": "物业不管电梯"},
            content_type="application/json",
        )
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json()[0]["unit"], "县住房和城乡建设局")
        self.assertGreater(r.json()[0]["score"], 0.5)

    def test_it_reports_accuracy_on_held_out_data(self):
        if not DATA.exists():
            self.skipTest("shared/data is not beside the checkout")
        out = io.StringIO()
        call_command("evaluate_dispatch", "--jsonl", str(DATA), stdout=out)
        text = out.getvalue()
        self.assertIn("top-1 accuracy", text)
        top1 = float(text.split("top-1 accuracy: ")[1].split("%")[0])
        top3 = float(text.split("top-3 accuracy: ")[1].split("%")[0])
        self.assertGreaterEqual(top1, 85)  # issue 10 point 9: on the 20 % split (seed 7)
        self.assertGreaterEqual(top3, 96)

    def test_the_duty_file_names_every_spec_department_and_keeps_its_typical_matters_first(self):
        from shuniu.governance.smart.suggest import DEPARTMENT_KEYWORDS

        self.assertEqual(len(DEPARTMENT_KEYWORDS), 20)
        self.assertTrue(DEPARTMENT_KEYWORDS["县公安局"].startswith("户籍 户口 身份证"))
        self.assertIn("驾驶证", DEPARTMENT_KEYWORDS["县公安局"].split())

    def test_a_duty_line_may_use_either_colon_and_repeats_merge(self):
        import tempfile

        from shuniu.governance.smart.suggest import _read_duties

        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
            f.write("# 注释\n县水利局：河道 水库\n县水利局:水库 泵站\n\n")
        self.assertEqual(_read_duties(Path(f.name)), {"县水利局": "河道 水库 泵站"})
        Path(f.name).unlink()


class RatesTests(GovernanceTestCase):
    def test_it_computes_the_three_rates_with_the_spec_formulas(self):
        outcomes = [
            ("satisfied", "resolved", D(2026, 10, 8)),
            ("basic", "partly", D(2026, 10, 8)),
            ("unsatisfied", "not", D(2026, 10, 12)),
        ]
        for satisfaction, resolution, accepted_on in outcomes:
            req = self.receive()
            services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
            services.request_accept(actor=self.clerk_a, req=req, today=accepted_on)
            services.request_reply(actor=self.clerk_a, req=req, reply="已处理")
            services.request_callback(actor=self.operator, req=req, satisfaction=satisfaction, resolution=resolution)
        [row] = three_rates(D(2026, 9, 1), D(2026, 9, 30))
        self.assertEqual(str(row["response_rate"]), "0.6667")  # 2 of 3 accepted within one working day
        self.assertEqual(str(row["resolution_rate"]), "0.5000")  # (1 + 0.5) / 3
        self.assertEqual(str(row["satisfaction_rate"]), "0.6000")  # (1 + 0.8) / 3
        self.assertEqual(str(row["composite"]), "0.5617")  # 10% × 0.6667 + 45% × 0.5 + 45% × 0.6
        # The factors are the county's rules: counting "partly" and "basic" in full changes both rates.
        GovernanceConfig.objects.filter(pk=GovernanceConfig.current().pk).update(
            partly_factor=Decimal("1.00"), basic_factor=Decimal("1.00")
        )
        [row] = three_rates(D(2026, 9, 1), D(2026, 9, 30))
        self.assertEqual((str(row["resolution_rate"]), str(row["satisfaction_rate"])), ("0.6667", "0.6667"))


class RequestApiTests(GovernanceTestCase):
    def test_it_masks_phones_and_follows_the_visibility_rule(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a, today=D(2026, 9, 30))
        self.client.force_login(self.clerk_a)
        r = self.client.get(f"/api/v1/requests/{req.code}")
        self.assertEqual(r.json()["phone"], "138****1234")
        self.assertIn("工作日", r.json()["deadline_explanation"])
        self.assertEqual(len(self.client.get("/api/v1/requests").json()), 1)
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(f"/api/v1/requests/{req.code}").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/requests").json(), [])
        r = self.client.post(
            "/api/v1/requests",
            {"channel": "hotline", "request_type": "consult", "title": "x", "content": "y", "phone": "13800000000"},
            content_type="application/json",
        )
        self.assertEqual(r.status_code, 403)
        self.client.force_login(self.operator)
        r = self.client.post(
            "/api/v1/requests",
            {"channel": "hotline", "request_type": "consult", "title": "x", "content": "y", "phone": "13800000000"},
            content_type="application/json",
        )
        self.assertEqual((r.status_code, r.json()["phone"]), (201, "138****0000"))


class TransitionApiTests(GovernanceTestCase):
    def test_it_runs_the_life_cycle_through_the_api(self):
        from django.test import Client

        from shuniu.core.tokens import token_create

        _t, op_token = token_create(user=self.operator, name="hotline")
        _t, unit_token = token_create(user=self.clerk_a, name="unit")
        op, unit = Client(HTTP_AUTHORIZATION=f"Bearer {op_token}"), Client(HTTP_AUTHORIZATION=f"Bearer {unit_token}")
        code = op.post(
            "/api/v1/requests",
            {
                "channel": "hotline",
                "request_type": "help",
                "title": "独居老人断水",
                "content": "南关社区独居老人家停水两天",
                "phone": "13800001111",
            },
            content_type="application/json",
        ).json()["code"]

        def post(client, action, **body):
            return client.post(f"/api/v1/requests/{code}/{action}", body, content_type="application/json")

        self.assertEqual(post(op, "dispatch").status_code, 400)  # unit_code missing
        self.assertEqual(post(op, "dispatch", unit_code=str(self.unit_a.code)).json()["status"], "dispatched")
        self.assertEqual(post(unit, "dispatch", unit_code=str(self.unit_a.code)).status_code, 403)
        self.assertEqual(post(unit, "accept").json()["status"], "accepted")
        self.assertEqual(post(unit, "reply", reply="已协调供水公司恢复供水").json()["status"], "replied")
        self.assertEqual(
            post(op, "callback", satisfaction="satisfied", resolution="resolved").json()["satisfaction"], "satisfied"
        )
        self.assertEqual(post(op, "close").json()["status"], "closed")
        self.assertEqual(post(op, "fly").status_code, 404)
        rates = op.get("/api/v1/requests/rates").json()
        self.assertEqual(rates[0]["unit"], "县发展和改革局")
        self.assertEqual(op.get("/api/v1/requests/rates", {"month": "10/2026"}).status_code, 400)
