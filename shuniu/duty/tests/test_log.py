"""值班日志 (issue 14 point 2, in part): record, carry open items until closed, raise to urgent information through
the information app's service (its clocks start from the entry's time), linked both ways."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shuniu.duty import log
from shuniu.duty.models import LogEntry
from shuniu.information.models import UrgentEvent
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user


class LogTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        room = make_unit("值班室", Unit.Kind.SECTION, cls.office)
        cls.officer = make_user("zhiban", room, "duty_officer", real_name="韩值班")

    def entry(self, **kw):
        values = {
            "kind": "call",
            "at": timezone.now() - dt.timedelta(minutes=20),
            "unit": "湖滨镇",
            "caller": "镇值班室",
        }
        values.update(kw)
        return log.entry_create(
            actor=self.officer, content=values.pop("content", "湖滨镇一民房起火，无人员伤亡"), **values
        )

    def test_an_open_item_is_carried_until_closed(self):
        entry = self.entry()
        self.client.force_login(self.officer)
        self.assertContains(self.client.get("/duty/log/"), entry.code)
        r = self.client.post(f"/duty/log/{entry.code}/close/", {"handling": "已通知镇政府处置"}, follow=True)
        self.assertContains(r, "已办结")
        entry.refresh_from_db()
        self.assertEqual(entry.status, "closed")

    def test_an_entry_becomes_urgent_information_linked_both_ways(self):
        entry = self.entry()
        self.client.force_login(self.officer)
        r = self.client.post(
            f"/duty/log/{entry.code}/urgent/",
            {"title": "湖滨镇民房火灾", "level": "general", "place": "湖滨镇"},
            follow=True,
        )
        event = UrgentEvent.objects.get()
        self.assertEqual(event.occurred_at, entry.at)
        self.assertTrue(event.deadlines.exists())  # the information app's clocks
        entry.refresh_from_db()
        self.assertEqual((entry.raised_kind, entry.raised_code), ("urgent", event.code))
        self.assertContains(r, f"值班日志 {entry.code}")  # the event page links back
        with self.assertRaisesMessage(ValidationError, "已转办"):
            log.entry_to_urgent(actor=self.officer, entry=entry, title="重复", level="general", place="湖滨镇")

    def test_bad_input_and_outsiders(self):
        with self.assertRaisesMessage(ValidationError, "请填写内容"):
            self.entry(content=" ")
        with self.assertRaisesMessage(ValidationError, "晚于现在"):
            self.entry(at=timezone.now() + dt.timedelta(days=1))
        with self.assertRaises(ValidationError):
            self.entry(content="机密★ 文件内容")
        with self.assertRaises(PermissionDenied):
            log.entry_create(actor=self.clerk_b, kind="call", at=timezone.now(), content="来电")
        self.assertFalse(LogEntry.objects.exists())
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get("/duty/log/").status_code, 403)
