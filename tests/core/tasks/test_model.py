"""The learned part of the task classifier (core/tasks/model.py, scripts/train_tasks.py): the
shipped weights belong to the features this code computes and to the sets the trainer lists,
training is reproducible, and a stale weights file is refused with a clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aideon_desktop.core.resources import read_arrays, resource_path
from aideon_desktop.core.tasks.features import TASKS, cue_values, difficulty_vector, ngrams
from aideon_desktop.core.tasks.model import (
    MODEL_FILE,
    ModelMismatchError,
    load_model,
    model_from,
    task_model,
)
from aideon_desktop.core.tasks.signals import Analysis
from scripts.train_tasks import TRAINING, Settings, fit, load

HELD_OUT = "tasks_new/e.jsonl"  # measures the model; never trained on


def test_shipped_model_is_trained_on_the_listed_sets_only() -> None:
    model = task_model()
    assert model.trained_on == TRAINING
    assert HELD_OUT not in model.trained_on
    assert model.ngram_weights.shape == (len(model.index), 4)


def test_training_is_reproducible_and_learns() -> None:
    rows = [r for r in load(["tasks_train/core.jsonl"]) if r["lang"] in ("en", "de")]
    quick = Settings(epochs=60)
    first, second = fit(rows, quick), fit(rows, quick)
    for name, array in first.items():
        assert np.array_equal(array, second[name]), name
    model = model_from(first)
    right = 0
    for row in rows:
        scores, _ = model.scores(Analysis(row["prompt"]))
        right += max(scores, key=scores.__getitem__) == row["task"]
    assert right / len(rows) >= 0.9  # it fits what it was shown


def test_a_model_for_other_features_is_refused(tmp_path: Path) -> None:
    arrays = read_arrays(resource_path(MODEL_FILE))
    arrays["task_cues"] = np.array([*arrays["task_cues"][:-1], "renamed"])
    stale = tmp_path / "stale.npz"
    np.savez(stale, **arrays)
    with pytest.raises(ModelMismatchError, match=r"train_tasks\.py"):
        load_model(stale)


def test_fast_scoring_equals_the_training_formula() -> None:
    """scores() sums cached per-word n-grams in Python; it must give what the trainer's formula
    gives: weights of the distinct n-grams over √(their number), plus cues times weights."""
    model = task_model()
    prompts = [row["prompt"] for row in load(["tasks_new/c.jsonl", "tasks_train/round3.jsonl"])]
    prompts += ["", "ok", "x" * 3000, "翻译成英文：“请在部署新版本之前先备份数据库。”"]
    for prompt in prompts * 2:  # the second time from the cache
        a = Analysis(prompt)
        grams = set(ngrams(a.text))
        rows = [model.index[g] for g in grams if g in model.index]
        gram_part = model.ngram_weights[rows].sum(axis=0) / np.sqrt(max(1, len(grams)))
        task_values, difficulty_values = cue_values(a)
        expected = np.array(task_values) @ model.task_weights + model.task_bias + gram_part[:3]
        scores, hard = model.scores(a)
        assert np.allclose([scores[t] for t in TASKS], expected, atol=1e-9), prompt
        best = TASKS[int(np.argmax(expected))]
        vector = difficulty_vector(a, best, difficulty_values)
        assert hard == pytest.approx(np.dot(vector, model.difficulty_weights) + gram_part[3])
