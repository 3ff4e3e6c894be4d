import datetime as dt
from decimal import Decimal

from django.core.cache import cache, caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shuniu.governance.models import Signup, Volunteer
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.governance.volunteers import services as volunteers
from shuniu.org.testing import make_user


class VolunteerTests(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.manager = make_user("zhiyuan", cls.unit_a, "volunteer_admin")

    def setUp(self):
        caches["throttle"].clear()
        cache.clear()
        self.activity = volunteers.activity_create(
            actor=self.manager,
            title="敬老院义务理发",
            held_on=timezone.localdate() + dt.timedelta(days=3),
            place="县敬老院",
            capacity=2,
        )

    def test_it_signs_up_on_the_portal_and_counts_stars_from_hours(self):
        r = self.client.post(f"/portal/activities/{self.activity.code}/", {"name": "刘芳", "phone": "13612345678"})
        self.assertContains(r, 'id="signup-done"')
        volunteer = Volunteer.objects.get()
        self.assertEqual(volunteer.phone_masked, "136****5678")
        self.assertNotIn("13612345678", volunteer.phone_encrypted)
        entry = Signup.objects.get()
        volunteers.hours_record(actor=self.manager, entry=entry, hours=Decimal("4"))
        volunteers.hours_record(actor=self.manager, entry=entry, hours=Decimal("5"))  # a correction, not a sum
        volunteer.refresh_from_db()
        self.assertEqual(volunteer.hours, Decimal("5"))
        Volunteer.objects.filter(pk=volunteer.pk).update(hours=Decimal("320"))
        volunteer.refresh_from_db()
        self.assertEqual(volunteer.stars, 2)  # 100 and 300 hours passed

    def test_it_refuses_duplicates_full_activities_and_bad_phones(self):
        volunteers.signup(activity=self.activity, name="刘芳", phone="13612345678")
        with self.assertRaisesMessage(ValidationError, "已报名"):
            volunteers.signup(activity=self.activity, name="刘芳", phone="13612345678")
        with self.assertRaisesMessage(ValidationError, "手机号码"):
            volunteers.signup(activity=self.activity, name="张三", phone="123")
        volunteers.signup(activity=self.activity, name="张三", phone="13712345678")
        with self.assertRaisesMessage(ValidationError, "已满"):
            volunteers.signup(activity=self.activity, name="李四", phone="13812345678")

    def test_it_shows_the_portal_list_and_keeps_management_to_the_volunteer_admin(self):
        self.assertContains(self.client.get("/portal/"), "敬老院义务理发")
        with self.assertRaises(PermissionDenied):
            volunteers.activity_create(actor=self.clerk_a, title="x", held_on=timezone.localdate(), place="y")
        self.client.force_login(self.manager)
        self.assertContains(self.client.get("/governance/volunteers/"), "敬老院义务理发")
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/governance/volunteers/").status_code, 403)
