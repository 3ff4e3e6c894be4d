from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuniu.governance.models import Dispatch
from shuniu.governance.smart.suggest import DEPARTMENT_KEYWORDS, NaiveBayes, blend


def _history(path: str | None) -> list[tuple[str, str]]:
    if path:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(f"{r['title']} {r['content']}", r["department"]) for r in rows]
    return [
        (f"{t} {c}", unit)
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
        if len(docs) < 20:
            raise CommandError("not enough history to evaluate (need at least 20 dispatched requests)")
        random.Random(options["seed"]).shuffle(docs)  # noqa: S311 (a reproducible split, not security)
        cut = int(len(docs) * (1 - options["holdout"]))
        train, test = docs[:cut], docs[cut:]
        model = NaiveBayes().fit(train)
        top1 = top3 = cold1 = 0
        for text, label in test:
            ranked = [name for name, _s in blend(model, text, DEPARTMENT_KEYWORDS, history=len(train))]
            top1 += ranked[:1] == [label]
            top3 += label in ranked[:3]
            cold = [name for name, _s in blend(NaiveBayes(), text, DEPARTMENT_KEYWORDS, history=0)]
            cold1 += cold[:1] == [label]
        n = len(test)
        self.stdout.write(f"Trained on {len(train)}, tested on {n} held-out requests.")
        self.stdout.write(
            f"top-1 accuracy: {top1 / n:.1%}   top-3 accuracy: {top3 / n:.1%}   "
            f"(keyword table alone, top-1: {cold1 / n:.1%})"
        )
