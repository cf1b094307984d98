"""The learned weights of ``resources/tasks_model.npz`` and how they score a prompt.

A linear model over the features of ``features.py``: the task is the highest of three scores
(code, reasoning, general); the difficulty is "hard" when its score is above zero.  The file is
written by ``scripts/train_tasks.py`` from the labelled sets it lists (never from a set used to
measure it) and records which sets those were.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aideon_desktop.core.resources import resource_path
from aideon_desktop.core.tasks.features import (
    DIFFICULTY_CUES,
    TASK_CUES,
    TASKS,
    cue_values,
    difficulty_vector,
    ngrams,
)
from aideon_desktop.core.tasks.signals import Analysis

if TYPE_CHECKING:  # numpy is imported when the model is first loaded, not at start-up
    import numpy as np

MODEL_FILE = "tasks_model.npz"


class ModelMismatchError(RuntimeError):
    """The weights file was trained for other features than this code computes."""


@dataclass(frozen=True)
class TaskModel:
    index: dict[str, int]  # n-gram → row of ngram_weights
    ngram_weights: np.ndarray  # (n-grams, 4): code, reasoning, general, hard
    task_weights: np.ndarray  # (len(TASK_CUES), 3)
    task_bias: np.ndarray  # (3,)
    difficulty_weights: np.ndarray  # (len(DIFFICULTY_CUES) * 3,)
    trained_on: tuple[str, ...]  # the labelled sets it learned from

    def _ngram_scores(self, a: Analysis) -> np.ndarray:
        import numpy as np

        grams = set(ngrams(a.text))
        index = self.index
        rows = [index[g] for g in grams & index.keys()]
        if not rows:
            return np.zeros(4)
        return self.ngram_weights[rows].sum(axis=0) / math.sqrt(len(grams))

    def scores(self, a: Analysis) -> tuple[dict[str, float], float]:
        """(a score per task, the difficulty score of the best task: hard above zero)."""
        import numpy as np

        grams = self._ngram_scores(a)
        task_values, difficulty_values = cue_values(a)
        task_scores = np.array(task_values) @ self.task_weights + self.task_bias + grams[:3]
        best = TASKS[int(np.argmax(task_scores))]
        vector = difficulty_vector(a, best, difficulty_values)
        difficulty = float(np.dot(vector, self.difficulty_weights))
        return dict(zip(TASKS, task_scores.tolist(), strict=True)), difficulty + float(grams[3])


def model_from(arrays: Mapping[str, np.ndarray]) -> TaskModel:
    """A model from the arrays ``scripts/train_tasks.py`` writes (or has just computed)."""
    import numpy as np

    task_cues, difficulty_cues = tuple(arrays["task_cues"]), tuple(arrays["difficulty_cues"])
    if task_cues != TASK_CUES or difficulty_cues != DIFFICULTY_CUES:
        raise ModelMismatchError(
            f"resources/{MODEL_FILE} was trained on other features than this code computes; "
            "run `uv run python scripts/train_tasks.py`"
        )
    vocabulary = str(arrays["vocabulary"]).split("\n")
    trained_on = arrays.get("trained_on", ())
    return TaskModel(
        index={gram: i for i, gram in enumerate(vocabulary)},
        ngram_weights=np.asarray(arrays["ngram_weights"], dtype=np.float64),
        task_weights=np.asarray(arrays["task_weights"], dtype=np.float64),
        task_bias=np.asarray(arrays["task_bias"], dtype=np.float64),
        difficulty_weights=np.asarray(arrays["difficulty_weights"], dtype=np.float64),
        trained_on=tuple(str(name) for name in trained_on),
    )


def load_model(path: Path) -> TaskModel:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return model_from({name: data[name] for name in data.files})


@functools.cache
def task_model() -> TaskModel:
    """The shipped model, loaded once."""
    return load_model(resource_path(MODEL_FILE))
