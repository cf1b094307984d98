"""The learned weights of ``resources/tasks_model.npz`` and how they score a prompt.

A linear model over the features of ``features.py``: the task is the highest of three scores
(code, reasoning, general); the difficulty is "hard" when its score is above zero.  The file is
written by ``scripts/train_tasks.py`` from the labelled sets it lists (never from a set used to
measure it) and records which sets those were.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aideon_desktop.core.resources import read_arrays, resource_path
from aideon_desktop.core.tasks.features import (
    DIFFICULTY_CUES,
    TASK_CUES,
    TASKS,
    cue_values,
    piece_grams,
    pieces,
)
from aideon_desktop.core.tasks.signals import Analysis

if TYPE_CHECKING:  # numpy is imported when the model is first loaded, not at start-up
    import numpy as np

MODEL_FILE = "tasks_model.npz"


class ModelMismatchError(RuntimeError):
    """The weights file was trained for other features than this code computes."""


# Words and CJK runs whose n-grams are remembered: about 0.6 KB each, 10 MB at most.
PIECE_CACHE = 1 << 14


@dataclass(frozen=True)
class TaskModel:
    index: dict[str, int]  # n-gram → row of ngram_weights
    ngram_weights: np.ndarray  # (n-grams, 4): code, reasoning, general, hard
    task_weights: np.ndarray  # (len(TASK_CUES), 3)
    task_bias: np.ndarray  # (3,)
    difficulty_weights: np.ndarray  # (len(DIFFICULTY_CUES) * 3,)
    trained_on: tuple[str, ...]  # the labelled sets it learned from
    # The same weights as plain floats (a prompt's few dozen cues are summed faster in Python
    # than numpy is called), and the n-grams of each word met, remembered: words repeat.
    _task_rows: list[tuple[float, float, float]] = field(init=False, repr=False, compare=False)
    _difficulty_blocks: list[list[float]] = field(init=False, repr=False, compare=False)
    _columns: np.ndarray = field(init=False, repr=False, compare=False)
    _piece: Callable[[str], tuple[tuple[int, ...], tuple[str, ...]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        size = len(DIFFICULTY_CUES)
        weights = self.difficulty_weights.tolist()
        blocks = [weights[k * size : (k + 1) * size] for k in range(len(TASKS))]
        rows = [(float(a), float(b), float(c)) for a, b, c in self.task_weights.tolist()]
        object.__setattr__(self, "_task_rows", rows)
        object.__setattr__(self, "_difficulty_blocks", blocks)
        object.__setattr__(self, "_columns", self.ngram_weights.T.copy())
        object.__setattr__(self, "_piece", functools.lru_cache(PIECE_CACHE)(self._piece_grams))

    def _piece_grams(self, piece: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """(rows of the known n-grams of one word or CJK run, its unknown n-grams), as tuples:
        a tenth of the memory of sets."""
        grams = set(piece_grams(piece))
        index = self.index
        known = tuple(index[g] for g in grams if g in index)
        return known, tuple(g for g in grams if g not in index)

    def _ngram_scores(self, a: Analysis) -> list[float]:
        """The n-gram part of the four scores: the weights of the prompt's distinct n-grams,
        summed and divided by the square root of how many distinct n-grams it has."""
        import numpy as np

        found = [self._piece(piece) for piece in set(pieces(a.text))]
        rows = frozenset().union(*(known for known, _ in found))
        if not rows:
            return [0.0] * 4
        unknown = frozenset().union(*(other for _, other in found))
        taken = np.fromiter(rows, dtype=np.intp, count=len(rows))
        total = self._columns.take(taken, axis=1).sum(axis=1)
        return (total / math.sqrt(len(rows) + len(unknown))).tolist()

    def scores(self, a: Analysis) -> tuple[dict[str, float], float]:
        """(a score per task, the difficulty score of the best task: hard above zero)."""
        grams = self._ngram_scores(a)
        task_values, difficulty_values = cue_values(a)
        totals = [float(b) + g for b, g in zip(self.task_bias.tolist(), grams, strict=False)]
        for value, (code, reasoning, general) in zip(task_values, self._task_rows, strict=True):
            if value:
                totals[0] += value * code
                totals[1] += value * reasoning
                totals[2] += value * general
        best = max(range(len(TASKS)), key=totals.__getitem__)
        block = self._difficulty_blocks[best]
        difficulty = sum(v * w for v, w in zip(difficulty_values, block, strict=True) if v)
        return dict(zip(TASKS, totals, strict=True)), difficulty + grams[3]


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
    return model_from(read_arrays(path))


@functools.cache
def task_model() -> TaskModel:
    """The shipped model, loaded once."""
    return load_model(resource_path(MODEL_FILE))
