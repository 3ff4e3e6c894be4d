"""Citizen requests, smarter (issue 10, point 9): the category picker with near matches, hot words without junk,
surges that read sensibly, links to the requests behind them, and the scikit-learn dispatch suggestion."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from shuniu.governance.models import Category, CitizenRequest
from shuniu.governance.requests import services
from shuniu.governance.requests.forms import IntakeForm
from shuniu.governance.smart import dispatch_model
from shuniu.governance.smart.categories import find_categories
from shuniu.governance.smart.models import DispatchModelState
from shuniu.governance.smart.topics import Surge, compute_hot_keywords, is_topic
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase

D = dt.date


class CategoryPickerTests(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.heating = Category.objects.create(name="供暖燃气", keywords="供暖 暖气 燃气")
        cls.property = Category.objects.create(name="物业管理", keywords="物业 电梯 物业费")

    def test_a_word_finds_its_category_by_name_keyword_or_near_match(self):
        self.assertEqual(find_categories("供暖")[0], self.heating)  # part of the name
        self.assertEqual(find_categories("暖气")[0], self.heating)  # a keyword
        self.assertEqual(find_categories("燃汽")[0], self.heating)  # a character mistyped
        self.assertEqual(find_categories("电梯")[0], self.property)
        self.assertEqual(find_categories("航天"), [])

    def test_the_intake_form_accepts_a_near_match_and_refuses_nonsense(self):
        data = {"request_type": "complaint", "urgency": "normal", "title": "没暖气", "content": "暖气不热"}
        form = IntakeForm({**data, "category": "供暖"}, user=self.operator)
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["category"], self.heating)
        form = IntakeForm({**data, "category": "航天"}, user=self.operator)
        self.assertFalse(form.is_valid())
        self.assertIn("没有这个类别", str(form.errors))


class HotWordTests(GovernanceTestCase):
    def test_numerals_quantities_and_generic_words_are_not_hot(self):
        for junk in ("几年", "一块", "三个", "两个", "一半", "要求", "十几天", "200元", "一个多月", "今年冬天"):
            self.assertFalse(is_topic(junk), junk)
        for topic in ("路灯", "欠薪", "电梯"):
            self.assertTrue(is_topic(topic), topic)
        for title in ("三个路灯坏了好几年", "两个路灯要求维修", "路灯一半不亮", "欠薪三个月要求解决"):
            self.receive(title=title, content=title)
        words = dict(compute_hot_keywords(timezone.localdate() - dt.timedelta(days=1), timezone.localdate()))
        self.assertEqual(words.get("路灯"), 3)
        self.assertFalse({"三个", "两个", "要求", "一半", "几年"} & set(words))

    def test_a_surge_from_nothing_reads_sensibly_and_links_to_its_requests(self):
        self.assertEqual(Surge("供暖燃气", 12, 0.0).text, "“供暖燃气”类诉求本周12件，而前四周一件也没有。")
        self.assertIn("的4.0倍", Surge("供暖燃气", 12, 3.0).text)
        category = Category.objects.create(name="供暖燃气", keywords="暖气")
        for i in range(6):
            self.receive(title=f"暖气不热{i}", content="暖气不热", category=category)
        self.client.force_login(self.operator)
        page = self.client.get("/governance/topics/").content.decode()
        self.assertIn("而前四周一件也没有", page)
        self.assertIn(f"?category={category.pk}&received_from=", page)
        self.assertIn("?q=%E6%9A%96%E6%B0%94", page)  # 暖气 links to the requests that mention it
        linked = self.client.get("/governance/requests/", {"q": "暖气", "received_from": str(timezone.localdate())})
        self.assertEqual(len(linked.context["page"]), 6)


class DispatchModelTests(GovernanceTestCase):
    def _history(self, n=30):
        docs = []
        for i in range(n):
            req = self.receive(title=f"小区电梯坏了{i}", content="物业不修电梯，物业费照收")
            services.request_dispatch(actor=self.operator, req=req, unit=self.unit_b, today=D(2026, 9, 30))
            other = self.receive(title=f"工资拖欠{i}", content="老板拖欠工资三个月")
            services.request_dispatch(actor=self.operator, req=other, unit=self.unit_a, today=D(2026, 9, 30))
            docs += [req, other]
        return docs

    def test_the_daily_job_trains_and_stores_a_signed_model(self):
        self._history()
        out = io.StringIO()
        call_command("train_dispatch", stdout=out)
        self.assertIn("Trained the dispatch suggestion on 60 dispatches", out.getvalue())
        row = DispatchModelState.objects.get()
        model = dispatch_model.load(bytes(row.blob), row.signature)
        ranked = model.rank(dispatch_model.document("电梯停运", "物业不管"))
        self.assertEqual(ranked[0][0], self.unit_b.name)
        self.assertAlmostEqual(sum(p for _u, p in ranked), 1.0, places=2)  # calibrated probabilities
        self.assertIsNone(dispatch_model.load(bytes(row.blob), "0" * 64))  # a tampered model is never unpickled

    def test_the_console_says_when_to_judge_by_hand(self):
        self._history()
        call_command("train_dispatch", stdout=io.StringIO())
        self.client.force_login(self.operator)
        sure = self.client.get("/governance/console/suggest/", {"title": "电梯坏了没人修", "content": "物业不管电梯"})
        self.assertContains(sure, self.unit_b.name)
        self.assertNotContains(sure, "建议人工判断")
        unsure = self.client.get("/governance/console/suggest/", {"title": "咨询一件事情", "content": "想问问怎么办"})
        self.assertContains(unsure, "建议人工判断")
        r = self.client.post(
            "/api/v1/requests/suggest-units",
            {"title": "电梯坏了", "content": "物业不管电梯"},
            content_type="application/json",
        )
        self.assertTrue(r.json()[0]["confident"])
        self.assertEqual(CitizenRequest.objects.count(), 60)

    def test_without_a_stored_model_a_large_history_waits_for_the_job(self):
        from unittest import mock

        from shuniu.governance.smart import selectors as smart

        self._history(12)  # 24 dispatches: more than the (patched) live limit
        with mock.patch.object(smart, "LIVE_TRAINING_LIMIT", 10), mock.patch.object(dispatch_model, "train") as train:
            suggestions = smart.suggest_units("电梯坏了", "物业不管电梯")
        train.assert_not_called()  # no request waits for training
        self.assertTrue(suggestions)  # the keyword table answers meanwhile
