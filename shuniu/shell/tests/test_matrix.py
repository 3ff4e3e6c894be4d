"""The role × endpoint matrix, generated from the URL resolver: every route that names an object, for every role and
an outsider, answers 404 where the object is invisible, never 500, and lists show 0 rows outside the viewer's scope.

The objects sit in unit A (and, for the request, are dispatched there); the personas are the shared ones plus the
hotline operator, a 调解员 of another community and the volunteer administrator.
"""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

from shuniu.documents import incoming as doc_in
from shuniu.documents import outgoing as doc_out
from shuniu.documents.models import DocPrefix
from shuniu.documents.policies import incoming_policy, outgoing_policy
from shuniu.governance.legal import services as legal
from shuniu.governance.legal.policies import mediation_policy
from shuniu.governance.models import LegalWorker, VolunteerActivity
from shuniu.governance.participation import services as events
from shuniu.governance.participation.policies import event_policy
from shuniu.governance.requests import services as gov
from shuniu.governance.requests.policies import request_policy
from shuniu.governance.volunteers.policies import activity_policy
from shuniu.leave.models import LeaveRequest
from shuniu.leave.policies import leave_policy
from shuniu.org.models import Unit
from shuniu.org.testing import make_unit, make_user
from shuniu.supervision import services
from shuniu.supervision.policies import task_policy
from shuniu.supervision.tests.base import D, SupervisionTestCase


def routes():
    """(name, pattern) of every route whose path names an object by its code."""
    out = []

    def walk(patterns, prefix, ns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or ns)
            elif isinstance(p, URLPattern) and "code>" in str(p.pattern):
                out.append((f"{ns}:{p.name}", prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "", None)
    return out


class RoleEndpointMatrixTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = make_user("operator", cls.office, "operator")
        village = make_unit("乐安社区", Unit.Kind.VILLAGE, cls.unit_b)
        cls.mediator = make_user("tiaojie", cls.unit_b, "mediator")
        LegalWorker.objects.create(name="李调解", role="mediator", village=village, user=cls.mediator)
        cls.volunteer_admin = make_user("zhiyuan", cls.unit_b, "volunteer_admin")
        cls.others = [
            make_user("director", cls.office, "office_director"),
            make_user("xinxiyuan", cls.unit_b, "info_officer"),
            make_user("kezhang", cls.unit_b, "section_head"),
            make_user("zhiban", cls.unit_b, "duty_officer"),
        ]
        cls.task = cls.make_task(cls, title="甲单位的事项", assigned=D(2026, 9, 1))
        cls.report = services.report_submit(actor=cls.clerk_a, task=cls.task, progress=10, done="推进中")
        cls.extension = services.extension_request(
            actor=cls.clerk_a, task=cls.task, requested_due_date=D(2027, 3, 31), reason="需要协调", today=D(2026, 9, 2)
        )
        cls.req = gov.request_receive(
            actor=cls.operator,
            channel="hotline",
            request_type="complaint",
            title="路灯坏了",
            content="x",
            phone="13812341234",
        )
        gov.request_dispatch(actor=cls.operator, req=cls.req, unit=cls.unit_a)
        worker = LegalWorker.objects.create(name="许正平", role="mediator", village=cls.unit_a)
        cls.case = legal.case_open(
            actor=cls.operator, applicant="甲", respondent="乙", dispute_type="neighbour", facts="纠纷", mediator=worker
        )
        cls.event = events.event_create(
            actor=cls.operator,
            kind="evening_talk",
            title="百姓夜话",
            held_on=D(2026, 11, 20),
            place="社区",
            town=cls.unit_a,
        )
        cls.activity = VolunteerActivity.objects.create(
            title="河道清洁", held_on=D(2027, 1, 9), place="锦秋河", created_by=cls.volunteer_admin, published=False
        )
        prefix = DocPrefix.objects.create(prefix="示委办发", issuer="中共示范县委办公室", mark="文件", unit=cls.office)
        cls.outgoing = doc_out.outgoing_create(
            actor=cls.head_a, title="关于甲单位工作的通知", doc_type="notice", prefix=prefix, body="正文"
        )
        cls.incoming = doc_in.incoming_receive(actor=cls.head_a, title="甲单位收到的通知", source_org="市委办公室")
        cls.leave = LeaveRequest.objects.create(
            code="QJ-2026-9001", person=cls.clerk_a, unit=cls.unit_a, kind="personal", start_date=D(2026, 11, 2),
            days=1, end_date=D(2026, 11, 2), return_date=D(2026, 11, 3), counts="working_days", chain=["section_head"],
        )  # fmt: skip
        cls.personas = [
            cls.clerk_a,
            cls.head_a,
            cls.clerk_a1,
            cls.clerk_b,
            cls.supervisor,
            cls.leader,
            cls.sysadmin,
            cls.secadmin,
            cls.auditor,
            cls.operator,
            cls.mediator,
            cls.volunteer_admin,
            *cls.others,
        ]  # fmt: skip  (every demo role, and clerk_b: the outsider)

    def target(self, name):
        """The code to put in the route, the object and its policy (None for routes about one's own things, and for
        the public surfaces, which have their own rule: governance/tests/test_public.py)."""
        if name.startswith(("open311:", "portal:")):
            return None
        table = [
            (r"documents:incoming|api:transition_incoming", self.incoming, incoming_policy),
            (r"leave:detail|leave:transition|api:\w+_leave", self.leave, leave_policy),
            (r"documents:outgoing|api:\w+_outgoing", self.outgoing, outgoing_policy),
            (r"task|api:get_task|api:override|report|api:submit_report|api:list_reports", self.task, task_policy),
            (r"request", self.req, request_policy),
            (r"mediation", self.case, mediation_policy),
            (r"event", self.event, event_policy),
            (r"volunteer-activity", self.activity, activity_policy),
        ]
        if re.search(r"extension", name):
            owner = self.task if name.startswith(("supervision", "api:decide_extension")) else self.req
            if owner is self.req:
                return None  # request extensions: covered by governance/tests/test_transitions.py
            return str(self.extension.code), self.task, task_policy
        if re.search(r"report-review|review_report", name):
            return str(self.report.code), self.task, task_policy
        for pattern, obj, policy in table:
            if re.search(pattern, name):
                return str(obj.code), obj, policy
        return None

    def url(self, pattern, code):
        path = re.sub(r"<(?:\w+:)?code>", code, pattern)
        path = re.sub(r"<(?:\w+:)?(?:action|transition)>", "accept", path)
        path = re.sub(r"<(?:\w+:)?decision>", "approve", path)
        return "/" + path.lstrip("^").rstrip("$")

    def test_it_answers_404_for_every_invisible_object_and_never_500(self):
        checked = 0
        for name, pattern in routes():
            target = self.target(name)
            if target is None:
                continue
            code, obj, policy = target
            url = self.url(pattern, code)
            for user in self.personas:
                self.client.force_login(user)
                visible = policy.visible(user).filter(pk=obj.pk).exists()
                response = self.client.get(url) if not ("do/" in url or "/accept" in url) else self.client.post(url)
                with self.subTest(route=name, user=user.username):
                    self.assertLess(response.status_code, 500, url)
                    if not visible:
                        self.assertIn(response.status_code, {404, 405}, url)
                    checked += 1
        self.assertGreater(checked, 300)

    def test_it_shows_no_row_outside_scope_in_lists_and_exports(self):
        for user in self.personas:
            self.client.force_login(user)
            tasks = {t["code"] for t in self.client.get("/api/v1/tasks").json()["items"]}
            requests = {r["code"] for r in self.client.get("/api/v1/requests").json()}
            with self.subTest(user=user.username):
                self.assertLessEqual(tasks, set(task_policy.visible(user).values_list("code", flat=True)))
                self.assertLessEqual(requests, set(request_policy.visible(user).values_list("code", flat=True)))
                export = self.client.get("/supervision/tasks/?export=xlsx").content
                if not task_policy.visible(user).exists():
                    self.assertNotIn("甲单位的事项".encode(), export)
