"""值班表 (issue 14 point 1): rotation over the 2026 National Day, make-up workdays, leave never on duty, flags and
the suggested replacement when leave is approved after publication, swaps by the day's 带班领导."""

import datetime as dt
from decimal import Decimal
from unittest import mock

from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.duty import roster
from shuniu.duty.models import Duty, DutyConfig, Roster, Swap
from shuniu.leave import services as leave
from shuniu.leave.models import Oversight
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user

D = dt.date


class RosterTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.duty_room = make_unit("值班室", Unit.Kind.SECTION, cls.office)
        cls.manager = make_user("zhiban", cls.duty_room, "duty_officer", real_name="韩值班")
        cls.head = make_user("head", cls.duty_room, "section_head", real_name="值班室主任")
        cls.deputy = make_user("deputy", cls.office, "deputy_director", real_name="王副主任")
        cls.director = make_user("director", cls.office, "office_director", real_name="刘主任")
        Oversight.objects.create(leader=cls.deputy, unit=cls.duty_room)
        cls.leaders = [make_user(f"l{i}", cls.office, "deputy_director", real_name=f"带班{i}") for i in range(3)]
        cls.officers = [make_user(f"o{i}", cls.duty_room, "handler", real_name=f"值班员{i}") for i in range(4)]

    def generate(self, start, end, **kw):
        return roster.roster_generate(
            actor=self.manager, start=start, end=end, leaders=self.leaders, officers=self.officers, **kw
        )

    def approved_leave(self, person, start, days):
        req = leave.leave_apply(actor=person, kind="personal", start_date=start, days=Decimal(days))
        for who in (self.head, self.deputy, self.director)[: len(req.chain)]:
            leave.leave_approve(actor=who, leave=req)
        return req


class GenerateTests(RosterTestCase):
    def test_every_day_has_a_leader_and_the_holiday_and_makeup_days_get_their_shifts(self):
        plan = self.generate(D(2026, 9, 28), D(2026, 10, 11))
        self.assertEqual(plan.refused, [])
        duties = Duty.objects.all()
        self.assertEqual(duties.filter(role="leader").count(), 14)
        # 1 Oct is the National Day: a day and a night shift; 10 Oct (Sat) is a make-up workday: the night only
        self.assertEqual(duties.filter(date=D(2026, 10, 1), role="officer").count(), 2)
        self.assertEqual(duties.filter(date=D(2026, 10, 10), role="officer").count(), 1)
        self.assertEqual(duties.filter(date=D(2026, 10, 1)).first().holiday, "国庆节")
        self.assertEqual(duties.filter(date=D(2026, 10, 11), role="officer").count(), 2)  # an ordinary Sunday
        leaders = list(duties.filter(role="leader").order_by("date").values_list("person__username", flat=True)[:4])
        self.assertEqual(leaders, ["l0", "l1", "l2", "l0"])

    def test_holidays_can_be_skipped_or_weekly_rotated(self):
        plan = self.generate(D(2026, 9, 28), D(2026, 10, 11), holiday_mode=DutyConfig.HolidayMode.SKIP)
        self.assertGreaterEqual(plan.skipped_holidays, 7)
        self.assertFalse(Duty.objects.filter(date=D(2026, 10, 1)).exists())
        self.generate(D(2026, 11, 2), D(2026, 11, 15), rotation=DutyConfig.Rotation.WEEKLY)
        week1 = set(
            Duty.objects.filter(date__range=(D(2026, 11, 2), D(2026, 11, 8)), role="leader").values_list(
                "person", flat=True
            )
        )
        self.assertEqual(len(week1), 1)

    def test_nobody_on_approved_leave_is_put_on_duty(self):
        self.approved_leave(self.officers[0], D(2026, 11, 2), 5)  # Mon–Fri
        self.generate(D(2026, 11, 2), D(2026, 11, 8))
        self.assertFalse(Duty.objects.filter(person=self.officers[0], date__lte=D(2026, 11, 6)).exists())
        duty = Duty.objects.filter(date=D(2026, 11, 3), role="officer").first()
        with self.assertRaisesMessage(ValidationError, "在假"):
            roster.duty_replace(actor=self.manager, duty=duty, person=self.officers[0])

    def test_bad_input_writes_nothing(self):
        with self.assertRaisesMessage(ValidationError, "一年以内"):
            self.generate(D(2026, 1, 1), D(2027, 6, 1))
        with self.assertRaises(PermissionDenied):
            roster.roster_generate(
                actor=self.clerk_b,
                start=D(2026, 11, 2),
                end=D(2026, 11, 3),
                leaders=self.leaders,
                officers=self.officers,
            )
        self.assertFalse(Duty.objects.exists())


class AfterPublicationTests(RosterTestCase):
    def test_a_long_leave_flags_every_duty_in_constant_queries(self):
        self.generate(D(2026, 12, 1), D(2026, 12, 31))
        roster.roster_publish(actor=self.manager, roster=Roster.objects.get(year=2026, month=12))
        person = self.officers[2]
        for start, days in ((D(2026, 12, 7), 5), (D(2026, 12, 14), 10)):
            req = leave.leave_apply(actor=person, kind="business", start_date=start, days=Decimal(days))
            hits = Duty.objects.filter(person=person, date__gte=req.start_date, date__lte=req.end_date).count()
            # the duties, counts, the days' people, who is away, the chosen accounts, one update, the managers
            with self.assertNumQueries(7):
                self.assertEqual(roster.flag_leave(req), hits)
        flagged = Duty.objects.exclude(flag="")
        self.assertGreater(flagged.count(), 2)
        self.assertFalse(flagged.filter(suggested=None).exists())
        self.assertFalse(flagged.filter(suggested=person).exists())

    def test_leave_approved_after_publication_flags_the_duty_and_the_suggestion_is_accepted(self):
        self.generate(D(2026, 12, 1), D(2026, 12, 31))
        month = Roster.objects.get(year=2026, month=12)
        roster.roster_publish(actor=self.manager, roster=month)
        hit = Duty.objects.filter(person=self.officers[1], date__gte=D(2026, 12, 7)).order_by("date").first()
        with self.captureOnCommitCallbacks(execute=True):
            self.approved_leave(self.officers[1], hit.date, 1)
        hit.refresh_from_db()
        self.assertIn("请假", hit.flag)
        self.assertIsNotNone(hit.suggested)
        self.assertNotEqual(hit.suggested, self.officers[1])
        counts = {p.pk: Duty.objects.filter(person=p, role="officer").count() for p in self.officers[1:]}
        self.assertEqual(counts[hit.suggested.pk], min(v for k, v in counts.items() if k != self.officers[1].pk))
        self.client.force_login(self.manager)
        page = self.client.get("/duty/?month=2026-12")
        self.assertContains(page, "建议由")
        r = self.client.post(f"/duty/duties/{hit.pk}/accept/", follow=True)
        self.assertContains(r, "接替值班")
        hit.refresh_from_db()
        self.assertEqual((hit.flag, hit.suggested), ("", None))
        with self.assertRaisesMessage(ValidationError, "已发布"):
            self.generate(D(2026, 12, 1), D(2026, 12, 31))

    def test_a_swap_needs_the_days_leader(self):
        self.generate(D(2026, 12, 1), D(2026, 12, 3))
        duty = Duty.objects.get(date=D(2026, 12, 1), role="officer")
        leader = Duty.objects.get(date=D(2026, 12, 1), role="leader").person
        other = next(p for p in self.officers if not Duty.objects.filter(person=p, date=D(2026, 12, 1)).exists())
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 11, 30)):
            self.client.force_login(duty.person)
            page = self.client.get("/duty/?month=2026-12")
            self.assertContains(page, f'id="btn-swap-{duty.pk}"')  # on his own duty only
            self.assertNotContains(page, 'id="btn-swap-approve-')
            r = self.client.post(f"/duty/duties/{duty.pk}/swap/", {"to_person": other.pk, "reason": " "}, follow=True)
            self.assertContains(r, "请填写换班事由")
            self.client.force_login(other)
            self.assertEqual(
                self.client.post(f"/duty/duties/{duty.pk}/swap/", {"to_person": other.pk}).status_code, 403
            )
            self.client.force_login(duty.person)
            r = self.client.post(
                f"/duty/duties/{duty.pk}/swap/", {"to_person": other.pk, "reason": "家中有事"}, follow=True
            )
            self.assertContains(r, "待当日带班领导审批")
            swap = Swap.objects.get()
            with self.assertRaisesMessage(ValidationError, "待审批的换班申请"):
                roster.swap_request(actor=duty.person, duty=duty, to_person=other, reason="再申请")
            with self.assertRaises(PermissionDenied):
                roster.swap_decide(actor=self.manager, swap=swap, approve=True)
            self.client.force_login(leader)
            self.assertContains(self.client.get("/duty/?month=2026-12"), f'id="btn-swap-approve-{swap.pk}"')
            self.client.post(f"/duty/swaps/{swap.pk}/approve/")
        duty.refresh_from_db()
        self.assertEqual((duty.person, Swap.objects.get().status), (other, "approved"))
        with self.assertRaisesMessage(ValidationError, "已过去的值班"):
            roster.swap_request(actor=other, duty=duty, to_person=duty.person, reason="换回", today=D(2026, 12, 2))

    def test_the_page_and_the_export_for_an_officer_and_an_outsider(self):
        self.generate(D(2026, 12, 1), D(2026, 12, 31))
        self.client.force_login(self.officers[0])
        page = self.client.get("/duty/?month=2026-12")
        self.assertContains(page, "2026年12月值班表")
        self.assertNotContains(page, "生成值班表")
        self.assertEqual(self.client.post("/duty/", {}).status_code, 403)
        export = self.client.get("/duty/?month=2026-12&export=xlsx")
        self.assertEqual(export.status_code, 200)
        self.assertEqual(self.client.get("/duty/?month=garbage").status_code, 404)
        self.client.force_login(self.manager)
        self.client.get("/duty/?month=2026-12")
        # a constant: the month's duties in one query, whatever their number (the generator's four lists of people)
        with self.assertNumQueries(12):
            self.client.get("/duty/?month=2026-12")
