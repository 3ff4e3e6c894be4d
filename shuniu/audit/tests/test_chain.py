import datetime as dt
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from openpyxl import load_workbook

from shuniu.audit import services
from shuniu.audit.models import AppendOnlyError, AuditRecord
from shuniu.audit.services import record, verify_chain
from shuniu.org import services as org_services
from shuniu.org.testing import PASSWORD, BaseTestCase


def allow_rewrite(cursor):
    """Tampering in a test, as a DBA would on PostgreSQL (the trigger refuses the application otherwise)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL shuniu.allow_audit_rewrite = 'on'")


class ChainTests(BaseTestCase):
    def _three(self):
        for i in range(3):
            record(actor=self.sysadmin, action="test", object_type="x", object_id=str(i), changes={"n": [i, i + 1]})

    def test_it_verifies_an_intact_chain(self):
        self._three()
        self.assertIsNone(verify_chain())
        out = io.StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("intact", out.getvalue())

    def test_it_names_the_first_edited_record(self):
        self._three()
        second = AuditRecord.objects.order_by("seq")[1]
        with connection.cursor() as cursor:
            allow_rewrite(cursor)
            cursor.execute("UPDATE audit_auditrecord SET actor_name = %s WHERE id = %s", ["mallory", second.pk])
        with self.assertRaises(CommandError) as ctx:
            call_command("verify_audit")
        self.assertEqual(ctx.exception.returncode, 1)
        self.assertIn(f"#{second.seq}", str(ctx.exception))

    def test_it_names_the_record_after_a_deleted_one(self):
        self._three()
        first, second, _third = AuditRecord.objects.order_by("seq")
        with connection.cursor() as cursor:
            allow_rewrite(cursor)
            cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [first.pk])
        problem = verify_chain()
        self.assertEqual(problem.seq, second.seq)
        self.assertIn("missing", problem.reason)

    def test_it_notices_a_truncated_tail(self):
        self._three()
        last = AuditRecord.objects.order_by("seq").last()
        with connection.cursor() as cursor:
            allow_rewrite(cursor)
            cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [last.pk])
        self.assertIsNotNone(verify_chain())

    def test_it_is_append_only_through_the_orm(self):
        self._three()
        rec = AuditRecord.objects.first()
        rec.action = "changed"
        with self.assertRaises(AppendOnlyError):
            rec.save()
        with self.assertRaises(AppendOnlyError):
            rec.delete()
        with self.assertRaises(AppendOnlyError):
            AuditRecord.objects.update(action="x")
        with self.assertRaises(AppendOnlyError):
            AuditRecord.objects.all().delete()


class RewriteResistanceTests(BaseTestCase):
    """The chain is an HMAC under a key kept outside the database: rewriting every record and recomputing every
    hash without the key is detected; on PostgreSQL the database refuses the rewrite in the first place."""

    def _three(self):
        for i in range(3):
            record(actor=self.sysadmin, action="test", object_type="x", object_id=str(i), changes={"n": [i, i + 1]})

    def _rewrite(self, digest):
        prev = services.GENESIS
        with connection.cursor() as cursor:
            allow_rewrite(cursor)
            for rec in AuditRecord.objects.order_by("seq"):
                rec.actor_name, rec.prev_hash = "mallory", prev
                rec.hash = digest(services.payload_of(rec))
                cursor.execute(
                    "UPDATE audit_auditrecord SET actor_name = %s, prev_hash = %s, hash = %s WHERE id = %s",
                    [rec.actor_name, rec.prev_hash, rec.hash, rec.pk],
                )
                prev = rec.hash
            cursor.execute("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", [prev])

    def test_it_detects_a_full_recomputed_rewrite_without_the_key(self):
        self._three()
        self._rewrite(services.legacy_digest)  # every hash recomputed, chained, the head moved: all but the key
        problem = verify_chain()
        self.assertEqual(problem.seq, 1)
        self.assertIn("hash", problem.reason)
        with override_settings(AUDIT_HMAC_KEYS=["a-guessed-key"]):
            self._rewrite(lambda p: services._digest(p))
        self.assertEqual(verify_chain().seq, 1)

    def test_it_verifies_records_signed_with_an_older_key_during_a_rotation(self):
        with override_settings(AUDIT_HMAC_KEYS=["old-key"]):
            self._three()
        with override_settings(AUDIT_HMAC_KEYS=["new-key", "old-key"]):
            record(actor=self.sysadmin, action="test", object_type="x", object_id="4")
            self.assertIsNone(verify_chain())
            call_command("rechain_audit", stdout=io.StringIO())
        with override_settings(AUDIT_HMAC_KEYS=["new-key"]):
            self.assertIsNone(verify_chain())

    def test_it_re_signs_a_legacy_chain_once_it_verifies(self):
        self._three()
        self._rewrite(services.legacy_digest)
        call_command("rechain_audit", "--legacy", stdout=io.StringIO())
        self.assertIsNone(verify_chain())

    def test_it_refuses_a_rewrite_in_the_database_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("the append-only trigger is PostgreSQL's (SQLite: the model refuses; verify_audit detects)")
        from django.db import DatabaseError, transaction

        self._three()
        for sql in ("UPDATE audit_auditrecord SET actor_name = 'mallory'", "DELETE FROM audit_auditrecord"):
            with self.subTest(sql), self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(sql)
        self.assertEqual(AuditRecord.objects.filter(actor_name="mallory").count(), 0)
        self.assertEqual(AuditRecord.objects.count(), 3)


class WritesAreAuditedTests(BaseTestCase):
    def test_it_records_old_and_new_values_with_the_ip(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post(
            f"/org/users/{self.clerk_a.code}/edit/",
            {"username": "alice", "real_name": "艾丽丝", "unit": self.unit_a.pk, "position": "科员", "is_active": "on"},
            REMOTE_ADDR="10.1.2.3",
        )
        self.assertEqual(r.status_code, 302)
        rec = AuditRecord.objects.filter(action="update", object_type="org.user").latest("seq")
        self.assertEqual(rec.actor_name, "sysadmin")
        self.assertEqual(rec.ip, "10.1.2.3")
        self.assertEqual(rec.changes["real_name"], ["艾丽", "艾丽丝"])
        self.assertEqual(rec.changes["position"], ["", "科员"])

    def test_it_records_logins_and_failed_logins(self):
        self.client.post("/login/", {"username": "alice", "password": "wrong-password"}, REMOTE_ADDR="10.0.0.9")
        failed = AuditRecord.objects.get(action="login_failed")
        self.assertEqual((failed.actor_name, failed.ip), ("alice", "10.0.0.9"))
        self.client.post("/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
        login = AuditRecord.objects.get(action="login")
        self.assertEqual((login.actor_id, login.ip), (self.clerk_a.pk, "10.0.0.9"))

    def test_it_audits_a_service_write(self):
        org_services.unit_create(actor=self.sysadmin, name="新单位", kind="department", parent=self.county)
        rec = AuditRecord.objects.get(action="create", object_type="org.unit")
        self.assertEqual(rec.changes["name"], [None, "新单位"])
        self.assertIsNone(verify_chain())


class AuditLogPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(30):
            record(actor=cls.sysadmin, action="update", object_type="org.unit", object_id=str(i))
        record(actor=cls.clerk_a, action="login", object_type="org.user", object_id="1")

    def test_it_lists_records_for_the_audit_administrator(self):
        self.client.force_login(self.auditor)
        # session, user, org version + 2× permissions (cold cache), count, unread badge, page, the session's first
        # save (3), and one query per kind of object on the page (units, users): constant in the page size.
        with self.assertNumQueries(13):
            r = self.client.get("/audit/")
        self.assertContains(r, "单位")
        self.assertContains(r, "修改")
        for i in range(40):
            record(actor=self.sysadmin, action="update", object_type="org.unit", object_id=f"more{i}")
        with self.assertNumQueries(8):  # warm: the permissions now come from the cache; two kinds on the page
            self.client.get("/audit/")

    def test_it_filters(self):
        self.client.force_login(self.auditor)
        r = self.client.get("/audit/", {"actor": "alice", "action": "login"})
        self.assertEqual(len(r.context["page"].object_list), 1)

    def test_it_exports_xlsx(self):
        self.client.force_login(self.auditor)
        r = self.client.get("/audit/", {"action": "update", "export": "xlsx"})
        sheet = load_workbook(io.BytesIO(r.content)).active
        self.assertEqual(sheet.cell(1, 1).value, "序号")
        self.assertEqual(sheet.max_row, 31)

    def test_it_is_closed_to_everyone_else_even_the_system_administrator(self):
        superuser = type(self.sysadmin).objects.create_superuser("root", password=PASSWORD, real_name="root")
        for persona in (self.sysadmin, self.secadmin, self.leader, self.clerk_a, superuser):
            self.client.force_login(persona)
            with self.subTest(persona=persona.username):
                self.assertEqual(self.client.get("/audit/").status_code, 403)


class ReadableAuditLogTests(BaseTestCase):
    def test_it_reads_in_words(self):
        from shuniu.core.system import system_actor

        unit = org_services.unit_create(actor=self.sysadmin, name="县统计局", kind="department")
        org_services.unit_update(actor=self.sysadmin, unit=unit, parent=self.county)
        record(actor=system_actor("escalate_requests"), action="escalate", object_type="x", object_repr="SQ-1")
        self.client.force_login(self.auditor)
        page = self.client.get("/audit/").content.decode()
        self.assertIn("新建", page)
        self.assertIn("修改", page)
        self.assertIn("上级单位", page)  # the field's label, not "parent"
        self.assertIn("示范县", page)  # the parent's name, not its id
        self.assertIn("空", page)  # None shown as 空
        self.assertIn(f'href="{unit.get_absolute_url()}"', page)
        self.assertIn("系统（诉求升级督办）", page)
        self.assertIn('<select name="action"', page)
        self.assertIn('<option value="set_roles">分配角色</option>', page)

    def test_the_auditor_reads_business_records_without_opening_the_business(self):
        from shuniu.supervision import services as supervision

        task = supervision.task_register(
            actor=self.supervisor,
            title="审计员不能打开的事项",
            source="annual",
            lead_unit=self.unit_a,
            start_date=dt.date(2026, 9, 1),
            due_date=dt.date(2026, 12, 31),
        )
        self.client.force_login(self.auditor)
        page = self.client.get("/audit/").content.decode()
        self.assertIn(task.code, page)  # the record is read…
        self.assertNotIn(f'href="{task.get_absolute_url()}"', page)  # …but no link to a page that would answer 404
