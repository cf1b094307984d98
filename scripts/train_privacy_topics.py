"""Trains the learned topic model of the privacy scan and writes resources/privacy/topics_model.npz.

It learns ONLY from study material: the study part of each shared corpus (``split_of`` in
bench/privacy.py), the study halves of the blind sets (tests/data/privacy_blind_study) and the
project's own case files.  Untouched parts and the blind sets that are only ever scored are
never read.  Positives are rows of the three topical categories; negatives are every row that
is not sensitive (questions about a topic, public facts, code, look-alike numbers…); rows that
are sensitive for another reason (a card, a key) are left out, as they teach nothing about
topics.

The threshold is chosen out of fold: every file is scored by a model trained on the others, and
the threshold is the lowest at which the model alone flags at most FALSE_ALARM_BUDGET of the
negatives (a false alarm costs a local answer).  The file records the threshold, the files it
learned from and the cross-validated numbers it printed.

    uv run python scripts/train_privacy_topics.py          # cross-validate, train, write
    uv run python scripts/train_privacy_topics.py --cv     # cross-validate only, write nothing

Deterministic: the same files give the same weights (full-batch Adam from zeros).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy.context import ScanContext  # noqa: E402
from aideon_desktop.core.privacy.detectors.learned_topics import topics_hit  # noqa: E402
from aideon_desktop.core.privacy.learned_topics import CLASSES, MODEL_FILE  # noqa: E402
from aideon_desktop.core.privacy.topic_features import (  # noqa: E402
    FEATURE_VERSION,
    TOPICS,
    features,
)
from aideon_desktop.core.resources import resource_path  # noqa: E402
from bench.privacy import load_rows, split_of  # noqa: E402
from scripts.adam import adam  # noqa: E402

# (file relative to the repository root, "study" = only its study part, "all" = all of it)
TRAINING: tuple[tuple[str, str], ...] = (
    ("../shared/privacy/dev.jsonl", "study"),
    ("../shared/privacy/peer.jsonl", "study"),
    ("../shared/privacy/peer2.jsonl", "study"),
    ("tests/data/privacy_blind_study/disguised_study.jsonl", "all"),
    ("tests/data/privacy_blind_study/holdout_study.jsonl", "all"),
    ("tests/data/privacy_blind_study/holdout2_study.jsonl", "all"),
    ("tests/data/privacy_own_cases.jsonl", "all"),
    ("tests/data/privacy_varied.jsonl", "all"),
    ("tests/data/privacy_generalization.jsonl", "all"),
    ("tests/data/privacy_round3_cases.jsonl", "all"),
    ("tests/data/privacy_prose4.jsonl", "all"),
    ("tests/data/privacy_prose5.jsonl", "all"),
    ("tests/data/privacy_prose6.jsonl", "all"),
    ("tests/data/privacy_ids4.jsonl", "all"),
    ("tests/data/privacy_secrets4.jsonl", "all"),
    ("tests/data/privacy_topics_train.jsonl", "all"),
)
FALSE_ALARM_BUDGET = 0.004  # of the negatives, out of fold
THRESHOLDS = tuple(round(0.5 + 0.01 * i, 2) for i in range(50))
MIN_FILES = 2  # a feature must occur in at least this many prompts to get a weight


@dataclass(frozen=True)
class Settings:
    l2: float = 1e-5
    steps: int = 3000
    learning_rate: float = 0.05


@dataclass(frozen=True)
class Example:
    source: str
    found: list[str]
    label: int  # index into CLASSES


def examples() -> list[Example]:
    """Every usable row of the training files, featurised."""
    out = []
    for name, part in TRAINING:
        for row in load_rows(ROOT / name):
            prompt = str(row["prompt"])
            if part == "study" and split_of(prompt) != "study":
                continue
            category = str(row["category"])
            if row["sensitive"] and category not in TOPICS:
                continue
            label = CLASSES.index(category) if row["sensitive"] else 0
            ctx = ScanContext(prompt)
            out.append(Example(name, features(ctx.lower, topics_hit(ctx)), label))
    return out


def matrix(data: list[Example], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every feature occurrence that has a column (counts by repetition)."""
    rows, cols = [], []
    for r, example in enumerate(data):
        for feature in example.found:
            c = index.get(feature)
            if c is not None:
                rows.append(r)
                cols.append(c)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def fit(data: list[Example], settings: Settings = Settings()) -> dict[str, np.ndarray]:
    """Class-balanced multinomial logistic regression with L2, full-batch Adam from zeros."""
    seen = Counter(f for example in data for f in set(example.found))
    vocabulary = sorted(f for f, n in seen.items() if n >= MIN_FILES)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows, cols = matrix(data, index)
    n, d, k = len(data), len(vocabulary), len(CLASSES)
    labels = np.array([e.label for e in data])
    target = np.eye(k)[labels]
    balance = (n / (k * np.bincount(labels, minlength=k)))[labels] / n
    params = [np.zeros((d, k)), np.zeros(k)]

    def grads() -> list[np.ndarray]:
        weights, bias = params
        scores = np.tile(bias, (n, 1))
        for c in range(k):
            scores[:, c] += np.bincount(rows, weights=weights[cols, c], minlength=n)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        g = (probs - target) * balance[:, None]
        grad_w = np.stack(
            [np.bincount(cols, weights=g[rows, c], minlength=d) for c in range(k)], axis=1
        )
        return [grad_w + settings.l2 * weights, g.sum(axis=0)]

    adam(params, grads, settings.steps, settings.learning_rate)
    return {
        "vocabulary": np.array("\n".join(vocabulary)),
        "weights": params[0].astype(np.float32),
        "bias": params[1],
    }


def predict(arrays: dict[str, np.ndarray], data: list[Example]) -> np.ndarray:
    index = {f: i for i, f in enumerate(str(arrays["vocabulary"]).split("\n"))}
    rows, cols = matrix(data, index)
    scores = np.tile(arrays["bias"], (len(data), 1))
    for c in range(len(CLASSES)):
        scores[:, c] += np.bincount(
            rows, weights=arrays["weights"][cols, c].astype(np.float64), minlength=len(data)
        )
    scores -= scores.max(axis=1, keepdims=True)
    probs = np.exp(scores)
    return probs / probs.sum(axis=1, keepdims=True)


def out_of_fold(data: list[Example]) -> np.ndarray:
    """Each file's probabilities from a model trained on every other file."""
    probs = np.zeros((len(data), len(CLASSES)))
    sources = np.array([e.source for e in data])
    for source in dict.fromkeys(sources):
        held = np.flatnonzero(sources == source)
        train = [data[i] for i in np.flatnonzero(sources != source)]
        probs[held] = predict(fit(train), [data[i] for i in held])
    return probs


def choose_threshold(probs: np.ndarray, labels: np.ndarray) -> float:
    """The lowest threshold at which the model alone flags at most the budget of negatives."""
    negatives = probs[labels == 0, 1:].max(axis=1)
    for threshold in THRESHOLDS:
        if (negatives > threshold).mean() <= FALSE_ALARM_BUDGET:
            return threshold
    return THRESHOLDS[-1]


def report(probs: np.ndarray, labels: np.ndarray, threshold: float) -> list[str]:
    """Cross-validated precision and recall per topic (a flag counts for its argmax topic)."""
    best = probs[:, 1:].argmax(axis=1) + 1
    flagged = probs[:, 1:].max(axis=1) > threshold
    lines = [f"out of fold, threshold {threshold:.2f}  (n={len(labels)})"]
    for c, topic in enumerate(TOPICS, start=1):
        tp = int(((best == c) & flagged & (labels == c)).sum())
        fp = int(((best == c) & flagged & (labels != c)).sum())
        fn = int(((labels == c) & ~(flagged & (best == c))).sum())
        p = tp / (tp + fp) if tp + fp else float("nan")
        lines.append(f"{topic:22} P={p:.3f} R={tp / (tp + fn):.3f}  (n={tp + fn})")
    pos = labels > 0
    lines.append(
        f"{'any topic':22} R={(flagged & pos).sum() / pos.sum():.3f}  "
        f"false alarms {(flagged & ~pos).sum()}/{(~pos).sum()}"
    )
    return lines


def trained_on_entry(name: str, part: str) -> str:
    """How the model file names a training file: "<path>#study" where only its study part."""
    return f"{name}#study" if part == "study" else name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate only, write nothing")
    args = parser.parse_args()
    data = examples()
    labels = np.array([e.label for e in data])
    print(
        f"{len(data)} prompts: "
        + ", ".join(f"{c} {n}" for c, n in zip(CLASSES, np.bincount(labels), strict=True))
    )
    probs = out_of_fold(data)
    threshold = choose_threshold(probs, labels)
    lines = report(probs, labels, threshold)
    print("\n".join(lines))
    if args.cv:
        return
    arrays = fit(data)
    path = resource_path(MODEL_FILE)
    np.savez_compressed(
        path,
        **arrays,
        threshold=np.array(threshold),
        trained_on=np.array([trained_on_entry(name, part) for name, part in TRAINING]),
        feature_version=np.array(FEATURE_VERSION),
        cross_validation=np.array("\n".join(lines)),
    )
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
