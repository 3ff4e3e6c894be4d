"""Declared transitions, run in one place.

A model's module declares its `Workflow` once: every transition's name, source states, target state, the policy
action that authorises it, whether it needs a reason, which other texts the classification guard checks, the
named service the page and the API call, and the page form. One function, `Workflow.run`, carries a transition
out: authorise through the policy → check the source state → the transition's own checks → classification guard
on every text and file → `save(update_fields)` → an audit record with the diff → side effects on commit.

The pages' action buttons, the API's transition routes and `policy.allowed_actions(user, obj)` all read the same
table, so they cannot drift apart. Named services (`task_assign`, `request_dispatch`, …) stay as thin entry points
that call `run`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shuniu.audit import services as audit
from shuniu.core.guard import check_upload, refuse_marked

if TYPE_CHECKING:
    from shuniu.core.access import ScopedPolicy

M = TypeVar("M", bound=models.Model)
REASON = gettext_lazy("理由")


@dataclass(frozen=True)
class Transition:
    """One declared step of a life cycle (or an action allowed only in some states, when `target` is None)."""

    name: str
    label: str | Promise
    sources: frozenset[str]
    target: str | None
    service: str
    action: str = ""
    reason_required: bool = False
    reason_label: str | Promise = REASON
    texts: tuple[tuple[str, str | Promise], ...] = ()
    form: str = ""
    inputs: tuple[str, ...] = ()
    api: bool = True
    style: str = "outline-secondary"
    ask_reason: bool = False
    confirm: str | Promise = ""
    condition: Callable[[Any], bool] | None = None
    page: str = ""  # the URL name of its own page (e.g. a whole edit form); not run through the generic route

    def applies_to(self, obj: Any, state: str) -> bool:
        """Whether the object's state (and the declared condition, e.g. "a research topic") allows it."""
        return state in self.sources and (self.condition is None or self.condition(obj))

    @property
    def slug(self) -> str:
        """The transition's name in URLs (`refuse_return` → `refuse-return`)."""
        return self.name.replace("_", "-")

    @property
    def permission(self) -> str:
        """The policy action that authorises this transition."""
        return self.action or self.name


def states(*names: str) -> frozenset[str]:
    return frozenset(str(n) for n in names)


class Workflow(Generic[M]):
    """The transitions of one model, the fields its audit records diff, and the module holding its services."""

    def __init__(
        self,
        *,
        model: type[M],
        transitions: Sequence[Transition],
        audit_fields: Sequence[str],
        services: str,
        object_arg: str,
        where: str,
        state_field: str = "status",
    ) -> None:
        self.model = model
        self.transitions = {t.name: t for t in transitions}
        self.audit_fields = tuple(audit_fields)
        self.services = services
        self.object_arg = object_arg
        self.where = where
        self.state_field = state_field
        self.policy: ScopedPolicy[M] | None = None

    def __iter__(self) -> Iterator[Transition]:
        return iter(self.transitions.values())

    def get(self, name: str) -> Transition:
        return self.transitions[name]

    def by_slug(self, slug: str) -> Transition | None:
        found = self.transitions.get(slug.replace("-", "_"))
        return found if found is not None and found.slug == slug else None

    def state(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def open_for(self, obj: M) -> list[Transition]:
        """The transitions whose source states include the object's state (before asking who may run them)."""
        state = self.state(obj)
        return [t for t in self.transitions.values() if t.applies_to(obj, state)]

    def service_of(self, transition: Transition) -> Callable[..., Any]:
        """The named service: in the workflow's services module, or a dotted path of its own."""
        if "." in transition.service:
            return import_string(transition.service)
        return import_string(f"{self.services}.{transition.service}")

    def perform(self, name: str, *, actor: Any, obj: M, data: Mapping[str, Any]) -> Any:
        """Call the transition's named service with `data` (a page form's cleaned data or an API payload)."""
        transition = self.get(name)
        kwargs = {k: v for k, v in data.items() if k == "reason" or k in transition.inputs}
        return self.service_of(transition)(actor=actor, **{self.object_arg: obj}, **kwargs)

    def _refuse_bad_state(self, obj: M) -> None:
        display = getattr(obj, f"get_{self.state_field}_display", lambda: self.state(obj))()
        raise ValidationError(
            _("当前状态为“%(s)s”，不能执行此操作。") % {"s": display},
            code="bad_status",
        )

    def guard(
        self, transition: Transition, *, actor: Any, reason: str, texts: Mapping[str, Any], files: Iterable[Any]
    ) -> None:
        """The classification guard on the reason, every declared text and every file."""
        labels = dict(transition.texts)
        values: list[tuple[str, str | None]] = [(str(transition.reason_label), reason)]
        values += [(str(labels.get(k, k)), v) for k, v in texts.items() if isinstance(v, str)]
        where = f"{self.where}.{transition.name}"
        refuse_marked(values, user=actor, where=where)
        for upload in files:
            check_upload(upload, user=actor, where=where)

    def check(self, name: str, *, actor: Any, obj: M) -> Transition:
        """Authorise `actor` for the transition and check the object's state; raises PermissionDenied or
        ValidationError."""
        from shuniu.core.access import authorize

        transition = self.get(name)
        if self.policy is None:
            raise RuntimeError(f"workflow of {self.model.__name__} has no policy")
        authorize(self.policy, actor, transition.permission, obj)
        if not transition.applies_to(obj, self.state(obj)):
            self._refuse_bad_state(obj)
        return transition

    def run(
        self,
        name: str,
        *,
        actor: Any,
        obj: M,
        reason: str = "",
        texts: Mapping[str, Any] | None = None,
        files: Iterable[Any] = (),
        validate: Callable[[M], None] | None = None,
        apply: Callable[[M], Iterable[str]] | None = None,
        after: Callable[[M], object] | None = None,
        on_commit: Iterable[Callable[[], None]] = (),
        audit_action: str = "",
        related: Callable[[M], dict[str, Any]] | None = None,
    ) -> M:
        """Carry out transition `name` on `obj` for `actor`.

        `validate(obj)` runs the transition's own checks before anything is written; `apply(obj)` sets the fields
        the transition writes beside the state (returning their names); `after(obj)` runs in the same transaction
        after the save and the audit record (e.g. recompute a light); `on_commit` callbacks run once it commits;
        `related(obj)` writes what the row does not hold (many-to-many, child rows) after the save and returns
        their changes for the same audit record. Nothing is written when any step refuses."""
        transition = self.check(name, actor=actor, obj=obj)
        reason = (reason or "").strip()
        if transition.reason_required and not reason:
            raise ValidationError(_("请填写%(label)s。") % {"label": transition.reason_label}, code="reason_required")
        if validate is not None:
            validate(obj)
        files = list(files)
        self.guard(transition, actor=actor, reason=reason, texts=texts or {}, files=files)
        with transaction.atomic():
            # Two people acting on the same object at once: the second finds the state already moved on.
            locked = self.model._default_manager.select_for_update().filter(pk=obj.pk)
            if locked.values_list(self.state_field, flat=True).first() != self.state(obj):
                obj.refresh_from_db(fields=[self.state_field])
                self._refuse_bad_state(obj)
            before = audit.snapshot(obj, self.audit_fields)
            before_state = self.state(obj)
            fields: list[str] = []
            if transition.target is not None:
                setattr(obj, self.state_field, transition.target)
                fields.append(self.state_field)
            if apply is not None:
                fields += [f for f in apply(obj) if f not in fields]
            if any(f.name == "updated_at" for f in obj._meta.fields):
                fields.append("updated_at")
            obj.save(update_fields=fields)
            changes: dict[str, Any] = audit.diff(before, audit.snapshot(obj, self.audit_fields))
            if related is not None:
                changes.update(related(obj))
            if reason:
                changes["reason"] = [None, reason[:500]]
            if files:
                changes["attachments"] = [None, [(f.name or "file")[:200] for f in files]]
            audit.record(
                actor=actor,
                action=audit_action or transition.name,
                obj=obj,
                object_repr=str(getattr(obj, "code", "") or obj)[:200],
                changes=changes,
            )
            if transition.target is not None and transition.target != before_state:
                from shuniu.core.todos import state_left

                state_left(obj, before_state)  # to-dos that asked for the old state to be left are done
            if after is not None:
                after(obj)
            for callback in on_commit:
                transaction.on_commit(callback)
        return obj


def allowed(workflow: Workflow[M], policy: Any, user: Any, obj: M) -> list[Transition]:
    """The transitions `user` may run on `obj` now: the object's state allows them and the policy grants them."""
    return [t for t in workflow.open_for(obj) if policy.can(user, t.permission, obj)]
