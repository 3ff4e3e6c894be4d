from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from shuniu.core.system import job_record
from shuniu.governance.smart import dispatch_model
from shuniu.governance.smart.models import DispatchModelState
from shuniu.governance.smart.selectors import _history_docs, keyword_table


class Command(BaseCommand):
    help = "Retrain the dispatch suggestion on the county's own past dispatches (daily; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        docs = _history_docs()
        model = dispatch_model.train(docs, keyword_table())
        if model is None:
            self.stdout.write(f"Not enough history to train ({len(docs)} dispatches); the keyword table is used.")
            return
        blob, signature = dispatch_model.dump(model)
        with transaction.atomic():
            DispatchModelState.objects.update_or_create(
                pk=1,
                defaults={
                    "trained_at": timezone.now(),
                    "samples": model.samples,
                    "units": len(model.labels),
                    "blob": blob,
                    "signature": signature,
                },
            )
            job_record("train_dispatch", samples=model.samples, units=len(model.labels))
        self.stdout.write(
            f"Trained the dispatch suggestion on {model.samples} dispatches to {len(model.labels)} units."
        )
