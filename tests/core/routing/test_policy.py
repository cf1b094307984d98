"""The routing policy file: every task and difficulty has a floor and an answer length; bad
files are refused with the reason, not filled with defaults."""

from __future__ import annotations

import copy
import tomllib

import pytest

from aideon_desktop.core.resources import resource_path
from aideon_desktop.core.routing.policy import DIFFICULTIES, TASKS, load_policy, policy_from


def shipped() -> dict:
    with resource_path("routing.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_the_shipped_policy_is_complete_and_ordered() -> None:
    policy = load_policy()
    for task in TASKS:
        floors = [policy.floor(task, d) for d in DIFFICULTIES]
        assert floors == sorted(floors), f"{task}: a harder prompt needs at least as good a model"
        assert all(policy.answer_tokens(task, d) > 0 for d in DIFFICULTIES)
    assert policy.learning.max_up > 0 and policy.learning.max_down > 0


def test_a_missing_difficulty_is_an_error() -> None:
    data = shipped()
    del data["floors"]["code"]["hard"]
    with pytest.raises(ValueError, match=r"\[floors.code\] lacks hard"):
        policy_from(data)


def test_negative_learning_bounds_are_refused() -> None:
    data = copy.deepcopy(shipped())
    data["learning"]["max_up"] = -1
    with pytest.raises(ValueError, match="bounds must be positive"):
        policy_from(data)


def test_learning_points_are_clamped() -> None:
    limits = load_policy().learning
    assert limits.clamp(1e9) == limits.max_up and limits.clamp(-1e9) == -limits.max_down
