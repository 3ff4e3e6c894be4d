"""The shared test base: the personas of STYLE.md in a small county."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import Group
from django.test import TestCase

from shuniu.org.models import Unit, User
from shuniu.org.roles import ROLE_BY_SLUG

PASSWORD = "Test-Passw0rd!"  # noqa: S105


def xlsx(rows: Iterable[Sequence[Any]]) -> io.BytesIO:
    """An in-memory .xlsx with these rows on its first sheet, ready to import."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def make_unit(name: str, kind: str = Unit.Kind.DEPARTMENT, parent: Unit | None = None) -> Unit:
    unit = Unit.objects.create(name=name, kind=kind, parent=parent)
    unit.compute_path()
    unit.save(update_fields=["path", "depth"])
    return unit


def make_user(username: str, unit: Unit | None, *roles: str, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, real_name=extra.pop("real_name", username), unit=unit, **extra
    )
    if roles:
        user.groups.set(Group.objects.filter(name__in=[ROLE_BY_SLUG[r].name for r in roles]))
    if "sysadmin" in roles:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


class BaseTestCase(TestCase):
    """Alice's unit A (with sub-unit A1), Bob's sibling unit B — Bob "should have no access to Alice's stuff"."""

    county: Unit
    office: Unit
    dcs: Unit
    unit_a: Unit
    unit_a1: Unit
    unit_b: Unit
    clerk_a: User
    head_a: User
    clerk_a1: User
    clerk_b: User
    supervisor: User
    leader: User
    sysadmin: User
    secadmin: User
    auditor: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.county = make_unit("示范县", Unit.Kind.LEADERSHIP)
        cls.office = make_unit("县委办公室", Unit.Kind.OFFICE, cls.county)
        cls.dcs = make_unit("督查室", Unit.Kind.SECTION, cls.office)
        cls.unit_a = make_unit("县发展和改革局", Unit.Kind.DEPARTMENT, cls.county)
        cls.unit_a1 = make_unit("价格监督检查科", Unit.Kind.SECTION, cls.unit_a)
        cls.unit_b = make_unit("县住房和城乡建设局", Unit.Kind.DEPARTMENT, cls.county)
        cls.clerk_a = make_user("alice", cls.unit_a, "handler", real_name="艾丽")
        cls.head_a = make_user("alice_head", cls.unit_a, "liaison", real_name="何主任")
        cls.clerk_a1 = make_user("a1_clerk", cls.unit_a1, "handler", real_name="甲一")
        cls.clerk_b = make_user("bob", cls.unit_b, "handler", real_name="鲍勃")
        cls.supervisor = make_user("supervisor", cls.dcs, "supervisor", real_name="周督查")
        cls.leader = make_user("leader", cls.county, "county_leader", real_name="陈书记")
        cls.sysadmin = make_user("sysadmin", cls.office, "sysadmin", real_name="王管理")
        cls.secadmin = make_user("secadmin", cls.office, "secadmin", real_name="赵安全")
        cls.auditor = make_user("auditor", cls.office, "auditor", real_name="孙审计")


class BrowserPeople:
    """Units and users with a password for the browser tests (mixed into a BrowserTestCase)."""

    PASSWORD = "Browser@2026x"  # noqa: S105

    def user(self, username: str, unit: Unit, role: str, name: str) -> User:
        user = User.objects.create_user(username, password=self.PASSWORD, real_name=name, unit=unit)
        user.groups.set([Group.objects.get(name=ROLE_BY_SLUG[role].name)])
        return user

    def unit(self, name: str, kind: str, parent: Unit | None = None) -> Unit:
        return make_unit(name, kind, parent)

    def as_user(self, page: Any, username: str) -> None:
        page.context.clear_cookies()
        self.login(page, username, self.PASSWORD)  # type: ignore[attr-defined]
