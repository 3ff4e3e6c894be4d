"""Registries instead of central lists: each app contributes in its `AppConfig.ready()`.

- `nav(...)`: its entries in the main navigation (ordered by `order`, hidden when the user may not use them);
- `grant(role, *perms)`: the permissions its default roles get (`org.roles.ensure_roles` collects them);
- `daily_job("command --args")`: its idempotent periodic jobs (`manage.py daily_jobs` runs them);
- `encrypted(model, *fields)`: its encrypted personal-data columns (`manage.py rotate_field_keys` rotates them);
- `urls(prefix, "module.urls")` and `api_router("module.api")`: its pages and its part of /api/v1 (config/urls.py and
  config/api.py read them);
- `calendar_dependent(prepare, apply)`: stored dates or lights it derives from working days, recomputed when the
  holiday table changes (`shuniu.core.holidays`);
- `home_panel(template, context)`: a card on the home page for the users `context(user)` gives a context to;
- `audit_actions(**labels)` and `audit_fields(**labels)`: the words for its audit actions (`apply` → 申请会议) and
  for the keys it writes into changes beside its model's fields, read by the log and the home page;
- `score_addition(name, provider)`: what another module adds to the supervision assessment of a year (or the rule
  that keeps it out), shown on the score page and in its export;
- `close_guard(source, guard)`: a condition a supervision task of that source must meet before it is closed
  (`guard(task)` returns the Chinese reason it may not be, or ""), e.g. a 保密检查整改 needs the inspector's re-check;
- to-dos for the home page: `shuniu.core.todos.register`.

A new app therefore touches only its own folder plus one line in `INSTALLED_APPS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int
    allowed: Callable[[Any], bool]


@dataclass(frozen=True)
class EncryptedField:
    model: type[models.Model]
    fields: tuple[str, ...]


_nav: dict[str, NavItem] = {}
_grants: defaultdict[str, set[str]] = defaultdict(set)
_jobs: list[tuple[int, str]] = []
_encrypted: dict[str, EncryptedField] = {}
_urls: list[tuple[int, str, str]] = []
_importers: dict[str, str] = {}
_api_routers: list[tuple[int, str]] = []
_calendar_dependents: list[CalendarDependent] = []


@dataclass(frozen=True)
class CalendarDependent:
    """`prepare(lo, hi)` runs before the holiday table changes between `lo` and `hi` and returns what it needs of
    the old calendar; `apply(prepared, actor)` runs after and returns how many stored deadlines changed."""

    name: str
    message: str | Promise  # "%(n)s 项…" in the words of the app
    prepare: Callable[[Any, Any], Any]
    apply: Callable[[Any, Any], int]


def always(user: Any) -> bool:
    return True


def perm(*codenames: str) -> Callable[[Any], bool]:
    """Allowed when the user holds any of these permissions."""
    from shuniu.core.access import has_any_perm

    return lambda user: has_any_perm(user, *codenames)


def nav(label: str | Promise, url_name: str, *, order: int, allowed: Callable[[Any], bool] = always) -> None:
    _nav[url_name] = NavItem(label, url_name, order, allowed)


def nav_items() -> list[NavItem]:
    return sorted(_nav.values(), key=lambda item: (item.order, item.url_name))


def grant(role: str, *perms: str) -> None:
    _grants[role].update(perms)


def grants_for(role: str) -> set[str]:
    return set(_grants.get(role, set()))


def daily_job(command: str, *, order: int = 50) -> None:
    if command not in [c for _o, c in _jobs]:
        _jobs.append((order, command))


def daily_jobs() -> list[str]:
    return [command for _order, command in sorted(_jobs, key=lambda job: job[0])]


def encrypted(model: type[models.Model], *fields: str) -> None:
    _encrypted[model._meta.label_lower] = EncryptedField(model, tuple(fields))


def encrypted_fields() -> list[EncryptedField]:
    return list(_encrypted.values())


def urls(prefix: str, module: str, *, order: int = 50) -> None:
    """Mount `module` (a URLconf with its own app_name) at `prefix` ("" for the site root, mounted last)."""
    if (prefix, module) not in [(p, m) for _o, p, m in _urls]:
        _urls.append((order, prefix, module))


def url_modules() -> list[tuple[str, str]]:
    return [(prefix, module) for _order, prefix, module in sorted(_urls, key=lambda u: (u[0], u[1] == "", u[1]))]


def api_router(module: str, *, order: int = 50) -> None:
    """Add the `router` of `module` to the API at /api/v1."""
    if module not in [m for _o, m in _api_routers]:
        _api_routers.append((order, module))


def api_routers() -> list[str]:
    return [module for _order, module in sorted(_api_routers)]


def importer(kind: str, service: str) -> None:
    """An import service (dotted path) that large files of this `kind` are run through in the background."""
    _importers[kind] = service


def importer_path(kind: str) -> str:
    return _importers[kind]


def calendar_dependent(
    name: str, message: str | Promise, prepare: Callable[[Any, Any], Any], apply: Callable[[Any, Any], int]
) -> None:
    if name not in [d.name for d in _calendar_dependents]:
        _calendar_dependents.append(CalendarDependent(name, message, prepare, apply))


def calendar_dependents() -> list[CalendarDependent]:
    return list(_calendar_dependents)


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Callable[[Any], dict[str, Any] | None]  # None: not for this user
    order: int


_home_panels: list[HomePanel] = []


def home_panel(template: str, context: Callable[[Any], dict[str, Any] | None], *, order: int = 50) -> None:
    if template not in [p.template for p in _home_panels]:
        _home_panels.append(HomePanel(template, context, order))


def home_panels() -> list[HomePanel]:
    return sorted(_home_panels, key=lambda p: (p.order, p.template))


@dataclass(frozen=True)
class ScoreAddition:
    """A module's part of the supervision assessment of a year: `values` (unit id → points added to the year's
    average), or None when a rule keeps it out, `note` saying which."""

    label: str | Promise
    values: dict[int, float] | None
    note: str | Promise = ""


_score_additions: dict[str, Callable[[int], ScoreAddition]] = {}


def score_addition(name: str, provider: Callable[[int], ScoreAddition]) -> None:
    _score_additions[name] = provider


def score_additions(year: int) -> list[ScoreAddition]:
    return [_score_additions[name](year) for name in sorted(_score_additions)]


_audit_actions: dict[str, str | Promise] = {}


def audit_actions(**labels: str | Promise) -> None:
    """How the audit log names this app's actions (the platform's own are in shuniu.shell.audit_display)."""
    for action, label in labels.items():
        _audit_actions.setdefault(action, label)


def audit_action_labels() -> dict[str, str | Promise]:
    return dict(_audit_actions)


_audit_fields: dict[str, str | Promise] = {}


def audit_fields(**labels: str | Promise) -> None:
    """How the audit log names the keys an app writes into a record's changes beside its model's fields."""
    for key, label in labels.items():
        _audit_fields.setdefault(key, label)


def audit_field_labels() -> dict[str, str | Promise]:
    return dict(_audit_fields)


_backlinks: dict[str, list[Callable[[Any], list[tuple[str, str]]]]] = {}


def backlink(kind: str, provider: Callable[[Any], list[tuple[str, str]]]) -> None:
    """An app above names what of its own points at an object of `kind` (e.g. "supervision.instruction"): the
    provider answers (label, url) pairs, which that object's page lists — links both ways without an import up."""
    _backlinks.setdefault(kind, []).append(provider)


def backlinks(kind: str, obj: Any) -> list[tuple[str, str]]:
    return [link for provider in _backlinks.get(kind, []) for link in provider(obj)]


_close_guards: dict[str, list[Callable[[Any], str]]] = {}


def close_guard(source: str, guard: Callable[[Any], str]) -> None:
    _close_guards.setdefault(source, []).append(guard)


def close_refusals(source: str, task: Any) -> list[str]:
    """Why a task of `source` may not be closed yet (empty: it may)."""
    return [reason for guard in _close_guards.get(source, []) if (reason := guard(task))]
