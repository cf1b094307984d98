"""The learned part of the task classifier (core/tasks/model.py, scripts/train_tasks.py): the
shipped weights belong to the features this code computes and to the sets the trainer lists,
training is reproducible, and a stale weights file is refused with a clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aideon_desktop.core.resources import resource_path
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
    with np.load(resource_path(MODEL_FILE), allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["task_cues"] = np.array([*arrays["task_cues"][:-1], "renamed"])
    stale = tmp_path / "stale.npz"
    np.savez(stale, **arrays)
    with pytest.raises(ModelMismatchError, match=r"train_tasks\.py"):
        load_model(stale)
