import datetime as dt
import io

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import TestCase, override_settings

from shuniu.core.crypto import decrypt, encrypt, mask_id_number, mask_phone
from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests import services

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


class CryptoTests(TestCase):
    def test_it_round_trips_and_masks(self):
        token = encrypt("13812341234")
        self.assertNotIn("1381234", token)
        self.assertEqual(decrypt(token), "13812341234")
        self.assertEqual(mask_phone("13812341234"), "138****1234")
        self.assertEqual(mask_id_number("110105199001011234"), "110105********1234")

    def test_it_rotates_keys(self):
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
            req = services.request_receive(
                actor=None, channel="web", request_type="consult", title="咨询", content="内容", phone="13812341234"
            )
            old_token = req.phone_encrypted
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
            self.assertEqual(decrypt(old_token), "13812341234")  # the old key still opens it
            call_command("rotate_field_keys", verbosity=0)
            req.refresh_from_db()
            self.assertNotEqual(req.phone_encrypted, old_token)
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):  # the old key is gone: still readable
            self.assertEqual(decrypt(CitizenRequest.objects.get().phone_encrypted), "13812341234")
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]), self.assertRaises(ValueError):
            decrypt(CitizenRequest.objects.get().phone_encrypted)

    def test_it_rotates_every_registered_field_volunteers_included(self):
        from shuniu.core import registry
        from shuniu.governance.models import Volunteer, VolunteerActivity
        from shuniu.governance.volunteers import services as volunteers

        labels = {e.model._meta.label_lower: e.fields for e in registry.encrypted_fields()}
        self.assertEqual(labels["governance.volunteer"], ("phone_encrypted",))
        self.assertEqual(labels["governance.citizenrequest"], ("phone_encrypted", "id_number_encrypted"))
        from shuniu.org.testing import make_user

        admin = make_user("vadmin", None, "volunteer_admin")
        activity = VolunteerActivity.objects.create(
            title="河道清洁", held_on=dt.date(2027, 1, 9), place="锦秋河", created_by=admin
        )
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
            volunteers.signup(activity=activity, name="李志愿", phone="13900001111")
            old_token = Volunteer.objects.get().phone_encrypted
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
            out = io.StringIO()
            call_command("rotate_field_keys", stdout=out)
            self.assertIn("Re-encrypted 1 governance.Volunteer rows", out.getvalue())
        volunteer = Volunteer.objects.get()
        self.assertNotEqual(volunteer.phone_encrypted, old_token)
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
            self.assertEqual(decrypt(volunteer.phone_encrypted), "13900001111")
