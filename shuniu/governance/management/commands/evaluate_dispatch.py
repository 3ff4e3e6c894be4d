from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuniu.governance.models import Dispatch
from shuniu.governance.smart import dispatch_model
from shuniu.governance.smart.suggest import DEPARTMENT_KEYWORDS, keyword_scores


def _history(path: str | None) -> list[tuple[str, str, str]]:
    """(document, department, second plausible department or "")."""
    if path:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [
            (dispatch_model.document(r["title"], r["content"]), r["department"], r.get("alt_department", ""))
            for r in rows
        ]
    return [
        (dispatch_model.document(t, c), unit, "")
        for t, c, unit in Dispatch.objects.filter(returned=False).values_list(
            "request__title", "request__content", "unit__name"
        )
    ]


class Command(BaseCommand):
    help = "Measure dispatch suggestion: train on part of the history, report top-1/top-3 accuracy on the rest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", help="labelled requests (e.g. shared/data/requests_dev.jsonl) instead of the DB")
        parser.add_argument("--holdout", type=float, default=0.2)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        docs = _history(options["jsonl"])
        if len(docs) < 2 * dispatch_model.MIN_DOCS:
            raise CommandError("not enough history to evaluate (need at least 40 dispatched requests)")
        random.Random(options["seed"]).shuffle(docs)  # noqa: S311 (a reproducible split, not security)
        cut = int(len(docs) * (1 - options["holdout"]))
        train, test = docs[:cut], docs[cut:]
        model = dispatch_model.train([(text, label) for text, label, _alt in train], DEPARTMENT_KEYWORDS)
        if model is None:
            raise CommandError("the model could not be trained")
        top1 = top3 = either1 = cold1 = 0
        for text, label, alt in test:
            ranked = [name for name, _p in model.rank(text)]
            top1 += ranked[:1] == [label]
            top3 += label in ranked[:3]
            either1 += bool(ranked) and ranked[0] in {label, alt}
            cold = sorted(keyword_scores(text, DEPARTMENT_KEYWORDS).items(), key=lambda kv: -kv[1])
            cold1 += [k for k, _v in cold[:1]] == [label]
        n = len(test)
        self.stdout.write(f"Trained on {len(train)}, tested on {n} held-out requests (seed {options['seed']}).")
        self.stdout.write(
            f"top-1 accuracy: {top1 / n:.1%}   top-3 accuracy: {top3 / n:.1%}   "
            f"(top-1 counting the second plausible unit: {either1 / n:.1%}; "
            f"keyword table alone, top-1: {cold1 / n:.1%})"
        )
