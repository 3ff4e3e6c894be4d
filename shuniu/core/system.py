"""The system actor: what commands and periodic jobs act as.

A job is not a person: its audit records read `system:<command>` with no user (never "the first 督查员"), and the
rows it creates name nobody as their author. It may do whatever its command is for (every permission, the whole
county), which is why only server-side commands construct one.
"""

from __future__ import annotations

from typing import Any


class SystemActor:
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_system = True
    pk = None
    id = None
    unit = None
    unit_id = None
    real_name = ""

    def __init__(self, command: str) -> None:
        self.username = f"system:{command}"

    def __str__(self) -> str:
        return self.username

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def has_perms(self, perms: Any, obj: Any = None) -> bool:
        return True


def system_actor(command: str) -> SystemActor:
    """The actor of a management command or periodic job named `command`."""
    return SystemActor(command)


def person(actor: Any) -> Any:
    """The user behind `actor` for an author column (created_by, issued_by, …): None for the system or nobody."""
    if actor is None or getattr(actor, "is_system", False) or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def job_record(command: str, **counts: Any) -> None:
    """The audit record of one run of a job that changed things on its own (lights, reminders): who (the job),
    when, and how many."""
    from shuniu.audit import services as audit

    audit.record(
        actor=system_actor(command),
        action=command,
        object_type="system.job",
        object_repr=command,
        changes={k: [None, v] for k, v in counts.items()},
    )
