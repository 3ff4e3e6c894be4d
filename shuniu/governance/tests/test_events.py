import datetime as dt

from django.utils import timezone

from shuniu.governance.models import EventItem, ParticipationEvent
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.supervision.models import Task


class EventTests(GovernanceTestCase):
    def create_event(self, days=-1):
        self.client.force_login(self.operator)
        held_on = timezone.localdate() + dt.timedelta(days=days)
        r = self.client.post(
            "/governance/events/",
            {
                "kind": "evening_talk",
                "title": "老旧小区改造怎么改",
                "held_on": held_on.isoformat(),
                "place": "锦秋社区会议室",
                "hosts": "宋立强",
                "participants": "居民代表32人",
            },
        )
        return ParticipationEvent.objects.get(), r

    def test_it_records_items_and_turns_them_into_requests_and_tasks(self):
        event, r = self.create_event()
        self.assertEqual(r.status_code, 302)
        url = f"/governance/events/{event.code}/do/"
        self.client.post(url + "add_item/", {"content": "小区门口路灯不亮", "raised_by": "王大爷"})
        self.client.post(url + "add_item/", {"content": "老旧小区加装电梯的补贴政策", "raised_by": "李阿姨"})
        first, second = EventItem.objects.order_by("id")
        self.client.post(url + "to_request/", {"item": first.pk})
        first.refresh_from_db()
        self.assertEqual((first.request.channel, first.request.anonymous), ("evening_talk", True))
        self.client.force_login(self.supervisor)  # tasks are registered by supervisors
        r = self.client.post(url + "to_task/", {"item": second.pk, "lead_unit": self.unit_b.pk}, follow=True)
        self.assertEqual(r.status_code, 403)  # the supervisor may not edit events
        self.client.force_login(self.operator)
        r = self.client.post(url + "to_task/", {"item": second.pk, "lead_unit": self.unit_b.pk})
        self.assertEqual(r.status_code, 403)  # the operator may not register supervision tasks
        from shuniu.governance.participation.services import item_to_task

        task = item_to_task(actor=self.supervisor, item=second, lead_unit=self.unit_b)
        self.assertEqual((task.source, Task.objects.get().lead_unit), ("citizen", self.unit_b))
        self.client.post(url + "to_request/", {"item": first.pk}, follow=True)  # already converted: refused
        self.assertEqual(EventItem.objects.filter(request__isnull=False).count(), 1)

    def test_it_publishes_results_and_upcoming_events_on_the_portal(self):
        event, _r = self.create_event(days=-2)
        item = EventItem.objects.create(event=event, content="路灯不亮", outcome="已于次日修复")
        self.client.post(f"/governance/events/{event.code}/do/publish/")
        ParticipationEvent.objects.create(
            kind="deliberation",
            title="春季议政",
            held_on=timezone.localdate() + dt.timedelta(days=5),
            place="县委党校",
            created_by=self.operator,
        )
        self.client.logout()
        page = self.client.get("/portal/")
        self.assertContains(page, "已于次日修复")
        self.assertContains(page, "春季议政")
        self.assertTrue(item.pk)

    def test_it_is_closed_to_units(self):
        event, _r = self.create_event()
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/governance/events/").status_code, 403)
        self.assertEqual(self.client.get(f"/governance/events/{event.code}/").status_code, 404)


class AuditedWritesTests(GovernanceTestCase):
    def test_it_audits_publishing_and_registry_writes(self):
        from shuniu.audit.models import AuditRecord
        from shuniu.governance.legal import services as legal
        from shuniu.governance.participation import services as events
        from shuniu.org.models import Unit
        from shuniu.org.testing import make_unit

        event = events.event_create(
            actor=self.operator, kind="evening_talk", title="议题", held_on=timezone.localdate(), place="社区"
        )
        events.event_publish(actor=self.operator, event=event, published=True)
        village = make_unit("锦秋社区", Unit.Kind.VILLAGE, self.county)
        legal.worker_register(actor=self.operator, name="许律师", role="adviser", village=village)
        actions = set(AuditRecord.objects.values_list("action", flat=True))
        self.assertTrue({"publish", "create"} <= actions)
        self.assertTrue(AuditRecord.objects.filter(object_type="governance.legalworker").exists())
