"""The learned topic model: weights in ``resources/privacy/topics_model.npz`` and how they score.

A linear model (multinomial logistic regression) over the features of ``topic_features.py``
with four classes: not topical, health, personal situation, confidential business.  It is a
second reader beside the rules of ``detectors/topics.py``: they know *why* a sentence is a
disclosure, it has seen how disclosures and look-alike questions are worded and catches
wordings no rule names yet.  ``scripts/train_privacy_topics.py`` writes the file from study
material only (it records which files) and picks its threshold out of fold.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aideon_desktop.core.privacy.topic_features import (
    FEATURE_VERSION,
    STEM,
    TOPICS,
    cjk,
    cjk_features,
    tokens,
)
from aideon_desktop.core.resources import read_arrays, resource_path

if TYPE_CHECKING:  # numpy is imported when the model is first loaded, not at start-up
    import numpy as np

MODEL_FILE = "privacy/topics_model.npz"
CLASSES = ("none", *TOPICS)
NUMBER = "#0"  # by_token's key for "the text holds a number" (no word is spelled so)


class TopicModelMismatchError(RuntimeError):
    """The weights file was trained on other features than this code computes."""


Weights = tuple[float, ...]  # one weight per class of CLASSES


class Evidence(NamedTuple):
    """What a text gave the model: the words (or cues) it knows and their weights."""

    keys: list[str]
    rows: list[Weights]


@dataclass(frozen=True)
class TopicModel:
    index: dict[str, int]  # feature → row of weights
    weights: np.ndarray  # (features, len(CLASSES))
    bias: np.ndarray  # (len(CLASSES),)
    threshold: float  # a topic is flagged when its probability is above this
    trained_on: tuple[str, ...]  # the files it learned from (study material only)
    # The same weights arranged for scanning (plain tuples: a scan sums a few hundred of them,
    # which Python does faster than numpy's indexing); a word's holds its stem's weights too.
    by_token: dict[str, Weights]  # a word, NUMBER, "h:<topic>" → its weights
    by_stem: dict[str, Weights]  # a stem, for words not in the vocabulary
    by_cjk: dict[str, Weights]  # a Chinese, Japanese or Korean character or pair

    def probabilities(self, found: list[str]) -> list[float]:
        """P(class) for each of CLASSES, from a list of features (as training computes them)."""
        rows = [i for i in map(self.index.get, found) if i is not None]
        return _softmax((self.bias + self.weights[rows].sum(axis=0)).tolist())

    def evidence(self, piece: str, topics_hit: Iterable[str]) -> Evidence:
        """The weights a lower-cased piece of text sums, with their keys: the same sum as
        ``probabilities`` over ``features``.  Known words are looked up in one pass; only the
        rest (numbers, CJK runs, unknown words with a known stem) one by one."""
        distinct = list(tokens(piece))
        found = list(map(self.by_token.get, distinct))
        keys = [t for t, row in zip(distinct, found, strict=True) if row is not None]
        rows = [row for row in found if row is not None]
        rest = [t for t, row in zip(distinct, found, strict=True) if row is None]
        number = self._add_unknown(rest, keys, rows)
        for key in ([NUMBER] if number else []) + ["h:" + topic for topic in topics_hit]:
            row = self.by_token.get(key)
            if row is not None:
                keys.append(key)
                rows.append(row)
        return Evidence(keys, rows)

    def _add_unknown(self, rest: list[str], keys: list[str], rows: list[Weights]) -> bool:
        """Add what the tokens that are not known words give (a CJK run's characters and
        pairs, an unknown word's stem); whether any of them is a number."""
        number = False
        by_stem, by_cjk = self.by_stem.get, self.by_cjk.get
        for token in rest:
            if token[0].isdigit():
                number = True
            elif cjk(token):
                for feature in cjk_features(token):
                    row = by_cjk(feature)
                    if row is not None:
                        keys.append(feature)
                        rows.append(row)
            elif len(token) > STEM:
                row = by_stem(token[:STEM])
                if row is not None:
                    keys.append(token)
                    rows.append(row)
        return number

    def text_probabilities(self, evidence: Evidence) -> list[float]:
        """P(class) for each of CLASSES, from a text's evidence."""
        if not evidence.rows:
            return _softmax(self.bias.tolist())
        sums = map(sum, zip(*evidence.rows, strict=True))
        return _softmax([b + s for b, s in zip(self.bias.tolist(), sums, strict=True)])

    def strongest(self, evidence: Evidence, topic: str) -> str | None:
        """The word (or cue) that speaks most for ``topic``: where a finding points."""
        column = CLASSES.index(topic)
        weight, key = max(
            ((row[column], key) for key, row in zip(evidence.keys, evidence.rows, strict=True)),
            default=(0.0, None),
        )
        return key if weight > 0 else None

    def verdict(self, probs: list[float]) -> tuple[str, float] | None:
        """(the most likely topic, its probability) when that is above the threshold."""
        best = max(range(1, len(CLASSES)), key=probs.__getitem__)
        return (CLASSES[best], probs[best]) if probs[best] > self.threshold else None


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _token_tables(index: dict[str, int], weights: np.ndarray) -> dict[str, dict[str, Weights]]:
    """{"w": by_token, "p": by_stem, "": by_cjk}: the weights by what the scan looks up, each
    word's with its stem's added in."""
    tables: dict[str, dict[str, Weights]] = {"w": {}, "p": {}, "": {}}
    for feature, i in index.items():
        kind, _, key = feature.partition(":") if feature[1:2] == ":" else ("", "", feature)
        row = weights[i]
        if kind == "w" and len(key) > STEM and f"p:{key[:STEM]}" in index:
            row = row + weights[index[f"p:{key[:STEM]}"]]
        if kind == "h":
            kind, key = "w", feature
        elif feature == "w:0":
            key = NUMBER
        tables[kind][key] = tuple(row.tolist())
    return tables


def model_from(arrays: Mapping[str, np.ndarray]) -> TopicModel:
    """A model from the arrays ``scripts/train_privacy_topics.py`` writes."""
    import numpy as np

    if str(arrays["feature_version"]) != FEATURE_VERSION:
        raise TopicModelMismatchError(
            f"resources/{MODEL_FILE} was trained on other features than this code computes; "
            "run `uv run python scripts/train_privacy_topics.py`"
        )
    index = {feature: i for i, feature in enumerate(str(arrays["vocabulary"]).split("\n"))}
    weights = np.asarray(arrays["weights"], dtype=np.float64)
    tables = _token_tables(index, weights)
    return TopicModel(
        index=index,
        weights=weights,
        bias=np.asarray(arrays["bias"], dtype=np.float64),
        threshold=float(arrays["threshold"]),
        trained_on=tuple(str(name) for name in arrays["trained_on"]),
        by_token=tables["w"],
        by_stem=tables["p"],
        by_cjk=tables[""],
    )


def load_model(path: Path) -> TopicModel:
    return model_from(read_arrays(path))


@functools.cache
def topic_model() -> TopicModel:
    """The shipped model, loaded once."""
    return load_model(resource_path(MODEL_FILE))
