"""Every declared task transition refuses a 机密★ text through the API and the page, and writes nothing."""

from django.urls import reverse
from django.utils import timezone

from shuniu.audit.models import AuditRecord
from shuniu.core.models import ClassificationRefusal
from shuniu.supervision import editing, services
from shuniu.supervision.models import Extension, ProgressReport, Task
from shuniu.supervision.policies import task_policy
from shuniu.supervision.tests.base import D, SupervisionTestCase
from shuniu.supervision.transitions import TASK_FLOW

MARK = "本件属机密★一年，请勿外传"
PAGE_DATA = {
    "report": {"progress": 50, "done": MARK},
    "request_close": {"done": MARK},
    "request_extension": {"requested_due_date": "2027-03-31", "reason": MARK},
    "override": {"light": "red", "reason": MARK},
    "research": {"adopted_suggestions": MARK},
    "push": {"kind": "cuiban", "reason": MARK},
}
API_ROUTES = {"request_extension": "extensions", "override": "override", "report": "reports"}
API_DATA = {"report": {"progress": 50, "done": MARK}, "request_extension": {"requested_due_date": "2027-03-31"}}


def _edit(actor, task):
    editing.task_update(
        actor=actor,
        task=task,
        title=MARK,
        source=task.source,
        lead_unit=task.lead_unit,
        start_date=task.start_date,
        due_date=task.due_date,
    )


SERVICE_CALLS = {
    "research": lambda actor, task: services.research_record(actor=actor, task=task, adopted_suggestions=MARK),
    "push": lambda actor, task: editing.task_push(actor=actor, task=task, kind="cuiban", reason=MARK),
    "edit": _edit,
}


class TaskTransitionGuardTests(SupervisionTestCase):
    def task_in(self, state):
        task = self.make_task(due=D(2027, 1, 29), source="research")
        Task.objects.filter(pk=task.pk).update(status=state, assigned_at=timezone.now(), accepted_at=timezone.now())
        task.refresh_from_db()
        return task

    def edit_data(self, task, **extra):
        return {
            "title": task.title,
            "source": task.source,
            "lead_unit": task.lead_unit_id,
            "start_date": task.start_date.isoformat(),
            "due_date": task.due_date.isoformat(),
            "report_cycle": task.report_cycle,
            "ms-TOTAL_FORMS": "0",
            "ms-INITIAL_FORMS": "0",
            **extra,
        }

    def actor_for(self, transition):
        return self.supervisor if transition.permission in task_policy.manage_actions else self.clerk_a

    def written(self, task):
        return (
            AuditRecord.objects.exclude(action="classification_refused").count(),
            Extension.objects.count(),
            ProgressReport.objects.count(),
            tuple(getattr(task, f) for f in ("status", "status_reason", "override_light", "adopted_suggestions")),
        )

    def assert_refused(self, task, before, refusals):
        task.refresh_from_db()
        self.assertEqual(self.written(task), before)
        self.assertGreater(ClassificationRefusal.objects.count(), refusals)

    def test_it_declares_every_action_the_pages_and_api_offer(self):
        names = {t.name for t in TASK_FLOW}
        self.assertEqual(
            names,
            {
                "assign",
                "accept",
                "report",
                "request_close",
                "approve_close",
                "return_close",
                "request_extension",
                "suspend",
                "cancel",
                "resume",
                "override",
                "research",
                "edit",
                "push",
            },
        )
        self.assertTrue(all(t.permission in task_policy.manage_actions | task_policy.unit_actions for t in TASK_FLOW))

    def test_it_refuses_a_marked_text_on_every_transition_through_the_api(self):
        for transition in TASK_FLOW:
            with self.subTest(transition.name):
                task = self.task_in(sorted(transition.sources)[0])
                self.client.force_login(self.actor_for(transition))
                route = API_ROUTES.get(transition.name, transition.slug)
                payload = {"reason": MARK, "done": MARK, "light": "red", **API_DATA.get(transition.name, {})}
                before, refusals = self.written(task), ClassificationRefusal.objects.count()
                if transition.api or transition.name in API_ROUTES:
                    response = self.client.post(
                        f"/api/v1/tasks/{task.code}/{route}", payload, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, 400, response.content)
                    self.assertIn("国家秘密", response.json()["error"] + str(response.json().get("detail")))
                else:  # no API route: the service itself is the gate
                    with self.assertRaisesMessage(Exception, "国家秘密"):
                        SERVICE_CALLS[transition.name](self.actor_for(transition), task)
                self.assert_refused(task, before, refusals)

    def test_it_refuses_a_marked_text_on_every_transition_through_the_page(self):
        for transition in TASK_FLOW:
            with self.subTest(transition.name):
                task = self.task_in(sorted(transition.sources)[0])
                self.client.force_login(self.actor_for(transition))
                before, refusals = self.written(task), ClassificationRefusal.objects.count()
                data = {"reason": MARK, **PAGE_DATA.get(transition.name, {})}
                url = f"/supervision/tasks/{task.code}/do/{transition.name}/"
                if transition.page:  # a page of its own: the whole form, with the marked text in its title
                    url, data = reverse(transition.page, args=[task.code]), self.edit_data(task, title=MARK)
                response = self.client.post(url, data, follow=True)
                self.assertContains(response, "国家秘密")
                self.assert_refused(task, before, refusals)

    def test_it_offers_the_same_actions_on_the_page_as_the_policy(self):
        task = self.task_in(Task.Status.ACCEPTED)
        self.assertEqual(
            task_policy.allowed_actions(self.clerk_a, task),
            ["report", "request_close", "request_extension", "research"],
        )
        self.assertEqual(task_policy.allowed_actions(self.clerk_b, task), [])
        self.client.force_login(self.supervisor)
        page = self.client.get(task.get_absolute_url()).content.decode()
        for name in task_policy.allowed_actions(self.supervisor, task):
            page_name = TASK_FLOW.get(name).page
            self.assertIn(reverse(page_name, args=[task.code]) if page_name else f"/do/{name}/", page)
        self.assertNotIn("/do/assign/", page)


class TaskTransitionTableTests(SupervisionTestCase):
    def test_it_names_a_service_and_a_form_that_exist_for_every_transition(self):
        from django.utils.module_loading import import_string

        for transition in TASK_FLOW:
            self.assertTrue(callable(TASK_FLOW.service_of(transition)), transition.name)
            if transition.form:
                import_string(transition.form)

    def test_it_refuses_a_transition_when_someone_else_moved_the_task_first(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        stale = Task.objects.get(pk=task.pk)
        services.task_accept(actor=self.clerk_a, task=task)
        with self.assertRaisesMessage(Exception, "不能执行此操作"):
            services.task_accept(actor=self.head_a, task=stale)
        self.assertEqual(AuditRecord.objects.filter(action="accept").count(), 1)
