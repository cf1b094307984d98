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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aideon_desktop.core.privacy.topic_features import FEATURE_VERSION, TOPICS
from aideon_desktop.core.resources import resource_path

if TYPE_CHECKING:  # numpy is imported when the model is first loaded, not at start-up
    import numpy as np

MODEL_FILE = "privacy/topics_model.npz"
CLASSES = ("none", *TOPICS)


class TopicModelMismatchError(RuntimeError):
    """The weights file was trained on other features than this code computes."""


@dataclass(frozen=True)
class TopicModel:
    index: dict[str, int]  # feature → row of weights
    weights: np.ndarray  # (features, len(CLASSES))
    bias: np.ndarray  # (len(CLASSES),)
    threshold: float  # a topic is flagged when its probability is above this
    trained_on: tuple[str, ...]  # the files it learned from (study material only)

    def probabilities(self, found: list[str]) -> list[float]:
        """P(class) for each of CLASSES, from a text's features."""
        get = self.index.get
        rows = [i for i in map(get, found) if i is not None]
        scores = self.bias + self.weights[rows].sum(axis=0) if rows else self.bias
        top = float(scores.max())
        exps = [math.exp(float(s) - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def verdict(self, found: list[str]) -> tuple[str, float] | None:
        """(the most likely topic, its probability) when that is above the threshold."""
        probs = self.probabilities(found)
        best = max(range(1, len(CLASSES)), key=probs.__getitem__)
        return (CLASSES[best], probs[best]) if probs[best] > self.threshold else None

    def strongest(self, found: list[str], topic: str) -> str | None:
        """The feature that speaks most for ``topic`` (where a finding points)."""
        column = CLASSES.index(topic)
        best, weight = None, 0.0
        for feature in set(found):
            i = self.index.get(feature)
            if i is not None and self.weights[i, column] > weight:
                best, weight = feature, float(self.weights[i, column])
        return best


def model_from(arrays: Mapping[str, np.ndarray]) -> TopicModel:
    """A model from the arrays ``scripts/train_privacy_topics.py`` writes."""
    import numpy as np

    if str(arrays["feature_version"]) != FEATURE_VERSION:
        raise TopicModelMismatchError(
            f"resources/{MODEL_FILE} was trained on other features than this code computes; "
            "run `uv run python scripts/train_privacy_topics.py`"
        )
    vocabulary = str(arrays["vocabulary"]).split("\n")
    return TopicModel(
        index={feature: i for i, feature in enumerate(vocabulary)},
        weights=np.asarray(arrays["weights"], dtype=np.float64),
        bias=np.asarray(arrays["bias"], dtype=np.float64),
        threshold=float(arrays["threshold"]),
        trained_on=tuple(str(name) for name in arrays["trained_on"]),
    )


def load_model(path: Path) -> TopicModel:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return model_from({name: data[name] for name in data.files})


@functools.cache
def topic_model() -> TopicModel:
    """The shipped model, loaded once."""
    return load_model(resource_path(MODEL_FILE))
