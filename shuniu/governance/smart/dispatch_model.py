"""Dispatch suggestion on scikit-learn: TF-IDF over jieba words (and their word pairs) and over Chinese character
1–3-grams, a linear SVM whose scores are calibrated into probabilities (sigmoid, cross-validated), trained on the
county's own past dispatches plus its keyword table (SPEC §10's typical matters, each department's duty words from
`duties.txt` and the categories' keywords: the whole line and every word on its own as pseudo-documents, so that a
department with little history, or a matter the history never saw, is still known).

The trained model is kept in the database (one row, every web process and worker reads the same), signed with an
HMAC of the secret key so that only a model this installation wrote is ever unpickled; `train_dispatch` (daily)
retrains it."""

from __future__ import annotations

import hashlib
import hmac
import pickle
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jieba
from django.conf import settings

from shuniu.governance.smart.suggest import _load_county_words

_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")
KEYWORD_COPIES = 3
MIN_DOCS = 20


def words(text: str) -> list[str]:
    """jieba words in search mode (long words and their parts), Chinese only, two characters or more."""
    _load_county_words()
    return [w for w in jieba.cut_for_search(text) if len(w) >= 2 and not _NOT_CJK.fullmatch(w)]


def chinese_only(text: str) -> str:
    return _NOT_CJK.sub(" ", text)


def document(title: str, content: str) -> str:
    """What the model reads of a request: the title counts twice (it is the citizen's own summary)."""
    return f"{title} {title} {content}"


@dataclass
class DispatchModel:
    pipeline: Any
    labels: list[str]
    samples: int

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Units by calibrated probability, best first."""
        probabilities = self.pipeline.predict_proba([text])[0]
        pairs = sorted(zip(self.pipeline.classes_, probabilities, strict=True), key=lambda p: -p[1])
        return [(str(label), round(float(p), 4)) for label, p in pairs]


def train(docs: Sequence[tuple[str, str]], keywords: dict[str, str]) -> DispatchModel | None:
    """Fit on (document, unit name) pairs and the keyword table; None when there is too little to learn from."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    texts = [text for text, _label in docs]
    labels = [label for _text, label in docs]
    for unit, table in keywords.items():
        # the whole duty line a few times, and each duty word on its own: one word is then enough evidence
        # (驾驶证 → 县公安局) even when the county's history never used it
        duties = table.split()
        texts += [table] * KEYWORD_COPIES + duties
        labels += [unit] * (KEYWORD_COPIES + len(duties))
    counts = Counter(labels)
    if len(docs) < MIN_DOCS or len(counts) < 2:
        return None
    folds = max(2, min(5, min(counts.values())))
    features = make_union(
        TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, preprocessor=chinese_only),
    )
    classifier = CalibratedClassifierCV(LinearSVC(C=0.5), cv=folds, method="sigmoid")
    pipeline = make_pipeline(features, classifier).fit(texts, labels)
    return DispatchModel(pipeline=pipeline, labels=sorted(counts), samples=len(docs))


def _signature(blob: bytes) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), blob, hashlib.sha256).hexdigest()


def dump(model: DispatchModel) -> tuple[bytes, str]:
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    return blob, _signature(blob)


def load(blob: bytes, signature: str) -> DispatchModel | None:
    """The stored model, or None when its signature is not this installation's (or it cannot be read)."""
    if not hmac.compare_digest(_signature(bytes(blob)), signature):
        return None
    try:
        model = pickle.loads(bytes(blob))  # noqa: S301 (signed by this installation's secret key)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError):
        return None
    return model if isinstance(model, DispatchModel) else None


_cache_lock = threading.Lock()
_cache: dict[str, Any] = {}


def cached(key: Any, build: Any) -> DispatchModel | None:
    """This process's copy of the model for `key` (the stored row's version, or the history size)."""
    with _cache_lock:
        if _cache.get("key") != key:
            _cache["model"], _cache["key"] = build(), key
        return _cache["model"]
