"""Changes to the county's supervision rules: audited like every write (SPEC §0.1)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from shuniu.audit import services as audit
from shuniu.supervision.models import SupervisionConfig

CONFIG_FIELDS = [f.name for f in SupervisionConfig._meta.fields if f.name not in {"id", "updated_at"}]


def config_update(*, actor: Any, config: SupervisionConfig, data: dict[str, Any]) -> SupervisionConfig:
    """Change the rule set; the worker recomputes every light under the new rules after commit."""
    with transaction.atomic():
        before = audit.snapshot(config, CONFIG_FIELDS)
        for key, value in data.items():
            setattr(config, key, value)
        config.full_clean()
        config.save()
        audit.record(
            actor=actor, action="update", obj=config, changes=audit.diff(before, audit.snapshot(config, CONFIG_FIELDS))
        )
        from shuniu.supervision.tasks import refresh_lights_task

        transaction.on_commit(lambda: refresh_lights_task.enqueue())
    return config
