import io

from django.core.management import call_command
from django.test import TestCase

from shuniu.demo import county
from shuniu.org.models import Role, Unit, User
from shuniu.org.roles import ROLE_DEFS


class LoadDemoTests(TestCase):
    def test_it_builds_the_county_and_is_idempotent(self):
        call_command("load_demo", stdout=io.StringIO())
        units, users = Unit.objects.count(), User.objects.count()
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual((Unit.objects.count(), User.objects.count()), (units, users))
        departments = set(Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).values_list("name", flat=True))
        self.assertEqual(departments, set(county.DEPARTMENTS))
        self.assertEqual(len(departments), 20)
        self.assertEqual(Unit.objects.filter(kind=Unit.Kind.TOWN).count(), 12)
        self.assertTrue(Unit.objects.filter(kind=Unit.Kind.GRID).exists())
        self.assertEqual(
            set(Unit.objects.get(name="县委办公室").children.values_list("name", flat=True)),
            set(county.OFFICE_SECTIONS),
        )

    def test_it_has_a_user_for_every_role_who_can_log_in(self):
        call_command("load_demo", stdout=io.StringIO())
        held = set(Role.objects.filter(group__user__isnull=False).values_list("slug", flat=True))
        self.assertEqual(held, {r.slug for r in ROLE_DEFS})
        r = self.client.post("/login/", {"username": "duchayuan", "password": county.DEMO_PASSWORD})
        self.assertEqual(r.status_code, 302)

    def test_it_skips_a_database_with_data_when_asked(self):
        Unit.objects.create(name="已有单位", kind="department", path="/1/")
        out = io.StringIO()
        call_command("load_demo", "--if-empty", stdout=out)
        self.assertIn("not loaded", out.getvalue())
        self.assertEqual(Unit.objects.count(), 1)


class SupervisionDemoTests(TestCase):
    def test_it_shows_every_light_status_special_list_and_two_bulletins(self):
        from shuniu.supervision.models import Bulletin, Task

        call_command("load_demo", stdout=io.StringIO())
        lights = set(Task.objects.values_list("light", flat=True))
        self.assertTrue({"blue", "green", "yellow", "red"} <= lights)
        self.assertEqual(set(Task.objects.values_list("status", flat=True)), set(Task.Status.values))
        self.assertTrue({"reform", "research", "people"} <= set(Task.objects.values_list("source", flat=True)))
        self.assertEqual(Bulletin.objects.count(), 2)
        self.assertTrue(Task.objects.exclude(research_report="").exists())
        self.assertTrue(Task.objects.exclude(override_light="").exists())


class GovernanceDemoTests(TestCase):
    def test_it_loads_two_thousand_requests_in_every_state(self):
        from shuniu.governance.models import CitizenRequest

        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(CitizenRequest.objects.count(), 2000)
        self.assertEqual(
            set(CitizenRequest.objects.values_list("status", flat=True)), set(CitizenRequest.Status.values)
        )
        self.assertGreaterEqual(CitizenRequest.objects.values("category").distinct().count(), 20)
        self.assertFalse(
            CitizenRequest.objects.filter(phone_encrypted__contains="13")
            .exclude(phone_encrypted="")
            .filter(phone_encrypted__regex=r"^1[3578]\d{9}$")
            .exists()
        )
        # The demo 调解员 works his community's mediation case (he got 403 before the mediation policy).
        from shuniu.governance.models import MediationCase
        from shuniu.org.models import User

        case = MediationCase.objects.get()
        self.client.force_login(User.objects.get(username="tiaojie"))
        self.assertContains(self.client.get("/governance/mediation/"), case.code)
        self.assertEqual(self.client.get(case.get_absolute_url()).status_code, 200)
        self.assertContains(self.client.get("/"), "基层治理")
        self.assertRedirects(self.client.get("/governance/"), "/governance/mediation/")


class LivingDemoTests(TestCase):
    """The demo is dated back from the day it is loaded: alive on any date (issue 10, point 1)."""

    def _load_on(self, day):
        import datetime as dt

        from shuniu.governance.models import CitizenRequest
        from shuniu.governance.requests.selectors import three_rates
        from shuniu.leave.models import LeaveRequest
        from shuniu.leave.signals import leave_changed
        from shuniu.supervision.models import Task

        call_command("load_demo", "--date", day.isoformat(), stdout=io.StringIO())
        # after the load commits, the roster hears of the leave approved in it (on_commit does not run in a test)
        for leave in LeaveRequest.objects.filter(status="approved"):
            leave_changed.send(sender=LeaveRequest, leave=leave, change="approved")
        requests = CitizenRequest.objects.all()
        received = [d.date() for d in requests.values_list("created_at", flat=True)]
        self.assertGreaterEqual(min(received), day - dt.timedelta(days=183))
        self.assertLessEqual(max(received), day)
        # Requests flow every day of the last month (office hours, weekends included: the hotline never sleeps).
        recent = {d for d in received if d > day - dt.timedelta(days=30)}
        self.assertGreaterEqual(len(recent), 28)
        self.assertEqual(set(requests.values_list("status", flat=True)), set(CitizenRequest.Status.values))
        # This month's and last month's rates have data, callbacks included.
        this_month = day.replace(day=1)
        last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
        for start, end in ((this_month, day), (last_month, this_month - dt.timedelta(days=1))):
            rows = three_rates(start, end)
            self.assertGreaterEqual(len(rows), 10, start)
            self.assertGreater(sum(r["callbacks"] for r in rows), 0, start)
        # Open requests are mostly within their deadline: the unit's inbox is not a wall of red.
        open_requests = requests.filter(status__in=["dispatched", "accepted", "returned"])
        self.assertLess(open_requests.filter(due_date__lt=day).count(), 10)
        self.assertGreater(open_requests.filter(due_date__gte=day).count(), 10)
        # Published answers vary (not one sentence for all).
        replies = list(requests.exclude(reply="").values_list("reply", flat=True))
        self.assertGreater(len(set(replies)), len(replies) * 0.9)
        # The first jobs run escalates a few requests, not hundreds; lights are spread.
        out = io.StringIO()
        call_command("escalate_requests", "--date", day.isoformat(), stdout=out)
        escalated = int(out.getvalue().split()[1])
        self.assertTrue(1 <= escalated <= 6, out.getvalue())
        call_command("refresh_lights", "--date", day.isoformat(), stdout=io.StringIO())
        lights = set(
            Task.objects.exclude(status__in=["closed", "cancelled", "suspended"]).values_list("light", flat=True)
        )
        self.assertTrue({"green", "yellow", "red"} <= lights, lights)
        self.assertEqual(set(Task.objects.values_list("status", flat=True)), set(Task.Status.values))
        self._information_alive(day)
        self._meetings_alive(day)
        self._documents_alive(day)
        self._duty_alive(day)
        self._reception_alive(day)
        self._inspections_alive(day)
        self._goals_alive(day)
        self._innovation_alive(day)
        self._united_front_alive(day)

    def _united_front_alive(self, day):
        """30 contacts across the categories, records, a suggestion raised to a task."""
        from shuniu.united_front.models import Contact, Suggestion

        self.assertEqual(Contact.objects.count(), 30)
        self.assertGreaterEqual(Contact.objects.values("category").distinct().count(), 10)
        self.assertTrue(Suggestion.objects.exclude(task_code="").exists())

    def _innovation_alive(self, day):
        """Last quarter's contest published with its prizes, this quarter's open, lectures on the rota."""
        from shuniu.innovation.models import Call, Lecture

        published = Call.objects.get(status="published")
        self.assertGreaterEqual(len(published.ranking), 4)
        self.assertEqual(published.ranking[0]["prize"], "一等奖")
        self.assertTrue(Call.objects.filter(status="open", year=day.year).exists())
        self.assertTrue(Lecture.objects.exists())

    def _goals_alive(self, day):
        """This year's goals as a tree, the 年初 stage frozen (and 年中 from July), progress reported."""
        from shuniu.goals.models import Goal, Snapshot

        goals = Goal.objects.filter(year=day.year)
        self.assertGreater(goals.exclude(parent=None).count(), 3)
        self.assertTrue(goals.filter(progress__gt=0).exists())
        stages = set(Snapshot.objects.filter(year=day.year).values_list("stage", flat=True))
        self.assertEqual(stages, {"start", "mid"} if day.month >= 7 else {"start"})

    def _inspections_alive(self, day):
        """This year's plan at about 60 % coverage, findings in rectification as supervision tasks."""
        from shuniu.inspections.models import Finding, Plan
        from shuniu.inspections.services import coverage
        from shuniu.supervision.models import Task

        cover = coverage(Plan.objects.get(year=day.year))
        self.assertTrue(0.55 <= cover.unit_rate <= 0.65, cover.unit_rate)
        codes = list(Finding.objects.filter(status="rectifying").values_list("task_code", flat=True))
        self.assertEqual(len(codes), 3)
        self.assertEqual(Task.objects.filter(code__in=codes, source="inspection").count(), 3)

    def _reception_alive(self, day):
        """A reception that passed, one with breaches, one under way, one waiting for approval."""
        import datetime as dt

        from shuniu.reception.models import Reception

        done = Reception.objects.filter(status="done")
        self.assertEqual(done.filter(breaches=[]).count(), 1)
        flawed = done.exclude(breaches=[]).get()
        self.assertEqual({b["rule"] for b in flawed.breaches}, {"accompanying", "letter"})
        self.assertEqual(set(Reception.objects.values_list("status", flat=True)), {"done", "approved", "pending"})
        self.assertLessEqual(
            max(Reception.objects.values_list("letter__start_date", flat=True)), day + dt.timedelta(days=7)
        )

    def _duty_alive(self, day):
        """Leave in every state, a roster for this month (published) and the next, a flagged duty, last month's
        attendance."""
        import datetime as dt

        from shuniu.duty.models import Duty, Roster
        from shuniu.leave.models import LeaveRequest

        self.assertEqual(set(LeaveRequest.objects.values_list("status", flat=True)), set(LeaveRequest.Status.values))
        self.assertEqual(Roster.objects.get(year=day.year, month=day.month).status, "published")
        self.assertEqual(Roster.objects.filter(status="draft").count(), 1)  # next month's
        if day.year == 2026:  # a holiday within the last four months: its holiday roster and 值班信息日报
            from shuniu.duty.models import DailyReport

            self.assertTrue(Duty.objects.exclude(holiday="").filter(roster__status="published").exists())
            self.assertEqual(DailyReport.objects.get().status, "sent")
        from shuniu.duty.attendance import month_stats

        last = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        stats = month_stats(last.year, last.month, today=day)
        self.assertGreater(sum(r.present for r in stats), 100)
        self.assertGreater(sum(r.late for r in stats), 0)
        self.assertTrue(Duty.objects.filter(date=day, role="leader").exists())
        self.assertTrue(Duty.objects.exclude(flag="").exclude(suggested=None).exists())
        from shuniu.duty.models import LogEntry

        self.assertTrue(LogEntry.objects.filter(status="open", raised_code="").exists())
        self.assertTrue(LogEntry.objects.filter(raised_kind="urgent").exclude(raised_code="").exists())

    def _documents_alive(self, day):
        import datetime as dt

        from shuniu.documents import numbers
        from shuniu.documents.models import DocNumber, DocPrefix, Incoming, Outgoing

        self.assertEqual(set(Outgoing.objects.values_list("status", flat=True)), set(Outgoing.Status.values))
        self.assertEqual(set(Incoming.objects.values_list("status", flat=True)), set(Incoming.Status.values))
        voided = DocNumber.objects.filter(status="voided")
        self.assertEqual(voided.count(), 2)
        self.assertTrue(all(n.void_reason and n.void_approved_by_id for n in voided))
        for prefix in DocPrefix.objects.all():
            for year in (day.year - 1, day.year):
                self.assertNotIn("missing", {g.status for g in numbers.gaps(prefix, year)})
        self.assertEqual(Incoming.objects.exclude(instruction=None).count(), 3)  # 批示 that became tasks
        oldest = Outgoing.objects.order_by("created_at").first().created_at.date()
        self.assertGreater(oldest, day - dt.timedelta(days=400))
        self.assertGreater(Incoming.objects.filter(created_at__date__gte=day - dt.timedelta(days=30)).count(), 5)

    def _meetings_alive(self, day):
        import datetime as dt

        from shuniu.meetings import minutes, selectors
        from shuniu.meetings.models import Breach, Meeting, Outcome
        from shuniu.org.selectors import leaders

        self.assertEqual(set(Meeting.objects.values_list("status", flat=True)), set(Meeting.Status.values))
        self.assertTrue(Breach.objects.exclude(justification="").exists())
        self.assertEqual(Outcome.objects.exclude(task=None).count(), 2)
        week = selectors.week_rows(selectors.monday_of(day), list(leaders()))
        self.assertGreaterEqual(sum(len(d["items"]) for d in week), 6)  # this week's 常委会, 常务会 and visits
        following = Meeting.objects.filter(series__isnull=False, status="pending").get()
        self.assertEqual(len(minutes.open_decisions(following)), 3)  # two tasks still open and one decision
        self.assertGreater(following.start.date(), day - dt.timedelta(days=1))

    def _information_alive(self, day):
        import datetime as dt

        from django.utils import timezone

        from shuniu.information.models import Adoption, InfoItem, PeriodicalIssue, UrgentEvent

        items = InfoItem.objects.all()
        self.assertEqual(set(items.values_list("status", flat=True)), set(InfoItem.Status.values))
        sent = [timezone.localdate(t) for t in items.exclude(submitted_at=None).values_list("submitted_at", flat=True)]
        self.assertGreaterEqual(min(sent), day - dt.timedelta(days=366))
        self.assertLessEqual(max(sent), day)
        levels = set(Adoption.objects.values_list("level", flat=True))
        self.assertEqual(levels, {"county", "city", "province", "central"})
        self.assertEqual(PeriodicalIssue.objects.filter(status="issued").count(), 2)
        events = {e.title: e for e in UrgentEvent.objects.prefetch_related("deadlines")}
        self.assertFalse(any(d.late for d in events["仓库火灾"].deadlines.all()))
        self.assertTrue(any(d.late for d in events["道路交通事故"].deadlines.all()))
        current = events["山体滑坡阻断村道"]
        self.assertIsNone(current.closed_at)
        self.assertTrue(current.deadlines.filter(kind="follow_up", met_by=None, late=False).exists())  # its next slot

    def test_alive_after_labour_day(self):
        import datetime as dt

        self._load_on(dt.date(2026, 5, 12))

    def test_alive_after_national_day(self):
        import datetime as dt

        self._load_on(dt.date(2026, 10, 15))

    def test_alive_in_a_year_the_calendar_does_not_cover(self):
        import datetime as dt

        self._load_on(dt.date(2027, 3, 17))
