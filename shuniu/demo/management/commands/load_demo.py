from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from shuniu.audit import services as audit
from shuniu.demo import county
from shuniu.org.models import Role, Unit, User
from shuniu.org.roles import ensure_roles


def _unit(name: str, kind: str, parent: Unit | None, order: int = 0) -> Unit:
    unit, created = Unit.objects.get_or_create(name=name, parent=parent, defaults={"kind": kind, "sort_order": order})
    if created:
        unit.compute_path()
        unit.save(update_fields=["path", "depth"])
    return unit


def build_units() -> dict[str, Unit]:
    """The demo county's unit tree; returns units by name (names are unique in the demo)."""
    k = Unit.Kind
    units: dict[str, Unit] = {}
    root = units[county.COUNTY] = _unit("中共示范县委员会", k.LEADERSHIP, None)
    units["中共示范县委员会"] = root
    units["示范县人民政府"] = _unit("示范县人民政府", k.LEADERSHIP, None, 1)
    office = units[county.OFFICE] = _unit(county.OFFICE, k.OFFICE, root)
    for i, name in enumerate(county.OFFICE_SECTIONS):
        units[name] = _unit(name, k.SECTION, office, i)
    government = units["示范县人民政府"]
    for i, name in enumerate(county.DEPARTMENTS):
        units[name] = _unit(name, k.DEPARTMENT, government, i)
    for i, (town, villages) in enumerate(county.TOWNS.items()):
        town_unit = units[town] = _unit(town, k.TOWN, government, 100 + i)
        for j, village in enumerate(villages):
            village_unit = units[village] = _unit(village, k.VILLAGE, town_unit, j)
            for g in (1, 2):
                grid = f"{village}第{g}网格"
                units[grid] = _unit(grid, k.GRID, village_unit, g)
    for i, name in enumerate(county.SOCIAL_ORGS):
        units[name] = _unit(name, k.SOCIAL_ORG, units["锦秋街道"] if "锦秋" in name else government, 200 + i)
    return units


def build_users(units: dict[str, Unit]) -> int:
    roles = {r.slug: r.group for r in Role.objects.select_related("group")}
    password = make_password(county.DEMO_PASSWORD)
    created = 0
    for username, real_name, unit_name, position, slugs in county.USERS:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "real_name": real_name,
                "unit": units[unit_name],
                "position": position,
                "password": password,
                "is_staff": "sysadmin" in slugs,
            },
        )
        if was_created:
            user.groups.set([roles[s] for s in slugs])
            created += 1
    return created + build_liaisons(units, roles, password)


def build_liaisons(units: dict[str, Unit], roles: dict[str, Any], password: str) -> int:
    """One 单位联络员 for every department and town that has none yet (dept01…, town01…)."""
    created = 0
    targets = [("dept", county.DEPARTMENTS), ("town", list(county.TOWNS))]
    for prefix, names in targets:
        for i, name in enumerate(names, start=1):
            unit = units[name]
            if User.objects.filter(unit=unit, groups__role__slug="liaison").exists():
                continue
            user, was_created = User.objects.get_or_create(
                username=f"{prefix}{i:02d}",
                defaults={
                    "real_name": county.liaison_name(i + (100 if prefix == "town" else 0)),
                    "unit": unit,
                    "position": "联络员",
                    "password": password,
                },
            )
            if was_created:
                user.groups.set([roles["liaison"]])
                created += 1
    return created


class Command(BaseCommand):
    help = "Load the demo county (示范县): units, users of every role. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="only when no unit exists yet")
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=None,
            help="load the demo as if today were this date (YYYY-MM-DD); every demo date is relative to it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Unit.objects.exists():
            self.stdout.write("Database already has data; demo not loaded.")
            return
        ensure_roles()
        today = options["date"] or timezone.localdate()
        # On a given date the load happens at 16:30 (office hours); today, it happens now.
        now = (
            timezone.now()
            if options["date"] is None
            else timezone.make_aware(dt.datetime.combine(today, dt.time(16, 30)))
        )
        with transaction.atomic():
            units = build_units()
            created = build_users(units)
            from shuniu.demo import supervision_demo

            tasks = supervision_demo.load(today)
            from shuniu.demo import governance_demo

            requests = governance_demo.load(now)
            governance_demo.load_community(today)
            from shuniu.demo import information_demo

            items = information_demo.load(now)
            from shuniu.demo import meetings_demo

            meetings = meetings_demo.load(now)
            from shuniu.demo import documents_demo

            documents = documents_demo.load(now)
            from shuniu.demo import duty_demo

            leave_requests = duty_demo.load(now)
            from shuniu.demo import reception_demo

            receptions = reception_demo.load(now)
            from shuniu.demo import inspections_demo

            inspections_demo.load(now)
            from shuniu.demo import goals_demo

            goals_demo.load(now)
            from shuniu.demo import innovation_demo

            innovation_demo.load(now)
            from shuniu.demo import united_front_demo

            united_front_demo.load(now)
            audit.record(
                actor=None,
                actor_name="load_demo",
                action="load_demo",
                object_type="demo",
                changes={
                    "users_created": [None, created],
                    "tasks_created": [None, tasks],
                    "requests_created": [None, requests],
                    "info_items_created": [None, items],
                    "meetings_created": [None, meetings],
                    "documents_created": [None, documents],
                    "leave_requests_created": [None, leave_requests],
                    "receptions_created": [None, receptions],
                },
            )
        self.stdout.write(
            self.style.SUCCESS(f"Demo county ready: {Unit.objects.count()} units, {User.objects.count()} users.")
        )
