"""The 文号 ledger (issue 13, point 4): numbers at 编号 only, never deleted, voided with reason, person, time and
approver; the gap report empty or explained; 20 threads numbering 20 documents get 1..20 on PostgreSQL."""

import threading
import unittest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.test import TransactionTestCase

from shuniu.documents import numbers
from shuniu.documents import outgoing as services
from shuniu.documents.models import DocNumber, DocPrefix, Outgoing
from shuniu.documents.tests.base import BODY, DocumentsTestCase
from shuniu.org.models import Unit
from shuniu.org.roles import ensure_roles
from shuniu.org.testing import make_unit, make_user


class LedgerTests(DocumentsTestCase):
    def numbered(self, n):
        out = []
        for i in range(n):
            document = self.signed(title=f"关于第{i + 1}项工作的通知")
            services.outgoing_number(actor=self.clerk, outgoing=document)
            out.append(document)
        return out

    def test_number_text_form(self):
        self.assertEqual(numbers.parse("示委办发〔2026〕12号"), ("示委办发", 2026, 12))
        for bad in ("示委办发〔2026〕012号", "示委办发〔2026〕第12号", "示委办发[2026]12号", "示委办发（2026）12号"):
            self.assertIsNone(numbers.parse(bad), bad)

    def test_void_by_the_clerk_waits_for_the_approver_and_the_document_goes_back_for_a_new_number(self):
        first, second, third = self.numbered(3)
        year = first.issued_on.year
        self.assertEqual(
            [d.doc_number for d in (first, second, third)], [f"示委办发〔{year}〕{i}号" for i in (1, 2, 3)]
        )
        self.assertEqual(numbers.gaps(self.prefix, year), [])
        with self.assertRaisesMessage(ValidationError, "作废理由"):
            numbers.number_void(actor=self.clerk, prefix="示委办发", year=year, seq=2, reason=" ")
        number = numbers.number_void(actor=self.clerk, prefix="示委办发", year=year, seq=2, reason="正文有误，重新印制")
        self.assertEqual(number.status, DocNumber.Status.VOID_PENDING)
        gap = numbers.gaps(self.prefix, year)
        self.assertEqual([(g.seq, g.status) for g in gap], [(2, "void_pending")])
        with self.assertRaises(PermissionDenied):
            numbers.number_void_decide(actor=self.clerk, number=number, approve=True)
        numbers.number_void_decide(actor=self.director, number=number, approve=True)
        number.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual(
            (number.status, number.void_approved_by, number.void_requested_by), ("voided", self.director, self.clerk)
        )
        self.assertIsNotNone(number.voided_at)
        self.assertEqual((second.status, second.doc_number), (Outgoing.Status.SIGNED, ""))
        services.outgoing_number(actor=self.clerk, outgoing=second)
        self.assertEqual(second.doc_number, f"示委办发〔{year}〕4号")
        gap = numbers.gaps(self.prefix, year)
        self.assertEqual(
            [(g.seq, g.status, g.reason, g.requested_by, g.approved_by) for g in gap],
            [(2, "voided", "正文有误，重新印制", "文书小刘", "办公室主任")],
        )
        self.assertEqual(DocNumber.objects.count(), 4)  # never deleted

    def test_api_void_gaps_and_ledger(self):
        documents = self.numbered(2)
        year = documents[0].issued_on.year
        self.assertEqual(
            self.api(self.clerk, "get", f"/api/v1/doc-numbers/gaps?prefix=示委办发&year={year}").json(), []
        )
        voided = self.api(
            self.director,
            "post",
            "/api/v1/doc-numbers/void",
            {"prefix": "示委办发", "year": year, "seq": 1, "reason": "文号错用"},
        )
        self.assertEqual(voided.status_code, 200, voided.content)
        self.assertEqual((voided.json()["status"], voided.json()["approved_by"]), ("voided", "办公室主任"))
        gaps = self.api(self.clerk, "get", f"/api/v1/doc-numbers/gaps?prefix=示委办发&year={year}").json()
        self.assertEqual([(g["seq"], g["status"], g["reason"]) for g in gaps], [(1, "voided", "文号错用")])
        ledger = self.api(self.clerk, "get", f"/api/v1/doc-numbers?year={year}").json()
        row = next(r for r in ledger if r["prefix"] == "示委办发")
        self.assertEqual((row["used"], row["voided"], row["last"]), ([2], [1], 2))
        missing = self.api(
            self.director,
            "post",
            "/api/v1/doc-numbers/void",
            {"prefix": "示委办发", "year": year, "seq": 9, "reason": "x"},
        )
        self.assertEqual(missing.status_code, 400)
        self.assertIn("尚未编出", missing.json()["detail"][0])
        twice = self.api(
            self.director,
            "post",
            "/api/v1/doc-numbers/void",
            {"prefix": "示委办发", "year": year, "seq": 1, "reason": "x"},
        )
        self.assertEqual(twice.status_code, 400)
        self.assertEqual(self.api(self.clerk_a, "get", f"/api/v1/doc-numbers?year={year}").status_code, 403)
        self.assertEqual(
            self.api(
                self.clerk_a,
                "post",
                "/api/v1/doc-numbers/void",
                {"prefix": "示委办发", "year": year, "seq": 2, "reason": "x"},
            ).status_code,
            403,
        )

    def test_a_distributed_document_keeps_its_number(self):
        (document,) = self.numbered(1)
        services.outgoing_seal(actor=self.clerk, outgoing=document)
        services.outgoing_distribute(actor=self.clerk, outgoing=document)
        with self.assertRaisesMessage(ValidationError, "已分发"):
            numbers.number_void(actor=self.director, prefix="示委办发", year=document.issued_on.year, seq=1, reason="x")

    def test_an_unexplained_gap_is_reported(self):
        (document,) = self.numbered(1)
        from shuniu.core.models import Sequence

        Sequence.objects.filter(key=numbers.counter_key(self.prefix, document.issued_on.year)).update(last_value=3)
        gaps = numbers.gaps(self.prefix, document.issued_on.year)
        self.assertEqual([(g.seq, g.status) for g in gaps], [(2, "missing"), (3, "missing")])

    def test_ledger_page_for_the_office(self):
        self.numbered(1)
        page = self.api(self.director, "get", "/documents/numbers/")
        self.assertContains(page, "示委办发")
        self.assertContains(page, "无缺号")
        self.assertEqual(self.api(self.clerk_b, "get", "/documents/numbers/").status_code, 403)


@unittest.skipUnless(
    connection.vendor == "postgresql", "row locks between threads: PostgreSQL only (SQLite serialises)"
)
class ConcurrentNumberingTests(TransactionTestCase):
    def test_twenty_threads_number_twenty_documents_one_to_twenty(self):
        ensure_roles()
        office = make_unit("县委办公室", Unit.Kind.OFFICE)
        clerk = make_user("wenshu", office, "doc_clerk", real_name="文书")
        director = make_user("director", office, "office_director", real_name="主任")
        prefix = DocPrefix.objects.create(
            prefix="示委办发",
            issuer="中共示范县委办公室",
            mark="中共示范县委办公室文件",
            unit=office,
            principal=director,
        )
        documents = []
        for i in range(20):
            d = services.outgoing_create(
                actor=clerk,
                title=f"关于{i}的通知",
                doc_type="notice",
                prefix=prefix,
                body=BODY,
                main_recipients="各部门",
            )
            Outgoing.objects.filter(pk=d.pk).update(
                status=Outgoing.Status.SIGNED, issued_on="2026-12-01", signer=director, signer_name="主任"
            )
            documents.append(Outgoing.objects.get(pk=d.pk))
        barrier = threading.Barrier(20)
        errors: list[str] = []

        def number(document):
            try:
                barrier.wait()
                services.outgoing_number(actor=clerk, outgoing=document)
            except Exception as exc:
                errors.append(repr(exc))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=number, args=(d,)) for d in documents]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        seqs = sorted(DocNumber.objects.filter(prefix=prefix, year=2026).values_list("seq", flat=True))
        self.assertEqual(seqs, list(range(1, 21)))
        self.assertEqual(numbers.gaps(prefix, 2026), [])
        texts = set(Outgoing.objects.values_list("doc_number", flat=True))
        self.assertEqual(len(texts), 20)


class RulesPageTests(DocumentsTestCase):
    def test_limits_and_prefixes_are_data_changed_by_the_office_and_audited(self):
        from shuniu.audit.models import AuditRecord
        from shuniu.documents.models import DocumentConfig

        data = {
            "op": "config",
            "limit_extra": 2,
            "limit_expedited": 4,
            "limit_normal": 10,
            "max_attachment_mb": 20,
            "receipt_prefix": "收",
        }
        self.assertEqual(self.api(self.clerk, "get", "/documents/rules/").status_code, 200)
        self.client.force_login(self.clerk)
        self.assertEqual(self.client.post("/documents/rules/", data).status_code, 403)
        self.client.force_login(self.director)
        self.assertEqual(self.client.post("/documents/rules/", data).status_code, 302)
        self.assertEqual(DocumentConfig.current().limit_for("teji"), 2)
        self.assertTrue(AuditRecord.objects.filter(action="update", object_type__icontains="documentconfig").exists())
        bad = {
            "op": "prefix",
            "prefix": "示委办发〔2026〕",
            "issuer": "中共示范县委办公室",
            "mark": "文件",
            "unit": self.office.pk,
            "active": "on",
        }
        page = self.client.post("/documents/rules/", bad, follow=True)
        self.assertContains(page, "不含年份、括号和数字")
        self.assertFalse(DocPrefix.objects.filter(prefix__contains="〔").exists())
        good = {**bad, "prefix": "示委办字"}
        self.assertEqual(self.client.post("/documents/rules/", good).status_code, 302)
        self.assertTrue(DocPrefix.objects.filter(prefix="示委办字").exists())
        document = self.signed()
        services.outgoing_number(actor=self.clerk, outgoing=document)
        from shuniu.documents import rules

        with self.assertRaisesMessage(ValidationError, "不能改名"):
            rules.prefix_save(
                actor=self.director, row=self.prefix, prefix="示委办新", issuer="x", mark="x", unit=self.office
            )
