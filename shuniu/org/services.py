"""Writes to units and users: the only path, each audited (HackSoft style: <entity>_<verb>)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.guard import refuse_marked
from shuniu.org.models import Role, Unit, User
from shuniu.org.policies import unit_policy, user_policy
from shuniu.org.roles import THREE_ADMINS

UNIT_FIELDS = ("name", "short_name", "kind", "parent", "sort_order", "is_active")
USER_FIELDS = ("username", "real_name", "unit", "position", "phone", "email", "is_active")


def unit_create(
    *, actor: Any, name: str, kind: str, parent: Unit | None = None, short_name: str = "", sort_order: int = 0
) -> Unit:
    """Create a unit under `parent` (a root when None)."""
    authorize(unit_policy, actor, "create")
    refuse_marked([(_("单位名称"), name), (_("简称"), short_name)], user=actor, where="org.unit")
    with transaction.atomic():
        unit = Unit(name=name, kind=kind, parent=parent, short_name=short_name, sort_order=sort_order)
        unit.full_clean(exclude=["path"])
        unit.save()
        unit.compute_path()
        unit.save(update_fields=["path", "depth"])
        audit.record(actor=actor, action="create", obj=unit, changes=audit.diff({}, audit.snapshot(unit, UNIT_FIELDS)))
    return unit


def unit_update(*, actor: Any, unit: Unit, **changes: Any) -> Unit:
    """Change a unit's fields; a new parent moves its whole subtree."""
    authorize(unit_policy, actor, "change", unit)
    refuse_marked([(k, v) for k, v in changes.items() if isinstance(v, str)], user=actor, where="org.unit")
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = audit.snapshot(unit, UNIT_FIELDS)
        for key, value in changes.items():
            setattr(unit, key, value)
        if unit.parent is not None and unit.parent.path.startswith(unit.path):
            raise ValidationError(_("不能把单位移到它自己或它的下级单位之下。"))
        unit.full_clean(exclude=["path"])
        old_path = unit.path
        unit.compute_path()
        unit.save(update_fields=[*changes.keys(), "path", "depth", "updated_at"])
        if unit.path != old_path:
            _move_subtree(old_path, unit.path)
        audit.record(
            actor=actor, action="update", obj=unit, changes=audit.diff(before, audit.snapshot(unit, UNIT_FIELDS))
        )
    return unit


def _move_subtree(old_path: str, new_path: str) -> None:
    descendants = list(Unit.objects.filter(path__startswith=old_path).exclude(path=old_path))
    for child in descendants:
        child.path = new_path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
    Unit.objects.bulk_update(descendants, ["path", "depth"])


def _check_three_admins(target: User, slugs: set[str]) -> None:
    held = slugs & THREE_ADMINS
    if len(held) > 1:
        raise ValidationError(_("三员分立：系统管理员、安全管理员、审计管理员必须由不同的人担任。"))


def user_set_roles(*, actor: Any, user: User, role_slugs: Iterable[str]) -> User:
    """Replace the roles of `user`; nobody changes their own roles, and the three admins stay separate."""
    if actor.pk == user.pk:
        raise PermissionDenied(_("不能修改自己的角色。"))
    authorize(user_policy, actor, "set_roles", user)
    slugs = set(role_slugs)
    roles = list(Role.objects.filter(slug__in=slugs).select_related("group"))
    if len(roles) != len(slugs):
        raise ValidationError(_("未知角色：%(r)s") % {"r": "、".join(sorted(slugs - {r.slug for r in roles}))})
    _check_three_admins(user, slugs)
    with transaction.atomic():
        before = sorted(user.groups.values_list("name", flat=True))
        groups: list[Group] = [r.group for r in roles]
        user.groups.set(groups)
        after = sorted(g.name for g in groups)
        is_staff = "sysadmin" in slugs
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff", "updated_at"])
        audit.record(actor=actor, action="set_roles", obj=user, changes=audit.diff({"roles": before}, {"roles": after}))
    return user


def user_create(
    *,
    actor: Any,
    username: str,
    real_name: str,
    password: str,
    unit: Unit | None = None,
    position: str = "",
    phone: str = "",
    email: str = "",
    role_slugs: Iterable[str] = (),
) -> User:
    """Create a user who must change the password at first login."""
    authorize(user_policy, actor, "create")
    refuse_marked([(_("姓名"), real_name), (_("职务"), position)], user=actor, where="org.user")
    user = User(
        username=username,
        real_name=real_name,
        unit=unit,
        position=position,
        phone=phone,
        email=email,
        must_change_password=True,
    )
    validate_password(password, user)
    user.set_password(password)
    slugs = set(role_slugs)
    if slugs:  # 三员分立: whoever creates the account, roles are the security administrator's to give
        authorize(user_policy, actor, "set_roles", None)
    _check_three_admins(user, slugs)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        audit.record(actor=actor, action="create", obj=user, changes=audit.diff({}, audit.snapshot(user, USER_FIELDS)))
        if slugs:
            user_set_roles(actor=actor, user=user, role_slugs=slugs)
    return user


def user_update(*, actor: Any, user: User, **changes: Any) -> User:
    """Change a user's profile fields (not roles, not password)."""
    authorize(user_policy, actor, "change", user)
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    refuse_marked([(k, v) for k, v in changes.items() if isinstance(v, str)], user=actor, where="org.user")
    with transaction.atomic():
        before = audit.snapshot(user, USER_FIELDS)
        for key, value in changes.items():
            setattr(user, key, value)
        user.full_clean(exclude=["password"])
        user.save(update_fields=[*changes.keys(), "updated_at"])
        audit.record(
            actor=actor, action="update", obj=user, changes=audit.diff(before, audit.snapshot(user, USER_FIELDS))
        )
    return user


def user_reset_password(*, actor: Any, user: User, new_password: str) -> User:
    """The system administrator sets a temporary password that must be changed at the next login. Never for an
    account that holds one of the three administrator roles: only its owner changes that one (or, on the server,
    the audited `break_glass_password` command)."""
    authorize(user_policy, actor, "reset_password", user)
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password", "updated_at"])
        audit.record(actor=actor, action="password_reset", obj=user, changes={"password": ["***", "***"]})
    return user


def user_change_password(*, user: User, new_password: str) -> User:
    """The user sets a new password; this clears the first-login flag."""
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password", "updated_at"])
        audit.record(actor=user, action="password_change", obj=user, changes={"password": ["***", "***"]})
    return user


def locked_accounts() -> list[dict[str, Any]]:
    """Sign-ins locked after too many failures (django-axes), newest first: user name, IP, failures, since."""
    from axes.models import AccessAttempt
    from django.conf import settings

    rows = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by("-attempt_time")
    return list(rows.values("id", "username", "ip_address", "failures_since_start", "attempt_time")[:500])


def account_unlock(*, actor: Any, attempt_id: int) -> int:
    """The security administrator lifts one lockout (a user name from an IP); audited."""
    from axes.models import AccessAttempt

    if not getattr(actor, "is_authenticated", False) or not actor.has_perm("org.unlock_account"):
        raise PermissionDenied
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        raise ValidationError(_("该锁定记录已不存在（可能已自动解除）。"))
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="unlock",
            object_type="axes.accessattempt",
            object_id=str(attempt.pk),
            object_repr=attempt.username or "",
            changes={"failures": [attempt.failures_since_start, 0], "ip": [attempt.ip_address, None]},
        )
        attempt.delete()
    return 1


def password_cooloff_minutes() -> int:
    """Wrong old passwords cool off like failed logins (AXES_COOLOFF_MINUTES)."""
    from django.conf import settings

    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def _password_key(user: Any) -> str:
    return f"password-change-failures:{user.pk}"


def password_change_throttled(user: Any) -> bool:
    """Whether the user has mistyped the old password as often as a login may fail (AXES_FAILURE_LIMIT) lately."""
    from django.conf import settings
    from django.core.cache import caches

    return int(caches["throttle"].get(_password_key(user), 0)) >= settings.AXES_FAILURE_LIMIT


def password_change_failed(user: Any) -> None:
    """Count a wrong old password (rate-limited like logins, for the cool-off time); audited."""
    from django.core.cache import caches

    counters, key = caches["throttle"], _password_key(user)
    counters.add(key, 0, password_cooloff_minutes() * 60)
    try:
        counters.incr(key)
    except ValueError:
        counters.set(key, 1, password_cooloff_minutes() * 60)
    audit.record(actor=user, action="password_change_failed", obj=user)
